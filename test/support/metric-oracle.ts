/**
 * The differential metrics tests' side of the comparison, kept apart from the code under test: what
 * a dashboard value is compared on, and the trend rule written out again in plain TypeScript (never
 * imported from `@orion/contracts`, so a wrong rule there can not make its own test pass).
 */
import type { MetricValue } from '../../packages/contracts/src/index.js';

/** The fields a dashboard value is compared on; unit and trend only where the provider set them. */
export interface ComparableMetric {
  key: string;
  value: number;
  unit?: string;
  trend?: 'up' | 'down' | 'stable';
  trendValue?: number | null;
}

/** A provider's values reduced to what is compared exactly. */
export function comparableMetrics(metrics: MetricValue[]): ComparableMetric[] {
  return metrics.map((metric) => ({
    key: metric.key,
    value: metric.value as number,
    ...(metric.unit === undefined ? {} : { unit: metric.unit }),
    ...(metric.trend === undefined ? {} : { trend: metric.trend }),
    ...(metric.trendValue === undefined ? {} : { trendValue: metric.trendValue }),
  }));
}

/**
 * The trend rule, from the exact values (never the displayed, rounded ones): the percent change to
 * one decimal, where from 0 to something is up (or down) with no percentage; or, for a rate
 * (`'points'`), the difference in percentage points to one decimal. Only the result is rounded.
 */
export function expectedTrend(
  current: number,
  previous: number,
  change: 'relative' | 'points' = 'relative',
): Pick<ComparableMetric, 'trend' | 'trendValue'> {
  let rounded: number;
  if (change === 'points') {
    rounded = Math.round((current - previous) * 10) / 10;
  } else {
    if (previous === 0) {
      if (current === 0) return { trend: 'stable', trendValue: 0 };
      return { trend: current > 0 ? 'up' : 'down', trendValue: null };
    }
    rounded = Math.round(((current - previous) / Math.abs(previous)) * 1000) / 10;
  }
  if (rounded === 0) return { trend: 'stable', trendValue: 0 };
  return { trend: rounded > 0 ? 'up' : 'down', trendValue: rounded };
}
