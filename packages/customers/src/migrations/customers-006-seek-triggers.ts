import { sql, type Kysely, type Migration } from 'kysely';
import { sqlDialectOf } from '@orion/contracts';

/**
 * `customers_006_seek_triggers`: on PostgreSQL, the statement-level triggers of
 * `customers_004_activity_previous` (each order's previous order) and of
 * `customers_005_platform_rollups` (the activity and customers rollups) cost what the statement
 * touches, never a whole table, so a bulk load of orders is linear instead of quadratic.
 *
 * Their planner sees a transition table without statistics, and joined it to
 * `customer_order_activity` with two full scans per statement (the window over the touched
 * customers' rows, then a hash join back to the table to write), and to `stores` and
 * `store_platforms` with a scan of each. The new functions read per touched customer from
 * `(customer_id, placed_at, id)` and per touched row from the `stores` and `store_platforms`
 * primary keys (lateral subqueries the planner can not flatten into a hash join), write back only
 * the rows whose previous order changed, by primary key, and delete only the rollup rows their
 * upsert brought to zero (from its `returning`) instead of looking for zeros across the rollups.
 * The triggers keep their names, so they fire in the same order; same results as before. The
 * functions run without JIT compilation: the planner's guesses over a transition table run into
 * millions of rows, and compiling cost hundreds of milliseconds for a few milliseconds of work.
 *
 * Membership triggers (`store_platforms`, store deletion) are unchanged: they read a whole store's
 * rows by design. SQLite: nothing to do, its row-level triggers already seek per customer and store.
 * Down points the triggers back at the functions of `customers_004` and `customers_005`, which stay.
 *
 * Frozen in time: never edit it, add a migration.
 *
 * @example
 * ```ts
 * import { customersModule } from '@orion/customers';
 *
 * await customersModule.migrations.customers_006_seek_triggers!.up(db);
 * ```
 */
export const customers006SeekTriggers: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    if (sqlDialectOf(db) !== 'postgres') return;
    for (const statement of functions()) await sql.raw(statement).execute(db);
    for (const trigger of triggers) await point(db, trigger, trigger.replacement);
  },

  async down(db: Kysely<any>): Promise<void> {
    if (sqlDialectOf(db) !== 'postgres') return;
    for (const trigger of triggers) await point(db, trigger, trigger.original);
    for (const { replacement } of triggers) await sql.raw(`drop function if exists ${replacement}()`).execute(db);
  },
};

interface StatementTrigger {
  name: string;
  table: 'customer_order_activity' | 'customers';
  event: 'insert' | 'update' | 'delete';
  /** The function `customers_004` or `customers_005` made. */
  original: string;
  /** This migration's function. */
  replacement: string;
}

const transitions = {
  insert: 'new table as new_rows',
  update: 'old table as old_rows new table as new_rows',
  delete: 'old table as old_rows',
} as const;

const events = ['insert', 'update', 'delete'] as const;
const triggers: StatementTrigger[] = [
  ...events.map((event) => ({
    name: `customers_activity_previous_${event}`,
    table: 'customer_order_activity' as const,
    event,
    original: `customers_activity_previous_${event}`,
    replacement: `customers_006_activity_previous_${event}`,
  })),
  ...events.map((event) => ({
    name: `customers_platform_activity_${event}`,
    table: 'customer_order_activity' as const,
    event,
    original: `customers_platform_on_activity_${event}`,
    replacement: `customers_006_platform_on_activity_${event}`,
  })),
  ...events.map((event) => ({
    name: `customers_platform_customer_${event}`,
    table: 'customers' as const,
    event,
    original: `customers_platform_on_customer_${event}`,
    replacement: `customers_006_platform_on_customer_${event}`,
  })),
];

async function point(db: Kysely<any>, trigger: StatementTrigger, fn: string): Promise<void> {
  await sql.raw(`drop trigger if exists ${trigger.name} on ${trigger.table}`).execute(db);
  await sql
    .raw(
      `create trigger ${trigger.name} after ${trigger.event} on ${trigger.table}
       referencing ${transitions[trigger.event]} for each statement execute function ${fn}()`,
    )
    .execute(db);
}

/** The UTC day (days since 1970-01-01) of a timestamp, as `customers_005` counts them. */
const day = (column: string) => `((${column} at time zone 'UTC')::date - date '1970-01-01')`;

/**
 * The active platforms of the store of each row of `d`, the store still existing (a cascade of its
 * deletion is skipped, as in `customers_005`): one seek per row in `store_platforms (store_id,
 * platform_id)` and the `stores` key. `offset 0` keeps the subquery a parameterised nested loop.
 */
const platformsOfStore = `cross join lateral (
      select sp.platform_id from store_platforms as sp
      where sp.store_id = d.store_id and sp.is_active and exists (select 1 from stores where stores.id = d.store_id)
      offset 0) as m`;

const dailyColumns = ['new_customers', 'active_customers', 'first_orders'] as const;
const addDaily = dailyColumns.map((n) => `${n} = t.${n} + excluded.${n}`).join(', ');
const dailyZero = (alias: string) => dailyColumns.map((n) => `${alias}.${n} = 0`).join(' and ');

/**
 * Deletes the daily rows whose keys are in the arrays `zero_platforms` and `zero_days` (those an
 * upsert brought to zero), if any.
 */
const deleteZeroDaily = `
  if zero_platforms is not null then
    delete from customers_platform_daily_totals as t
    using unnest(zero_platforms, zero_days) as k(platform_id, day)
    where t.platform_id = k.platform_id and t.day = k.day and ${dailyZero('t')};
  end if;`;

/** `customers_004`'s recompute of the previous orders of the touched `customers`, per customer. */
function activityPrevious(event: (typeof events)[number]): string {
  const changed = `select n.customer_id from new_rows n join old_rows o on o.id = n.id
        where (n.customer_id, n.placed_at, n.previous_placed_at) is distinct from (o.customer_id, o.placed_at, o.previous_placed_at)`;
  const customers =
    event === 'insert'
      ? 'select customer_id from new_rows'
      : event === 'delete'
        ? 'select customer_id from old_rows'
        : `${changed} union ${changed.replace('select n.customer_id', 'select o.customer_id')}`;
  return `create or replace function customers_006_activity_previous_${event}() returns trigger language plpgsql set jit = off as $fn$
declare
  changed_ids integer[];
  changed_previous timestamptz[];
begin
  -- the trigger's own update below fires the update trigger again: nested calls have nothing to do
  if pg_trigger_depth() > 1 then return null; end if;
  -- concurrent orders of one customer take turns: lock the customers in id order, each by its key
  perform 1 from (select distinct customer_id from (${customers}) as c order by 1) as touched
    cross join lateral (
      select 1 from customers where customers.id = touched.customer_id for no key update) as locked;
  -- each touched customer's rows from (customer_id, placed_at, id), with their previous order
  select array_agg(x.id), array_agg(x.previous) into changed_ids, changed_previous
  from (select distinct customer_id from (${customers}) as c) as touched
  cross join lateral (
    select p.id, p.previous_placed_at, lag(p.placed_at) over (order by p.placed_at, p.id) as previous
    from customer_order_activity as p where p.customer_id = touched.customer_id) as x
  where x.previous_placed_at is distinct from x.previous;
  -- by primary key, one row at a time (a join with the arrays may be planned as a scan): orders
  -- placed before others are few, appended ones change nothing
  for i in 1 .. coalesce(array_length(changed_ids, 1), 0) loop
    update customer_order_activity set previous_placed_at = changed_previous[i] where id = changed_ids[i];
  end loop;
  return null;
end
$fn$`;
}

/** `customers_005`'s activity rollups, for an activity `delta` (`store_id, placed_at, previous_placed_at, sign`). */
function platformActivity(event: (typeof events)[number], delta: string): string {
  return `create or replace function customers_006_platform_on_activity_${event}() returns trigger language plpgsql set jit = off as $fn$
declare
  zero_platforms integer[];
  zero_days integer[];
  zero_day_platforms integer[];
  zero_day_days integer[];
  zero_day_previous integer[];
begin
  with platform_rows as materialized (
    select m.platform_id, ${day('d.placed_at')} as day, ${day('d.previous_placed_at')} as previous_day,
      case when d.previous_placed_at is null then d.sign else 0 end as firsts, d.sign
    from (${delta}) as d ${platformsOfStore}
  ), daily as (
    insert into customers_platform_daily_totals as t (platform_id, day, new_customers, active_customers, first_orders)
    select platform_id, day, 0, sum(sign), sum(firsts) from platform_rows
    where previous_day is null or previous_day < day
    group by 1, 2 having sum(sign) <> 0 or sum(firsts) <> 0 order by 1, 2
    on conflict (platform_id, day) do update set ${addDaily}
    returning t.platform_id, t.day, ${dailyZero('t')} as zero
  ), days as (
    insert into customers_platform_activity_days as t (platform_id, day, previous_day, customers)
    select platform_id, day, previous_day, sum(sign) from platform_rows
    where previous_day < day
    group by 1, 2, 3 having sum(sign) <> 0 order by 1, 2, 3
    on conflict (platform_id, day, previous_day) do update set customers = t.customers + excluded.customers
    returning t.platform_id, t.day, t.previous_day, t.customers = 0 as zero
  )
  select (select array_agg(platform_id) from daily where zero), (select array_agg(day) from daily where zero),
    (select array_agg(platform_id) from days where zero), (select array_agg(day) from days where zero),
    (select array_agg(previous_day) from days where zero)
  into zero_platforms, zero_days, zero_day_platforms, zero_day_days, zero_day_previous;
  ${deleteZeroDaily}
  if zero_day_platforms is not null then
    delete from customers_platform_activity_days as t
    using unnest(zero_day_platforms, zero_day_days, zero_day_previous) as k(platform_id, day, previous_day)
    where t.platform_id = k.platform_id and t.day = k.day and t.previous_day = k.previous_day and t.customers = 0;
  end if;
  return null;
end
$fn$`;
}

/** `customers_005`'s customers rollups, for a customers `delta` (`store_id, created_at, sign`). */
function platformCustomer(event: (typeof events)[number], delta: string): string {
  return `create or replace function customers_006_platform_on_customer_${event}() returns trigger language plpgsql set jit = off as $fn$
declare
  zero_platforms integer[];
  zero_days integer[];
  zero_total_platforms integer[];
begin
  with platform_rows as materialized (
    select m.platform_id, ${day('d.created_at')} as day, d.sign from (${delta}) as d ${platformsOfStore}
  ), daily as (
    insert into customers_platform_daily_totals as t (platform_id, day, new_customers, active_customers, first_orders)
    select platform_id, day, sum(sign), 0, 0 from platform_rows
    group by 1, 2 having sum(sign) <> 0 order by 1, 2
    on conflict (platform_id, day) do update set ${addDaily}
    returning t.platform_id, t.day, ${dailyZero('t')} as zero
  ), totals as (
    insert into customers_platform_totals as t (platform_id, customers)
    select platform_id, sum(sign) from platform_rows
    group by 1 having sum(sign) <> 0 order by 1
    on conflict (platform_id) do update set customers = t.customers + excluded.customers
    returning t.platform_id, t.customers = 0 as zero
  )
  select (select array_agg(platform_id) from daily where zero), (select array_agg(day) from daily where zero),
    (select array_agg(platform_id) from totals where zero)
  into zero_platforms, zero_days, zero_total_platforms;
  ${deleteZeroDaily}
  if zero_total_platforms is not null then
    delete from customers_platform_totals where customers = 0 and platform_id = any(zero_total_platforms);
  end if;
  return null;
end
$fn$`;
}

function functions(): string[] {
  const rows = (columns: string, table: string, sign: 1 | -1) => `select ${columns}, ${sign} as sign from ${table}`;
  const both = (columns: string) => `${rows(columns, 'old_rows', -1)} union all ${rows(columns, 'new_rows', 1)}`;
  const activity = 'store_id, placed_at, previous_placed_at';
  const customer = 'store_id, created_at';
  return [
    ...events.map(activityPrevious),
    platformActivity('insert', rows(activity, 'new_rows', 1)),
    platformActivity('update', both(activity)),
    platformActivity('delete', rows(activity, 'old_rows', -1)),
    platformCustomer('insert', rows(customer, 'new_rows', 1)),
    platformCustomer('update', both(customer)),
    platformCustomer('delete', rows(customer, 'old_rows', -1)),
  ];
}
