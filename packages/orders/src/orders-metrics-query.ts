/**
 * The one SQL statement behind each orders dashboard, built here so the metrics provider runs it
 * and the tests can `compile()` and `EXPLAIN` it.
 */
import type { ExpressionBuilder, Kysely } from 'kysely';
import { windowBounds, type ResolvedMetricsContext } from '@orion/contracts';
import { activeStoreIdsInPlatform } from '@orion/tenancy';
import type { OrdersDatabase } from './schema.js';

/** Whose orders a dashboard covers: one store, or the stores with an active membership in a platform. */
export type OrdersMetricsScope = { storeId: number } | { platformId: number };

type OrdersExpressions = ExpressionBuilder<OrdersDatabase, 'orders'>;

/** The statuses whose orders earn no revenue. */
export const nonRevenueStatuses = ['cancelled', 'refunded'] as const;

/** `select … from orders` limited to the scope: one store, or the platform's actively member stores. */
export function scopedOrders(orders: Kysely<OrdersDatabase>, scope: OrdersMetricsScope) {
  return 'storeId' in scope
    ? orders.selectFrom('orders').where('orders.store_id', '=', scope.storeId)
    : orders.selectFrom('orders').where('orders.store_id', 'in', activeStoreIdsInPlatform(orders, scope.platformId));
}

/**
 * Builds the dashboard statement for `scope`: one row per currency with revenue-bearing orders in
 * the window (or, with trends, in the previous window), each carrying the scope's counts; a single
 * row with a `null` currency when there are none.
 *
 * ```sql
 * select t.*, r.*
 * from (select count(*) as total,
 *              count(*) filter (where <in W>)                         as orders_current,
 *              count(*) filter (where <in P>)                         as orders_previous,
 *              count(*) filter (where <in W> and status = 'cancelled') as cancelled_current,
 *              count(*) filter (where <in P> and status = 'cancelled') as cancelled_previous
 *       from orders where <scope>) as t
 * left join (select currency,
 *                   count(*) filter (where <in W>) as revenue_orders_current, sum(total_amount) filter (where <in W>) as revenue_current,
 *                   count(*) filter (where <in P>) as revenue_orders_previous, sum(total_amount) filter (where <in P>) as revenue_previous
 *            from orders
 *            where <scope> and created_at >= <P start, or W start without trends> and created_at < <W end>
 *              and status not in ('cancelled', 'refunded')
 *            group by currency) as r on true
 * order by r.currency
 * ```
 *
 * Both parts read only the `orders_store_created_idx` index `(store_id, created_at, status,
 * currency, total_amount)`: `t` its range for the scope's stores, `r` the window's part of it.
 *
 * @example
 * ```ts
 * const rows = await ordersMetricsQuery(db, { storeId: 12 }, context).execute();
 * const { sql, parameters } = ordersMetricsQuery(db, { platformId: 1 }, context).compile();
 * ```
 */
export function ordersMetricsQuery(db: Kysely<any>, scope: OrdersMetricsScope, context: ResolvedMetricsContext) {
  const orders = db as Kysely<OrdersDatabase>;
  const { from, to, previousFrom, previousTo } = windowBounds(context);
  const scoped = () => scopedOrders(orders, scope);
  const inCurrent = (eb: OrdersExpressions) => eb.and([eb('orders.created_at', '>=', from), eb('orders.created_at', '<', to)]);
  const inPrevious = (eb: OrdersExpressions) =>
    eb.and([eb('orders.created_at', '>=', previousFrom), eb('orders.created_at', '<', previousTo)]);
  const cancelled = (eb: OrdersExpressions) => eb('orders.status', '=', 'cancelled');

  const totals = scoped().select((eb) => [
    eb.fn.countAll<number | string>().as('total'),
    eb.fn.countAll<number | string>().filterWhere(inCurrent(eb)).as('orders_current'),
    eb.fn.countAll<number | string>().filterWhere(inPrevious(eb)).as('orders_previous'),
    eb.fn.countAll<number | string>().filterWhere(eb.and([inCurrent(eb), cancelled(eb)])).as('cancelled_current'),
    eb.fn.countAll<number | string>().filterWhere(eb.and([inPrevious(eb), cancelled(eb)])).as('cancelled_previous'),
  ]);

  const revenue = scoped()
    .where('orders.created_at', '>=', context.includeTrends ? previousFrom : from)
    .where('orders.created_at', '<', to)
    .where('orders.status', 'not in', nonRevenueStatuses)
    .groupBy('orders.currency')
    .select((eb) => [
      'orders.currency',
      eb.fn.countAll<number | string>().filterWhere(inCurrent(eb)).as('revenue_orders_current'),
      eb.fn.sum<number | string | null>('orders.total_amount').filterWhere(inCurrent(eb)).as('revenue_current'),
      eb.fn.countAll<number | string>().filterWhere(inPrevious(eb)).as('revenue_orders_previous'),
      eb.fn.sum<number | string | null>('orders.total_amount').filterWhere(inPrevious(eb)).as('revenue_previous'),
    ]);

  return orders
    .selectFrom(totals.as('t'))
    .leftJoin(revenue.as('r'), (join) => join.onTrue())
    .select([
      't.total',
      't.orders_current',
      't.orders_previous',
      't.cancelled_current',
      't.cancelled_previous',
      'r.currency',
      'r.revenue_orders_current',
      'r.revenue_current',
      'r.revenue_orders_previous',
      'r.revenue_previous',
    ])
    .orderBy('r.currency');
}
