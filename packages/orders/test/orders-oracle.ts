/**
 * The orders dashboards' expected values, computed in plain TypeScript from the orders themselves
 * (never from SQL or the module's code): what the differential tests compare every dashboard with.
 */
import { expectedTrend, type ComparableMetric } from '../../../test/support/metric-oracle.js';
import type { TestWindow } from './orders-fixture.js';

/** What the oracle needs of an order. */
export interface OracleOrder {
  status: string;
  currency: string;
  totalAmount: number;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

/** Minor digits, written out here rather than asked of Intl or the contracts helpers. */
const minorDigits: Record<string, number> = { EUR: 2, USD: 2, JPY: 0 };

/** Minor units to major units: an exact integer divided by a power of ten is the nearest double. */
const major = (minor: bigint, currency: string) => Number(minor) / 10 ** minorDigits[currency]!;

/** Average rounded half away from zero (amounts are never negative): floor((2·sum + n) / 2n). */
const averageMinor = (sum: bigint, count: number) => (2n * sum + BigInt(count)) / (2n * BigInt(count));

export function expectedMetrics(orders: OracleOrder[], window: TestWindow, includeTrends: boolean): ComparableMetric[] {
  const from = window.dateFrom.getTime();
  const to = window.dateTo.getTime();
  const previousFrom = from - (to - from);
  const inW = (order: OracleOrder) => order.createdAt >= from && order.createdAt < to;
  const inP = (order: OracleOrder) => order.createdAt >= previousFrom && order.createdAt < from;
  const isRevenue = (order: OracleOrder) => order.status !== 'cancelled' && order.status !== 'refunded';
  const withTrend = (metric: ComparableMetric, previous: number): ComparableMetric =>
    includeTrends ? { ...metric, ...expectedTrend(metric.value, previous) } : metric;
  const count = (predicate: (order: OracleOrder) => boolean) => orders.filter(predicate).length;

  const result: ComparableMetric[] = [
    { key: 'orders.total', value: orders.length },
    withTrend({ key: 'orders.count', value: count(inW) }, count(inP)),
    withTrend(
      { key: 'orders.cancelled', value: count((o) => inW(o) && o.status === 'cancelled') },
      count((o) => inP(o) && o.status === 'cancelled'),
    ),
  ];
  const listed = [
    ...new Set(orders.filter((o) => isRevenue(o) && (inW(o) || (includeTrends && inP(o)))).map((o) => o.currency)),
  ].sort();
  const revenueOf = (currency: string, inPeriod: (order: OracleOrder) => boolean) => {
    const matching = orders.filter((o) => o.currency === currency && isRevenue(o) && inPeriod(o));
    return { sum: matching.reduce((sum, o) => sum + BigInt(o.totalAmount), 0n), count: matching.length };
  };
  for (const currency of listed) {
    const now = revenueOf(currency, inW);
    const before = revenueOf(currency, inP);
    result.push(
      withTrend(
        { key: `orders.revenue.${currency}`, value: major(now.sum, currency), unit: currency },
        major(before.sum, currency),
      ),
    );
  }
  for (const currency of listed) {
    const now = revenueOf(currency, inW);
    const before = revenueOf(currency, inP);
    if (now.count === 0) continue;
    // The trend compares the exact averages (in minor units: the scale does not change a ratio),
    // never the displayed, rounded ones.
    const metric = {
      key: `orders.average_order_value.${currency}`,
      value: major(averageMinor(now.sum, now.count), currency),
      unit: currency,
    };
    const exactNow = Number(now.sum) / now.count;
    const exactBefore = before.count === 0 ? 0 : Number(before.sum) / before.count;
    result.push(includeTrends ? { ...metric, ...expectedTrend(exactNow, exactBefore) } : metric);
  }
  return result;
}
