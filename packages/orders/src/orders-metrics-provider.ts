import type { Kysely } from 'kysely';
import {
  minorToMajor,
  toNumber,
  withTrend,
  type MetricsProviderProtocol,
  type MetricValue,
  type ResolvedMetricsContext,
} from '@orion/contracts';
import { averageMinorUnits, toBigInt } from './average-minor-units.js';
import { ordersMetricsQuery, type OrdersMetricsScope } from './orders-metrics-query.js';
import type { OrdersDatabase } from './schema.js';

const category = 'orders';

type DashboardRow = Awaited<ReturnType<ReturnType<typeof ordersMetricsQuery>['execute']>>[number];

/**
 * The orders numbers on the store and platform-admin dashboards, for the window `W = [dateFrom,
 * dateTo)` of the context and, with `includeTrends`, against the previous window `P` of the same
 * length. Each dashboard is one SQL statement ({@link ordersMetricsQuery}); money is never added
 * across currencies.
 *
 * - `orders.total`: every order, all time, any status; no trend;
 * - `orders.count`: orders created in `W`, any status;
 * - `orders.cancelled`: orders created in `W` whose status is `cancelled`;
 * - `orders.revenue.<CUR>`: sum of `total_amount` of the orders in `W` that are not `cancelled`
 *   or `refunded`, in major units of `<CUR>`, for each currency with such orders in `W` (with
 *   trends, also each currency that had them only in `P`, reported as 0);
 * - `orders.average_order_value.<CUR>`: that revenue divided by the number of those orders,
 *   rounded half away from zero to a whole minor unit; only for currencies with such orders in `W`.
 *   Its trend is the relative change of the exact (unrounded) averages, rounded to one decimal.
 *
 * Store metrics cover one store; platform metrics the stores with an active membership in the
 * platform. See the package README for the exact definitions.
 *
 * @example
 * ```ts
 * import { metricsContextSchema, resolveMetricsContext } from '@orion/contracts';
 * import { OrdersMetricsProvider } from './orders-metrics-provider.js';
 * const context = resolveMetricsContext(metricsContextSchema.parse({ period: '7d', includeTrends: true }));
 * const metrics = await new OrdersMetricsProvider().getStoreMetrics(db, 12, context);
 * // [{ key: 'orders.total', value: 1204, ... }, { key: 'orders.count', value: 87, trend: 'up', trendValue: 12.5, ... }, ...]
 * ```
 */
export class OrdersMetricsProvider implements MetricsProviderProtocol<OrdersDatabase> {
  readonly metricsCategory = category;

  /**
   * The orders metrics of one store.
   *
   * @example
   * ```ts
   * import { OrdersMetricsProvider } from './orders-metrics-provider.js';
   *
   * const metrics = await new OrdersMetricsProvider().getStoreMetrics(db, 12, context);
   * ```
   */
  async getStoreMetrics(
    db: Kysely<OrdersDatabase>,
    storeId: number,
    context: ResolvedMetricsContext,
  ): Promise<MetricValue[]> {
    return this.#metrics(db, { storeId }, context);
  }

  /**
   * The orders metrics of the stores with an active membership in one platform, each order
   * counted once.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` when `platformId` is not a positive integer.
   * @example
   * ```ts
   * import { OrdersMetricsProvider } from './orders-metrics-provider.js';
   *
   * const metrics = await new OrdersMetricsProvider().getPlatformMetrics(db, 1, context);
   * ```
   */
  async getPlatformMetrics(
    db: Kysely<OrdersDatabase>,
    platformId: number,
    context: ResolvedMetricsContext,
  ): Promise<MetricValue[]> {
    return this.#metrics(db, { platformId }, context);
  }

  async #metrics(
    db: Kysely<OrdersDatabase>,
    scope: OrdersMetricsScope,
    context: ResolvedMetricsContext,
  ): Promise<MetricValue[]> {
    const rows = await ordersMetricsQuery(db, scope, context).execute();
    return toMetrics(rows, context.includeTrends);
  }
}

/** One currency's numbers in the window (`now`) and the previous window (`before`). */
interface CurrencyTotals {
  orders: { now: bigint; before: bigint };
  cancelled: { now: bigint; before: bigint };
  revenueOrders: { now: bigint; before: bigint };
  revenueMinor: { now: bigint; before: bigint };
}

/** The statement's rows (one per currency and window) folded into one entry per currency, in currency order. */
function byCurrency(rows: DashboardRow[]): Map<string, CurrencyTotals> {
  const currencies = new Map<string, CurrencyTotals>();
  const zero = () => ({ now: 0n, before: 0n });
  for (const row of rows) {
    if (row.currency === null) continue;
    const currency = row.currency.trim();
    let totals = currencies.get(currency);
    if (!totals)
      currencies.set(
        currency,
        (totals = { orders: zero(), cancelled: zero(), revenueOrders: zero(), revenueMinor: zero() }),
      );
    const when = toNumber(row.current) === 1 ? 'now' : 'before';
    totals.orders[when] += toBigInt(row.orders);
    totals.cancelled[when] += toBigInt(row.cancelled);
    totals.revenueOrders[when] += toBigInt(row.revenue_orders);
    totals.revenueMinor[when] += toBigInt(row.revenue_minor);
  }
  return currencies;
}

/** Turns the statement's rows (at least one, always) into the dashboard's metrics. */
function toMetrics(rows: DashboardRow[], includeTrends: boolean): MetricValue[] {
  const currencies = byCurrency(rows);
  const sum = (pick: (totals: CurrencyTotals) => bigint) =>
    Number([...currencies.values()].reduce((total, totals) => total + pick(totals), 0n));
  const metrics: MetricValue[] = [
    metric(
      'orders.total',
      toNumber(rows[0]?.total),
      'All orders',
      'shopping-bag',
      'Orders ever placed, in any status; not limited to the period.',
    ),
    withTrend(
      metric(
        'orders.count',
        sum((t) => t.orders.now),
        'Orders',
        'shopping-cart',
        'Orders placed in the period, in any status.',
      ),
      sum((t) => t.orders.before),
      includeTrends,
    ),
    withTrend(
      metric(
        'orders.cancelled',
        sum((t) => t.cancelled.now),
        'Cancelled orders',
        'x-circle',
        'Orders placed in the period whose status is cancelled.',
      ),
      sum((t) => t.cancelled.before),
      includeTrends,
    ),
  ];

  const revenues: MetricValue[] = [];
  const averages: MetricValue[] = [];
  for (const [currency, totals] of currencies) {
    const ordersNow = totals.revenueOrders.now;
    const ordersBefore = totals.revenueOrders.before;
    const revenueNow = totals.revenueMinor.now;
    const revenueBefore = totals.revenueMinor.before;
    if (ordersNow === 0n && !(includeTrends && ordersBefore > 0n)) continue;

    const major = (minor: bigint) => minorToMajor(Number(minor), currency);
    revenues.push(
      withTrend(
        metric(
          `orders.revenue.${currency}`,
          major(revenueNow),
          `Revenue (${currency})`,
          'banknote',
          `Total of the orders placed in the period that are not cancelled or refunded, in ${currency}.`,
          currency,
        ),
        major(revenueBefore),
        includeTrends,
      ),
    );
    if (ordersNow === 0n) continue;
    averages.push(
      withTrend(
        metric(
          `orders.average_order_value.${currency}`,
          major(averageMinorUnits(revenueNow, ordersNow)),
          `Average order value (${currency})`,
          'receipt',
          `Revenue in ${currency} divided by the number of those orders, rounded half away from zero to the currency's minor unit.`,
          currency,
        ),
        // the trend compares the exact averages, in minor units (a ratio does not depend on the scale)
        ordersBefore === 0n ? 0 : exactAverage(revenueBefore, ordersBefore),
        includeTrends,
        { current: exactAverage(revenueNow, ordersNow) },
      ),
    );
  }
  return [...metrics, ...revenues, ...averages];
}

/** `revenue / orders` unrounded, as a double: the exact average a trend compares. */
function exactAverage(revenueMinor: bigint, orders: bigint): number {
  return Number(revenueMinor) / Number(orders);
}

function metric(
  key: string,
  value: number,
  label: string,
  icon: string,
  description: string,
  unit?: string,
): MetricValue {
  return { key, value, label, category, icon, description, ...(unit === undefined ? {} : { unit }) };
}
