import type { MetricValue, Trend } from './metric-value.js';

/** What {@link computeTrend} returns, ready to spread into a {@link MetricValue}. */
export interface TrendResult {
  trend: Trend;
  trendValue: number | null;
}

/**
 * The one trend rule every provider uses: percent change against the previous window of the same
 * length, rounded to one decimal.
 *
 * - `stable` when the rounded change is 0 (including 0 → 0);
 * - when the previous value is 0 and the current is not, the direction of the current value and
 *   `trendValue: null`: a change from nothing has no percentage, never "+100%".
 *
 * @example
 * ```ts
 * import { computeTrend } from '@orion/contracts';
 * computeTrend(110, 100); // { trend: 'up', trendValue: 10 }
 * computeTrend(5, 0);     // { trend: 'up', trendValue: null }
 * ```
 */
export function computeTrend(current: number, previous: number): TrendResult {
  if (previous === 0) {
    if (current === 0) return { trend: 'stable', trendValue: 0 };
    return { trend: current > 0 ? 'up' : 'down', trendValue: null };
  }
  const change = Math.round(((current - previous) / Math.abs(previous)) * 1000) / 10;
  if (change === 0) return { trend: 'stable', trendValue: 0 };
  return { trend: change > 0 ? 'up' : 'down', trendValue: change };
}

/**
 * Returns `metric` with the trend against `previous` when `includeTrends` is on, unchanged otherwise.
 *
 * @example
 * ```ts
 * import { withTrend } from '@orion/contracts';
 * withTrend({ key: 'orders.count', value: 12, label: 'Orders', category: 'orders' }, 10, context.includeTrends);
 * ```
 */
export function withTrend(metric: MetricValue, previous: number, includeTrends: boolean): MetricValue {
  if (!includeTrends || typeof metric.value !== 'number') return metric;
  return { ...metric, ...computeTrend(metric.value, previous) };
}
