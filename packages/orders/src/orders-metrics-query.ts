/**
 * The one SQL statement behind each orders dashboard, built here so the metrics provider runs it
 * and the tests can `compile()` and `EXPLAIN` it.
 */
import { sql, type Kysely } from 'kysely';
import { windowBounds, type ResolvedMetricsContext } from '@orion/contracts';
import { activeStoreIdsInPlatform } from '@orion/tenancy';
import { nonRevenueStatuses } from './order-status.js';
import { summaryPlan } from './order-summaries.js';
import type { OrdersDatabase } from './schema.js';

/** Whose orders a dashboard covers: one store, or the stores with an active membership in a platform. */
export type OrdersMetricsScope = { storeId: number } | { platformId: number };

/** `select … from orders` limited to the scope: one store, or the platform's actively member stores. */
export function scopedOrders(orders: Kysely<OrdersDatabase>, scope: OrdersMetricsScope) {
  return 'storeId' in scope
    ? orders.selectFrom('orders').where('orders.store_id', '=', scope.storeId)
    : orders.selectFrom('orders').where('orders.store_id', 'in', activeStoreIdsInPlatform(orders, scope.platformId));
}

/**
 * Builds the dashboard statement for `scope`: one row per currency and window (`current` 1 for the
 * window, 0 for the previous one, read only with trends) with orders, each carrying that currency's
 * counts and revenue and the scope's all-time order count; a single row with a `null` currency
 * when there are none.
 *
 * It reads the summary rows, not the orders: whole UTC days from `orders_daily_totals` and the
 * all-time count from `orders_store_totals`, both kept in the transaction of every order write.
 * Only the days a window boundary falls inside (when it is not at midnight UTC, such as the default
 * window ending now) come from `orders` ({@link summaryPlan}). So a dashboard reads at most a
 * window's days × currencies rows per store, however many orders the store has.
 *
 * ```sql
 * select t.total, r.*
 * from (select coalesce(sum(orders), 0) as total from orders_store_totals where <scope>) as t
 * left join (select currency, case when at >= <dateFrom> then 1 else 0 end as current,
 *                   sum(orders) as orders, sum(cancelled) as cancelled,
 *                   sum(revenue_orders) as revenue_orders, sum(revenue_minor) as revenue_minor
 *            from (select day as at, currency, orders, cancelled, revenue_orders, revenue_minor
 *                  from orders_daily_totals where <scope> and day >= ? and day < ?     -- each run of whole days
 *                  union all
 *                  select created_at, currency, 1, <cancelled ? 1 : 0>, <earns ? 1 : 0>, <earns ? total_amount : 0>
 *                  from orders where <scope> and created_at >= ? and created_at < ?   -- each split day
 *                 ) as b
 *            group by currency, current) as r on true
 * order by r.currency, r.current
 * ```
 *
 * @example
 * ```ts
 * import { ordersMetricsQuery } from './orders-metrics-query.js';
 *
 * const rows = await ordersMetricsQuery(db, { storeId: 12 }, context).execute();
 * const { sql, parameters } = ordersMetricsQuery(db, { platformId: 1 }, context).compile();
 * ```
 */
export function ordersMetricsQuery(
  orders: Kysely<OrdersDatabase>,
  scope: OrdersMetricsScope,
  context: ResolvedMetricsContext,
) {
  const { from } = windowBounds(context);
  const plan = summaryPlan(context.includeTrends ? context.previousFrom : context.dateFrom, context.dateTo, [
    context.dateFrom,
  ]);
  const inScope = (storeIdColumn: string) =>
    'storeId' in scope
      ? sql<boolean>`${sql.ref(storeIdColumn)} = ${scope.storeId}`
      : sql<boolean>`${sql.ref(storeIdColumn)} in (${activeStoreIdsInPlatform(orders, scope.platformId)})`;

  // One range read per part (at most two runs of whole days and three split days), each a plain
  // range on its index: PostgreSQL would not use an OR of ranges as the index condition.
  const wholeDays = plan.days.map((range) =>
    orders
      .selectFrom('orders_daily_totals')
      .where(inScope('orders_daily_totals.store_id'))
      .where('day', '>=', range.from)
      .where('day', '<', range.to)
      .select(['day as at', 'currency', 'orders', 'cancelled', 'revenue_orders', 'revenue_minor']),
  );
  const splitDays = plan.partial.map((range) =>
    orders
      .selectFrom('orders')
      .where(inScope('orders.store_id'))
      .where('created_at', '>=', range.from)
      .where('created_at', '<', range.to)
      .select((eb) => [
        'created_at as at',
        'currency',
        sql<number>`1`.as('orders'),
        eb.case().when('status', '=', 'cancelled').then(1).else(0).end().as('cancelled'),
        eb.case().when('status', 'not in', nonRevenueStatuses).then(1).else(0).end().as('revenue_orders'),
        eb
          .case()
          .when('status', 'not in', nonRevenueStatuses)
          .then(eb.ref('total_amount'))
          .else(0)
          .end()
          .as('revenue_minor'),
      ]),
  );
  // The parts have the same columns; only their TypeScript types differ (a summed count may come back as a string).
  const parts = [...wholeDays, ...splitDays] as (typeof wholeDays)[number][];
  const buckets = parts.slice(1).reduce((union, part) => union.unionAll(part), parts[0]!);

  // Every bucket lies in [start, dateTo): at or after dateFrom it is the window's, before it the
  // previous window's. Grouping by that, rather than filtering each sum, compares once per row.
  const perPeriod = orders
    .selectFrom(buckets.as('b'))
    .select((eb) => [
      'b.currency',
      eb.case().when('b.at', '>=', from).then(1).else(0).end().as('current'),
      eb.fn.sum<number | string>('b.orders').as('orders'),
      eb.fn.sum<number | string>('b.cancelled').as('cancelled'),
      eb.fn.sum<number | string>('b.revenue_orders').as('revenue_orders'),
      eb.fn.sum<number | string>('b.revenue_minor').as('revenue_minor'),
    ])
    .groupBy(['b.currency', 'current']);
  const total = orders
    .selectFrom('orders_store_totals')
    .where(inScope('orders_store_totals.store_id'))
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number | string>('orders'), sql<number>`0`).as('total'));

  return orders
    .selectFrom(total.as('t'))
    .leftJoin(perPeriod.as('r'), (join) => join.onTrue())
    .select(['t.total', 'r.currency', 'r.current', 'r.orders', 'r.cancelled', 'r.revenue_orders', 'r.revenue_minor'])
    .orderBy('r.currency')
    .orderBy('r.current');
}
