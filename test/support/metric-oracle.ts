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

/** The trend rule: percent change to one decimal; from 0 to something is up with no percentage. */
export function expectedTrend(current: number, previous: number): Pick<ComparableMetric, 'trend' | 'trendValue'> {
  if (previous === 0) return current === 0 ? { trend: 'stable', trendValue: 0 } : { trend: 'up', trendValue: null };
  const percent = Math.round(((current - previous) / previous) * 1000) / 10;
  if (percent === 0) return { trend: 'stable', trendValue: 0 };
  return { trend: percent > 0 ? 'up' : 'down', trendValue: percent };
}
