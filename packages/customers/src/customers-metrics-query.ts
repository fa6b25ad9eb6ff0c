/** The one SQL statement behind the customers dashboards. */
import { sqlDialectOf, windowBounds, type ResolvedMetricsContext } from '@orion/contracts';
import { activeStoreIdsInPlatform, isActiveStoreInPlatform } from '@orion/tenancy';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { CustomersDatabase } from './schema.js';

/** `customers_store_totals` (`customers_003_store_totals`): customers per store, kept by triggers. */
interface StoreTotalsDatabase extends CustomersDatabase {
  customers_store_totals: { store_id: number; customers: number };
}

/** `customer_order_activity.previous_placed_at` (`customers_004_activity_previous`), kept by triggers. */
interface ActivityPreviousDatabase extends CustomersDatabase {
  customer_order_activity: CustomersDatabase['customer_order_activity'] & { previous_placed_at: string | Date | null };
}

/** The stores a dashboard covers: one store, or the stores with an active membership in a platform. */
export type CustomersMetricsScope = { storeId: number } | { platformId: number };

/**
 * The store dashboard's statement: one row with every customers number of store `scope.storeId`, each a scalar subquery that reads one range
 * of an index: `total` (the scope's customers), `new_now`/`new_before` (created in the window and
 * the previous window, on `(store_id, created_at)`), `active_now`/`active_before` (customers
 * with a recorded order in each window: the rows that are a customer's first order in the window,
 * on `(store_id, placed_at, previous_placed_at)` alone) and `returning_now` (of those, the ones with
 * an earlier order).
 */
export function customersMetricsQuery(
  db: Kysely<CustomersDatabase>,
  scope: { storeId: number },
  context: ResolvedMetricsContext,
) {
  const { from, to, previousFrom, previousTo } = windowBounds(context);
  const customers = (from?: string, to?: string) =>
    db
      .selectFrom('customers')
      .where('customers.store_id', '=', scope.storeId)
      .$if(from !== undefined, (query) =>
        query.where('customers.created_at', '>=', from!).where('customers.created_at', '<', to!),
      )
      .select((eb) => eb.fn.countAll<number | string>().as('n'));

  // A customer is active in [from, to) through exactly one row: its first order in the window, the
  // one whose previous order (customers_004_activity_previous) is before `from`, or that has none. So
  // a count(*) over the (store_id, placed_at, previous_placed_at) index range, no distinct.
  const activity = db as unknown as Kysely<ActivityPreviousDatabase>;
  // One scan of the activity of both windows, three counts: active now and before (first orders in
  // each window), and returning now (those of the window with an earlier order, necessarily before
  // `from`): customers active in the window whose first order is before it, on any write path.
  const activityCounts = activity
    .selectFrom('customer_order_activity')
    .where('customer_order_activity.store_id', '=', scope.storeId)
    .where('customer_order_activity.placed_at', '>=', previousFrom < from ? previousFrom : from)
    .where('customer_order_activity.placed_at', '<', to)
    .select((eb) => {
      const placed = (start: string, end: string) =>
        eb.and([
          eb('customer_order_activity.placed_at', '>=', start),
          eb('customer_order_activity.placed_at', '<', end),
        ]);
      const first = (start: string) =>
        eb.or([
          eb('customer_order_activity.previous_placed_at', 'is', null),
          eb('customer_order_activity.previous_placed_at', '<', start),
        ]);
      return [
        eb.fn
          .countAll<number | string>()
          .filterWhere(eb.and([placed(from, to), first(from)]))
          .as('active_now'),
        eb.fn
          .countAll<number | string>()
          .filterWhere(eb.and([placed(previousFrom, previousTo), first(previousFrom)]))
          .as('active_before'),
        eb.fn
          .countAll<number | string>()
          .filterWhere(eb.and([placed(from, to), eb('customer_order_activity.previous_placed_at', '<', from)]))
          .as('returning_now'),
      ];
    });

  // all-time customers: the per-store counts the database keeps (customers_003_store_totals), one
  // row per store instead of one index entry per customer
  const totals = db as unknown as Kysely<StoreTotalsDatabase>;
  const total = totals
    .selectFrom('customers_store_totals')
    .where('customers_store_totals.store_id', '=', scope.storeId)
    .select((eb) => eb.fn.sum<number | string | null>('customers_store_totals.customers').as('n'));

  return db
    .selectFrom(activityCounts.as('a'))
    .select([
      total.as('total'),
      customers(from, to).as('new_now'),
      customers(previousFrom, previousTo).as('new_before'),
      'a.active_now',
      'a.active_before',
      'a.returning_now',
    ]);
}

const DAY = 86_400_000;

/**
 * How a window `[from, to)` (milliseconds) meets the UTC days (numbered from 1970-01-01) the
 * platform rollups keep: `cutDay`, the day `from` falls in; `firstDay`, the first whole day (the
 * same day when `from` is midnight, the next otherwise); `endDay`, the day `to` falls in (the first
 * day after the window when `to` is midnight).
 */
export interface WindowDays {
  cutDay: number;
  firstDay: number;
  endDay: number;
  fromIsMidnight: boolean;
}

/** {@link WindowDays} of the window `[from, to)`. */
export function windowDays(from: number, to: number): WindowDays {
  const cutDay = Math.floor(from / DAY);
  const fromIsMidnight = from === cutDay * DAY;
  return { cutDay, firstDay: fromIsMidnight ? cutDay : cutDay + 1, endDay: Math.floor(to / DAY), fromIsMidnight };
}

/** `customers_005_platform_rollups`, read by the platform dashboard only. */
interface PlatformRollupTables {
  customers_platform_totals: { platform_id: number; customers: number | string };
}

/**
 * The platform dashboard's statement: the same six numbers as {@link customersMetricsQuery}, for
 * the stores with an active membership in `platformId`, read from the platform's own rows
 * (`customers_005_platform_rollups`) and, for a window boundary inside a day, from that day's rows.
 *
 * For a window `[F, T)`, with `a` its first whole day, `g` the day of `T` and `f` the day of `F`
 * (`f = a` when `F` is midnight), each customer active in it is counted once, by its first activity
 * row in it: the row whose previous order is before `F` or absent. Of the rows of the whole days
 * `[a, g)`, each day's `active_customers` (previous order on an earlier day, or none) minus those
 * whose previous order is on a day in `[f, day)`, plus (`F` inside day `f`) those whose previous
 * order is on day `f` before `F`: the customers with an order in `[start of f, F)` whose next order
 * falls in the whole days. The
 * rows in `[F, start of a)` and `[start of g, T)` are read as rows. Instead of `returning_now`,
 * `first_orders_now`: the first orders ever in the window (`returning` is `active` less those).
 * `new` adds up over days as it is.
 */
export function platformCustomersMetricsQuery(
  db: Kysely<CustomersDatabase>,
  platformId: number,
  context: ResolvedMetricsContext,
) {
  // validates `platformId` (a coded ORION_ERR_VALIDATION) as the tenancy helper does
  activeStoreIdsInPlatform(db, platformId);
  const { from, to, previousFrom, previousTo } = windowBounds(context);
  const postgres = sqlDialectOf(db) === 'postgres';
  const iso = (ms: number) => new Date(ms).toISOString();
  const zero = sql<number>`0`;

  /** The activity rows in `[start, end)` of the platform's stores: first in a window from `windowFrom`, and first ever. */
  const rows = (start: number, end: number, windowFrom: string) => {
    // the same range read for both counts (a condition on `previous_placed_at` in the where clause
    // could make SQLite prefer a skip-scan of the per-store index)
    const count = (condition: RawBuilder<unknown>) =>
      sql<number>`(select coalesce(sum(case when ${condition} then 1 else 0 end), 0) from customer_order_activity as a
        where a.placed_at >= ${iso(start)} and a.placed_at < ${iso(end)} and ${isActiveStoreInPlatform('a.store_id', platformId)})`;
    return {
      active: count(sql`a.previous_placed_at is null or a.previous_placed_at < ${windowFrom}`),
      first: count(sql`a.previous_placed_at is null`),
      created: sql<number>`(select count(*) from customers as c
      where c.created_at >= ${iso(start)} and c.created_at < ${iso(end)} and ${isActiveStoreInPlatform('c.store_id', platformId)})`,
    };
  };

  const window = (fromAt: string, toAt: string) => {
    const [start, end] = [Date.parse(fromAt), Date.parse(toAt)];
    const { cutDay, firstDay, endDay, fromIsMidnight } = windowDays(start, end);
    if (firstDay >= endDay) return rows(start, end, fromAt); // no whole day: under two days of rows
    const days = (column: 'active_customers' | 'first_orders' | 'new_customers') =>
      sql<number>`(select coalesce(sum(${sql.ref(column)}), 0) from customers_platform_daily_totals
        where platform_id = ${platformId} and day >= ${firstDay} and day < ${endDay})`;
    // rows of the whole days whose previous order is on a day in [lowest, day): one (platform, day)
    // range per window day
    const lowest = fromIsMidnight ? firstDay : cutDay;
    const range = sql`r.platform_id = ${platformId} and r.day = w.day and r.previous_day >= ${lowest}`;
    // PostgreSQL: a lateral read per day, so the plan is one primary-key range per window day
    // whatever the statistics say (not a hash join over the platform's rows)
    const later = postgres
      ? sql<number>`(select coalesce(sum(x.customers), 0)
          from generate_series(${firstDay}::integer, ${endDay - 1}::integer) as w(day)
          cross join lateral (select sum(r.customers) as customers from customers_platform_activity_days as r
            where ${range}) as x)`
      : sql<number>`(select coalesce(sum(r.customers), 0)
          from (with recursive w(day) as (select ${firstDay} union all select day + 1 from w where day + 1 < ${endDay})
            select day from w) as w
          join customers_platform_activity_days as r on ${range})`;
    // F inside day f: the rows of the whole days whose previous order is on day f before F. Such a
    // row is the first order at or after F of a customer with an order in [start of f, F) (its
    // previous order is that customer's last before F), so: the customers with an order there whose
    // next order is in the whole days, one (customer_id, placed_at, id) seek each.
    const beforeFrom = fromIsMidnight
      ? zero
      : sql<number>`(select count(*) from (select distinct a.customer_id from customer_order_activity as a
            where a.placed_at >= ${iso(cutDay * DAY)} and a.placed_at < ${fromAt} and ${isActiveStoreInPlatform('a.store_id', platformId)}) as c
          where exists (select 1 from (select s.store_id, s.placed_at from customer_order_activity as s
              where s.customer_id = c.customer_id and s.placed_at >= ${fromAt}
              order by s.placed_at, s.id limit 1) as n
            where n.placed_at >= ${iso(firstDay * DAY)} and n.placed_at < ${iso(endDay * DAY)}
              and ${isActiveStoreInPlatform('n.store_id', platformId)}))`;
    const head = fromIsMidnight ? undefined : rows(start, firstDay * DAY, fromAt);
    const tail = end === endDay * DAY ? undefined : rows(endDay * DAY, end, fromAt);
    const plus = (key: 'active' | 'first' | 'created') => [head?.[key] ?? zero, tail?.[key] ?? zero];
    return {
      active: sql<number>`(${days('active_customers')} - ${later} + ${beforeFrom} + ${sql.join(plus('active'), sql` + `)})`,
      first: sql<number>`(${days('first_orders')} + ${sql.join(plus('first'), sql` + `)})`,
      created: sql<number>`(${days('new_customers')} + ${sql.join(plus('created'), sql` + `)})`,
    };
  };

  const now = window(from, to);
  const before = window(previousFrom, previousTo);
  const rollups = db as unknown as Kysely<CustomersDatabase & PlatformRollupTables>;
  return rollups.selectNoFrom((eb) => [
    eb.selectFrom('customers_platform_totals').where('platform_id', '=', platformId).select('customers').as('total'),
    now.created.as('new_now'),
    before.created.as('new_before'),
    now.active.as('active_now'),
    before.active.as('active_before'),
    now.first.as('first_orders_now'),
  ]);
}
