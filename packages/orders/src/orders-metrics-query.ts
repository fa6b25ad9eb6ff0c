/**
 * The one SQL statement behind each orders dashboard, built here so the metrics provider runs it
 * and the tests can `compile()` and `EXPLAIN` it.
 */
import { sql, type Kysely } from 'kysely';
import { idSchema, parseInput, type ResolvedMetricsContext } from '@orion/contracts';
import { isActiveStoreInPlatform } from '@orion/tenancy';
import { totalsParts, type TotalsPart } from './order-totals.js';
import type { OrdersDatabase } from './schema.js';

/** Whose orders a dashboard covers: one store, or the stores with an active membership in a platform. */
export type OrdersMetricsScope = { storeId: number } | { platformId: number };

/**
 * Builds the dashboard statement for `scope`: one row per currency and window (`current` 1 for the
 * window, 0 for the previous one, read only with trends) with orders, each carrying that currency's
 * counts and revenue and the scope's all-time order count; a single row with a `null` currency
 * when there are none.
 *
 * It reads the totals rows the database's triggers keep (`orders_003_summary_triggers`), never
 * more than a bounded number of orders: a store's `orders_daily_totals` / `orders_hourly_totals` /
 * `orders_store_totals`, or a platform's `orders_platform_daily_totals` /
 * `orders_platform_hourly_totals` / `orders_platform_totals` (so a platform dashboard does not grow
 * with its number of stores). Whole UTC days come from the day rows, whole hours of the days a
 * boundary falls inside from the hour rows, and the part of an hour that a boundary cuts (the
 * shorter side, at most half an hour; for a window ending now, the orders after now) from `orders`
 * itself ({@link totalsParts}). Windows stay exact to the millisecond.
 *
 * ```sql
 * select t.total, r.*
 * from (select coalesce(sum(orders), 0) as total from <totals> where <scope>) as t
 * left join (select currency, current, sum(orders) as orders, sum(cancelled) as cancelled,
 *                   sum(revenue_orders) as revenue_orders, sum(revenue_minor) as revenue_minor
 *            from (select currency, <1|0> as current, orders, cancelled, revenue_orders, revenue_minor
 *                  from <daily totals> where <scope> and day >= ? and day < ?          -- each run of whole days
 *                  union all
 *                  select … from <hourly totals> where <scope> and hour >= ? and hour < ? -- each run of whole hours
 *                  union all
 *                  select currency, <1|0>, <±1>, <cancelled ? ±1 : 0>, <earns ? ±1 : 0>, <earns ? ±total_amount : 0>
 *                  from orders where <scope> and created_at >= ? and created_at < ?    -- each part of an hour
 *                 ) as b
 *            group by currency, current) as r on true
 * order by r.currency, r.current
 * ```
 *
 * @throws OrionError `ORION_ERR_VALIDATION` when the platform or store id is not a positive integer.
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
  const windows = [{ from: context.dateFrom.getTime(), to: context.dateTo.getTime(), current: true }];
  if (context.includeTrends)
    windows.unshift({ from: context.previousFrom.getTime(), to: context.previousTo.getTime(), current: false });
  const parts = totalsParts(windows);
  const store = 'storeId' in scope;
  const id = parseInput(idSchema, store ? scope.storeId : scope.platformId, store ? 'storeId' : 'platformId');
  const key = store ? 'store_id' : 'platform_id';
  const tables = store
    ? { day: 'orders_daily_totals', hour: 'orders_hourly_totals', total: 'orders_store_totals' }
    : { day: 'orders_platform_daily_totals', hour: 'orders_platform_hourly_totals', total: 'orders_platform_totals' };

  const select = (part: TotalsPart) => {
    const current = sql.lit(part.current ? 1 : 0);
    if (part.source !== 'orders') {
      const grain = sql.ref(part.source);
      return sql`select currency, ${current} as current, orders, cancelled, revenue_orders, revenue_minor
        from ${sql.table(tables[part.source])}
        where ${sql.ref(key)} = ${id} and ${grain} >= ${part.from} and ${grain} < ${part.to}`;
    }
    const sign = sql.lit(part.sign);
    const earns = sql.raw(`status not in ('cancelled', 'refunded')`);
    // A platform's orders of a part of an hour come from (created_at, …): one range over every
    // store, each order's membership checked by one seek, never a read per store of the platform
    // (the unary plus keeps a planner from driving the read from the platform's stores into the
    // per-store index of `orders` instead of the one `created_at` range).
    const inScope = store ? sql`store_id = ${id}` : isActiveStoreInPlatform(sql<number>`+orders.store_id`, id);
    return sql`select currency, ${current} as current, ${sign} as orders,
        case when status = 'cancelled' then ${sign} else 0 end as cancelled,
        case when ${earns} then ${sign} else 0 end as revenue_orders,
        case when ${earns} then ${sign} * total_amount else 0 end as revenue_minor
      from orders where ${inScope} and created_at >= ${part.from} and created_at < ${part.to}`;
  };
  const buckets =
    parts.length === 0
      ? sql`select currency, 1 as current, orders, cancelled, revenue_orders, revenue_minor from ${sql.table(tables.day)} where false`
      : sql.join(parts.map(select), sql` union all `);

  return orders
    .selectFrom(
      sql<{
        total: number | string;
      }>`(select coalesce(sum(orders), 0) as total from ${sql.table(tables.total)} where ${sql.ref(key)} = ${id})`.as(
        't',
      ),
    )
    .leftJoin(
      sql<{
        currency: string;
        current: number | string;
        orders: number | string;
        cancelled: number | string;
        revenue_orders: number | string;
        revenue_minor: number | string;
      }>`(select currency, current, sum(orders) as orders, sum(cancelled) as cancelled,
            sum(revenue_orders) as revenue_orders, sum(revenue_minor) as revenue_minor
          from (${buckets}) as b group by currency, current)`.as('r'),
      (join) => join.onTrue(),
    )
    .select(['t.total', 'r.currency', 'r.current', 'r.orders', 'r.cancelled', 'r.revenue_orders', 'r.revenue_minor'])
    .orderBy('r.currency')
    .orderBy('r.current');
}
