import type { MetricValue, Trend } from './metric-value.js';

/** What {@link computeTrend} returns, ready to spread into a {@link MetricValue}. */
export interface TrendResult {
  trend: Trend;
  trendValue: number | null;
}

/**
 * How a trend measures the change between the previous window and this one:
 *
 * - `'relative'` (the default): percent change of the value, `(current − previous) / |previous| × 100`.
 *   Right for amounts and counts (orders, revenue, an average order value).
 * - `'points'`: the difference `current − previous` in the metric's own unit. Right for rates
 *   that are already percentages (a success rate of 60 % after 50 % is `+10` points, not `+20 %`);
 *   a reader of a rate expects percentage points. Defined from a previous value of 0 too.
 */
export type TrendChange = 'relative' | 'points';

/** Options of {@link computeTrend} and {@link withTrend}. */
export interface TrendOptions {
  /** How the change is measured; `'relative'` unless given. See {@link TrendChange}. */
  change?: TrendChange | undefined;
  /**
   * For {@link withTrend}: the exact current value to compare, when the metric's `value` is rounded
   * for display (an average to a whole minor unit, a rate to one decimal). Pass the exact previous
   * value as `previous` as well: a trend comes from the exact values; only the result is rounded.
   */
  current?: number | undefined;
}

/**
 * The one trend rule every provider uses: the change against the previous window of the same
 * length, computed from the exact values given and rounded (only the result) to one decimal.
 *
 * - relative change (the default): percent change; when the previous value is 0 and the current
 *   is not, the direction of the current value and `trendValue: null` (a change from nothing has no
 *   percentage, never "+100%");
 * - `change: 'points'`: the difference in the metric's unit (percentage points for a rate);
 * - `stable` whenever the rounded change is 0 (including 0 → 0).
 *
 * Pass exact values: a provider that displays a rounded value (an average, a rate) computes its
 * trend from the unrounded numbers, or the trend can be off by a few tenths.
 *
 * @example
 * ```ts
 * import { computeTrend } from '@orion/contracts';
 * computeTrend(110, 100); // { trend: 'up', trendValue: 10 }
 * computeTrend(5, 0);     // { trend: 'up', trendValue: null }
 * computeTrend(60, 50, { change: 'points' }); // { trend: 'up', trendValue: 10 } (percentage points)
 * ```
 */
export function computeTrend(current: number, previous: number, options: TrendOptions = {}): TrendResult {
  let change: number;
  if (options.change === 'points') {
    change = Math.round((current - previous) * 10) / 10;
  } else {
    if (previous === 0) {
      if (current === 0) return { trend: 'stable', trendValue: 0 };
      return { trend: current > 0 ? 'up' : 'down', trendValue: null };
    }
    change = Math.round(((current - previous) / Math.abs(previous)) * 1000) / 10;
  }
  if (change === 0) return { trend: 'stable', trendValue: 0 };
  return { trend: change > 0 ? 'up' : 'down', trendValue: change };
}

/**
 * Returns `metric` with the trend against `previous` when `includeTrends` is on, unchanged otherwise.
 * The trend compares `options.current` (when given) or else `metric.value` with `previous`; give
 * the exact values when `metric.value` is rounded for display (see {@link computeTrend}).
 *
 * @example
 * ```ts
 * import { withTrend } from '@orion/contracts';
 * withTrend({ key: 'orders.count', value: 12, label: 'Orders', category: 'orders' }, 10, true);
 * // an average shown rounded, its trend from the exact averages
 * withTrend({ key: 'orders.average_order_value.EUR', value: 10.67, label: 'Average', category: 'orders' }, 32 / 3, true, {
 *   current: 64.01 / 6,
 * });
 * // a rate: change in percentage points
 * withTrend({ key: 'marketplace.import_success_rate', value: 66.7, label: 'Success', category: 'marketplace' }, 50, true, {
 *   current: 200 / 3,
 *   change: 'points',
 * }); // trend 'up', trendValue 16.7
 * ```
 */
export function withTrend(
  metric: MetricValue,
  previous: number,
  includeTrends: boolean,
  options: TrendOptions = {},
): MetricValue {
  if (!includeTrends || typeof metric.value !== 'number') return metric;
  return { ...metric, ...computeTrend(options.current ?? metric.value, previous, options) };
}
