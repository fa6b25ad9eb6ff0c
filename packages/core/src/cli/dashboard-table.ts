import { currencyCodePattern, currencyMinorDigits, type MetricValue } from '@orion/contracts';
import type { DashboardStats } from '../stats/stats-aggregator.js';
import { textTable } from './text-table.js';

const arrows = { up: '↑', down: '↓', stable: '→' } as const;

/**
 * A dashboard as terminal lines: a title with the window, one aligned row per metric (category,
 * label, value with its unit, trend arrow and change), then one line per provider that failed.
 * Numbers are formatted for `locale` (default `en`); money keeps its currency's minor digits.
 */
export function dashboardTable(stats: DashboardStats): string[] {
  const { window } = stats;
  const locale = usableLocale(window.locale);
  const title =
    stats.scope === 'store'
      ? `Store dashboard: store ${stats.storeId} on platform ${stats.platformId}`
      : `Platform dashboard: platform ${stats.platformId}`;
  const lines = [
    title,
    `Window: ${window.dateFrom.toISOString()} to ${window.dateTo.toISOString()}` +
      (window.includeTrends
        ? `, trends against ${window.previousFrom.toISOString()} to ${window.previousTo.toISOString()}`
        : ''),
    '',
  ];
  const rows = Object.entries(stats.categories).flatMap(([category, metrics]) =>
    metrics.map((metric) => [category, metric.label, formatValue(metric, locale), formatTrend(metric, locale)]),
  );
  lines.push(...(rows.length === 0 ? ['No metrics.'] : textTable(['category', 'metric', 'value', 'trend'], rows)));
  for (const failure of stats.failures) {
    lines.push(`failed: ${failure.category} (module "${failure.module}"): ${failure.message} (${failure.code})`);
  }
  return lines;
}

function formatValue(metric: MetricValue, locale: string): string {
  const { value, unit } = metric;
  if (typeof value === 'string') return unit ? `${value} ${unit}` : value;
  const digits = unit && currencyCodePattern.test(unit) ? currencyMinorDigits(unit) : undefined;
  const number = new Intl.NumberFormat(
    locale,
    digits === undefined
      ? { maximumFractionDigits: 2 }
      : { minimumFractionDigits: digits, maximumFractionDigits: digits },
  ).format(value);
  if (!unit) return number;
  return unit === '%' ? `${number}%` : `${number} ${unit}`;
}

function formatTrend(metric: MetricValue, locale: string): string {
  if (!metric.trend) return '';
  const arrow = arrows[metric.trend];
  if (metric.trendValue === null || metric.trendValue === undefined) return arrow;
  const change = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(
    metric.trendValue,
  );
  return `${arrow} ${change}%`;
}

function usableLocale(locale: string | undefined): string {
  if (!locale) return 'en';
  try {
    return new Intl.NumberFormat(locale).resolvedOptions().locale;
  } catch {
    return 'en';
  }
}
