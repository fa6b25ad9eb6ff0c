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
export class OrdersMetricsProvider implements MetricsProviderProtocol {
  readonly metricsCategory = category;

  /**
   * The orders metrics of one store.
   *
   * @example
   * ```ts
   * const metrics = await new OrdersMetricsProvider().getStoreMetrics(db, 12, context);
   * ```
   */
  async getStoreMetrics(db: Kysely<any>, storeId: number, context: ResolvedMetricsContext): Promise<MetricValue[]> {
    return this.#metrics(db, { storeId }, context);
  }

  /**
   * The orders metrics of the stores with an active membership in one platform, each order
   * counted once.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` when `platformId` is not a positive integer.
   * @example
   * ```ts
   * const metrics = await new OrdersMetricsProvider().getPlatformMetrics(db, 1, context);
   * ```
   */
  async getPlatformMetrics(db: Kysely<any>, platformId: number, context: ResolvedMetricsContext): Promise<MetricValue[]> {
    return this.#metrics(db, { platformId }, context);
  }

  async #metrics(db: Kysely<any>, scope: OrdersMetricsScope, context: ResolvedMetricsContext): Promise<MetricValue[]> {
    const rows = await ordersMetricsQuery(db, scope, context).execute();
    return toMetrics(rows, context.includeTrends);
  }
}

/** Turns the statement's rows (at least one, always) into the dashboard's metrics. */
function toMetrics(rows: DashboardRow[], includeTrends: boolean): MetricValue[] {
  const counts = rows[0];
  const metrics: MetricValue[] = [
    metric('orders.total', toNumber(counts?.total), 'All orders', 'shopping-bag', 'Orders ever placed, in any status; not limited to the period.'),
    withTrend(
      metric('orders.count', toNumber(counts?.orders_current), 'Orders', 'shopping-cart', 'Orders placed in the period, in any status.'),
      toNumber(counts?.orders_previous),
      includeTrends,
    ),
    withTrend(
      metric(
        'orders.cancelled',
        toNumber(counts?.cancelled_current),
        'Cancelled orders',
        'x-circle',
        'Orders placed in the period whose status is cancelled.',
      ),
      toNumber(counts?.cancelled_previous),
      includeTrends,
    ),
  ];

  const revenues: MetricValue[] = [];
  const averages: MetricValue[] = [];
  for (const row of rows) {
    if (row.currency === null) continue;
    const currency = row.currency.trim();
    const ordersNow = toBigInt(row.revenue_orders_current);
    const ordersBefore = toBigInt(row.revenue_orders_previous);
    const revenueNow = toBigInt(row.revenue_current);
    const revenueBefore = toBigInt(row.revenue_previous);
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
        ordersBefore === 0n ? 0 : major(averageMinorUnits(revenueBefore, ordersBefore)),
        includeTrends,
      ),
    );
  }
  return [...metrics, ...revenues, ...averages];
}

function metric(key: string, value: number, label: string, icon: string, description: string, unit?: string): MetricValue {
  return { key, value, label, category, icon, description, ...(unit === undefined ? {} : { unit }) };
}
