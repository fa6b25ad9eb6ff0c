import { sql, type Kysely, type Migration } from 'kysely';
import { columnTypes, inTransaction } from '@orion/contracts';

/**
 * `customers_005_platform_rollups`: per-platform rows kept by the database, so a platform dashboard
 * reads a platform's own rows instead of one index range per store (issue 12). Days are UTC days,
 * stored as whole days since 1970-01-01.
 *
 * - `customers_platform_totals`: per platform, the customers of the stores with an active
 *   membership in it (a store in two platforms counts in both);
 * - `customers_platform_daily_totals`: per platform and day, `new_customers` (customers created that
 *   day), `active_customers` (activity rows of the day whose previous order, `previous_placed_at`
 *   of `customers_004_activity_previous`, is on an earlier day or absent: one per customer active
 *   that day) and `first_orders` (those without a previous order);
 * - `customers_platform_activity_days`: per platform, day and earlier day `previous_day`, the
 *   activity rows of the day whose previous order is on `previous_day`. A customer is active in a
 *   window of whole days `[F, T)` through exactly its first row in it, so the active customers are
 *   the `active_customers` of its days less these rows with `previous_day` in `[F, day)`.
 * - the indexes `customer_order_activity_placed_idx (placed_at, store_id, previous_placed_at,
 *   customer_id)` and `customers_created_idx (created_at, store_id)`: a window boundary inside a day
 *   reads that day's rows across the platform's stores.
 *
 * Triggers, on `customer_order_activity` (insert, update of store, time or previous order — which
 * `customers_004`'s triggers rewrite when an earlier order comes or goes — delete), on `customers`
 * (insert, update of store or creation time, delete), on tenancy's `store_platforms` (a membership
 * that becomes active adds the store's rows to the platform's, one that stops being active, is
 * moved or deleted, subtracts them) and before a store is deleted (its rows leave its platforms
 * while they are still there; the cascaded deletes that follow are skipped, as their store is
 * gone, so nothing is subtracted twice whatever order the cascades run in). PostgreSQL:
 * statement-level with transition tables (a membership change takes a `share` lock on the customers
 * and their activity, so a row written concurrently is counted by one side); SQLite: row-level. A
 * row that comes down to zero is deleted, so the tables hold exactly what the fill computes.
 *
 * Frozen in time: never edit it, add a migration.
 *
 * @example
 * ```ts
 * import { customersModule } from '@orion/customers';
 *
 * await customersModule.migrations.customers_005_platform_rollups!.up(db);
 * ```
 */
export const customers005PlatformRollups: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    const postgres = columnTypes(db).dialect === 'postgres';
    await db.schema
      .createTable('customers_platform_totals')
      .addColumn('platform_id', 'integer', (c) => c.primaryKey())
      .addColumn('customers', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('customers_platform_daily_totals')
      .addColumn('platform_id', 'integer', (c) => c.notNull())
      .addColumn('day', 'integer', (c) => c.notNull())
      .addColumn('new_customers', 'bigint', (c) => c.notNull())
      .addColumn('active_customers', 'bigint', (c) => c.notNull())
      .addColumn('first_orders', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('customers_platform_daily_totals_pk', ['platform_id', 'day'])
      .$call((builder) => (postgres ? builder : builder.modifyEnd(sql`without rowid`)))
      .execute();
    await db.schema
      .createTable('customers_platform_activity_days')
      .addColumn('platform_id', 'integer', (c) => c.notNull())
      .addColumn('day', 'integer', (c) => c.notNull())
      .addColumn('previous_day', 'integer', (c) => c.notNull())
      .addColumn('customers', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('customers_platform_activity_days_pk', ['platform_id', 'day', 'previous_day'])
      .$call((builder) => (postgres ? builder : builder.modifyEnd(sql`without rowid`)))
      .execute();
    await db.schema
      .createIndex('customer_order_activity_placed_idx')
      .on('customer_order_activity')
      .columns(['placed_at', 'store_id', 'previous_placed_at', 'customer_id'])
      .execute();
    await db.schema.createIndex('customers_created_idx').on('customers').columns(['created_at', 'store_id']).execute();
    for (const statement of postgres ? postgresTriggers() : sqliteTriggers()) await sql.raw(statement).execute(db);
    for (const statement of refill(postgres)) await sql.raw(statement).execute(db);
    if (postgres)
      await sql`analyze customers_platform_totals, customers_platform_daily_totals, customers_platform_activity_days`.execute(
        db,
      );
  },

  async down(db: Kysely<any>): Promise<void> {
    const postgres = columnTypes(db).dialect === 'postgres';
    for (const [name, table] of triggerNames) {
      await sql
        .raw(postgres ? `drop trigger if exists ${name} on ${table}` : `drop trigger if exists ${name}`)
        .execute(db);
    }
    if (postgres) {
      for (const name of functionNames) await sql.raw(`drop function if exists ${name}()`).execute(db);
    }
    await db.schema.dropIndex('customers_created_idx').ifExists().execute();
    await db.schema.dropIndex('customer_order_activity_placed_idx').ifExists().execute();
    await db.schema.dropTable('customers_platform_activity_days').ifExists().execute();
    await db.schema.dropTable('customers_platform_daily_totals').ifExists().execute();
    await db.schema.dropTable('customers_platform_totals').ifExists().execute();
  },
};

const triggerNames = [
  ['customers_platform_activity_insert', 'customer_order_activity'],
  ['customers_platform_activity_update', 'customer_order_activity'],
  ['customers_platform_activity_delete', 'customer_order_activity'],
  ['customers_platform_customer_insert', 'customers'],
  ['customers_platform_customer_update', 'customers'],
  ['customers_platform_customer_delete', 'customers'],
  ['customers_platform_membership_insert', 'store_platforms'],
  ['customers_platform_membership_update', 'store_platforms'],
  ['customers_platform_membership_leave', 'store_platforms'],
  ['customers_platform_membership_join', 'store_platforms'],
  ['customers_platform_membership_delete', 'store_platforms'],
  ['customers_platform_store_delete', 'stores'],
] as const;
const functionNames = [
  'customers_platform_on_activity_insert',
  'customers_platform_on_activity_update',
  'customers_platform_on_activity_delete',
  'customers_platform_on_customer_insert',
  'customers_platform_on_customer_update',
  'customers_platform_on_customer_delete',
  'customers_platform_on_membership_insert',
  'customers_platform_on_membership_update',
  'customers_platform_on_membership_delete',
  'customers_platform_on_store_delete',
];

const dailyColumns = ['new_customers', 'active_customers', 'first_orders'] as const;
const addDaily = (alias: string) => dailyColumns.map((n) => `${n} = ${alias}${n} + excluded.${n}`).join(', ');
const dailyZero = (alias: string) => dailyColumns.map((n) => `${alias}${n} = 0`).join(' and ');

/** The UTC day (days since 1970-01-01) of a timestamp column, in each dialect. */
const sqliteDay = (column: string) => `(cast(strftime('%s', ${column}) as integer) / 86400)`;
const postgresDay = (column: string) => `((${column} at time zone 'UTC')::date - date '1970-01-01')`;

/**
 * The activity rows a daily row counts (`active_customers`): no previous order, or one on an
 * earlier day. The rows of `customers_platform_activity_days` are those with a previous order.
 */
const counted = (row: string, day: (column: string) => string) =>
  `(${row}.previous_placed_at is null or ${day(`${row}.previous_placed_at`)} < ${day(`${row}.placed_at`)})`;
const earlier = (row: string, day: (column: string) => string) =>
  `(${row}.previous_placed_at is not null and ${day(`${row}.previous_placed_at`)} < ${day(`${row}.placed_at`)})`;

// ---- SQLite: row-level triggers

/** The active memberships of `store` (an expression), the store still existing (not being deleted). */
const sqliteMemberships = (store: string) =>
  `from store_platforms as sp where sp.store_id = ${store} and sp.is_active
     and exists (select 1 from stores where stores.id = ${store})`;

/** Adds (`sign` 1) or takes away (-1) the activity row `row` in its store's active platforms. */
function sqliteActivity(row: string, sign: 1 | -1): string[] {
  const memberships = sqliteMemberships(`${row}.store_id`);
  const day = sqliteDay(`${row}.placed_at`);
  const previousDay = sqliteDay(`${row}.previous_placed_at`);
  const platforms = `platform_id in (select sp.platform_id ${memberships})`;
  return [
    `insert into customers_platform_daily_totals (platform_id, day, new_customers, active_customers, first_orders)
     select sp.platform_id, ${day}, 0, ${sign}, case when ${row}.previous_placed_at is null then ${sign} else 0 end
     ${memberships} and ${counted(row, sqliteDay)}
     on conflict (platform_id, day) do update set ${addDaily('')}`,
    `insert into customers_platform_activity_days (platform_id, day, previous_day, customers)
     select sp.platform_id, ${day}, ${previousDay}, ${sign} ${memberships} and ${earlier(row, sqliteDay)}
     on conflict (platform_id, day, previous_day) do update set customers = customers + excluded.customers`,
    // (a row may come down to zero on an add as well: SQLite runs the triggers of one event in no
    // promised order, so `customers_004`'s move of a new row may come before the row is added)
    `delete from customers_platform_daily_totals where ${platforms} and day = ${day} and ${dailyZero('')}`,
    `delete from customers_platform_activity_days
     where ${platforms} and day = ${day} and previous_day = ${previousDay} and customers = 0`,
  ];
}

/** Adds (1) or takes away (-1) the customer `row` in its store's active platforms. */
function sqliteCustomer(row: string, sign: 1 | -1): string[] {
  const memberships = sqliteMemberships(`${row}.store_id`);
  const day = sqliteDay(`${row}.created_at`);
  const platforms = `platform_id in (select sp.platform_id ${memberships})`;
  return [
    `insert into customers_platform_daily_totals (platform_id, day, new_customers, active_customers, first_orders)
     select sp.platform_id, ${day}, ${sign}, 0, 0 ${memberships}
     on conflict (platform_id, day) do update set ${addDaily('')}`,
    `insert into customers_platform_totals (platform_id, customers)
     select sp.platform_id, ${sign} ${memberships}
     on conflict (platform_id) do update set customers = customers + excluded.customers`,
    `delete from customers_platform_daily_totals where ${platforms} and day = ${day} and ${dailyZero('')}`,
    `delete from customers_platform_totals where ${platforms} and customers = 0`,
  ];
}

/**
 * Adds (1) or takes away (-1) every row of each membership `members` selects (`store_id`,
 * `platform_id`) whose store still exists: its customers, its customers' days and its activity.
 */
function sqliteMembership(members: string, sign: 1 | -1): string[] {
  const m = `(${members}) as m join stores as s on s.id = m.store_id`;
  const activityDays = `select m.platform_id, ${sqliteDay('a.placed_at')} as day, ${sqliteDay('a.previous_placed_at')} as previous_day
     from ${m} join customer_order_activity as a on a.store_id = m.store_id where ${earlier('a', sqliteDay)}`;
  const days = `select m.platform_id, ${sqliteDay('c.created_at')} as day, 1 as n, 0 as a, 0 as f
     from ${m} join customers as c on c.store_id = m.store_id
     union all
     select m.platform_id, ${sqliteDay('a.placed_at')}, 0, 1, case when a.previous_placed_at is null then 1 else 0 end
     from ${m} join customer_order_activity as a on a.store_id = m.store_id where ${counted('a', sqliteDay)}`;
  return [
    `insert into customers_platform_daily_totals (platform_id, day, new_customers, active_customers, first_orders)
     select platform_id, day, ${sign} * sum(n), ${sign} * sum(a), ${sign} * sum(f) from (${days}) where true
     group by platform_id, day
     on conflict (platform_id, day) do update set ${addDaily('')}`,
    `insert into customers_platform_activity_days (platform_id, day, previous_day, customers)
     select platform_id, day, previous_day, ${sign} * count(*) from (${activityDays}) where true
     group by platform_id, day, previous_day
     on conflict (platform_id, day, previous_day) do update set customers = customers + excluded.customers`,
    `insert into customers_platform_totals (platform_id, customers)
     select m.platform_id, ${sign} * count(*) from ${m} join customers as c on c.store_id = m.store_id where true
     group by m.platform_id
     on conflict (platform_id) do update set customers = customers + excluded.customers`,
    `delete from customers_platform_daily_totals
     where ${dailyZero('')} and (platform_id, day) in (select platform_id, day from (${days}))`,
    `delete from customers_platform_activity_days
     where customers = 0 and (platform_id, day, previous_day) in (${activityDays})`,
    `delete from customers_platform_totals where customers = 0 and platform_id in (select m.platform_id from ${m})`,
  ];
}

function sqliteTrigger(name: string, event: string, when: string | undefined, statements: string[]): string {
  return `create trigger ${name} ${event} for each row ${when ? `when ${when} ` : ''}begin
${statements.map((statement) => `  ${statement};`).join('\n')}
end`;
}

function sqliteTriggers(): string[] {
  const unchanged = `new.store_id = old.store_id and new.platform_id = old.platform_id`;
  return [
    sqliteTrigger(
      'customers_platform_activity_insert',
      'after insert on customer_order_activity',
      undefined,
      sqliteActivity('new', 1),
    ),
    sqliteTrigger(
      'customers_platform_activity_update',
      'after update of store_id, placed_at, previous_placed_at on customer_order_activity',
      undefined,
      [...sqliteActivity('old', -1), ...sqliteActivity('new', 1)],
    ),
    sqliteTrigger(
      'customers_platform_activity_delete',
      'after delete on customer_order_activity',
      undefined,
      sqliteActivity('old', -1),
    ),
    sqliteTrigger(
      'customers_platform_customer_insert',
      'after insert on customers',
      undefined,
      sqliteCustomer('new', 1),
    ),
    sqliteTrigger(
      'customers_platform_customer_update',
      'after update of store_id, created_at on customers',
      undefined,
      [...sqliteCustomer('old', -1), ...sqliteCustomer('new', 1)],
    ),
    sqliteTrigger(
      'customers_platform_customer_delete',
      'after delete on customers',
      undefined,
      sqliteCustomer('old', -1),
    ),
    sqliteTrigger(
      'customers_platform_membership_insert',
      'after insert on store_platforms',
      'new.is_active',
      sqliteMembership('select new.store_id as store_id, new.platform_id as platform_id', 1),
    ),
    sqliteTrigger(
      'customers_platform_membership_leave',
      'after update of store_id, platform_id, is_active on store_platforms',
      `old.is_active and not (new.is_active and ${unchanged})`,
      sqliteMembership('select old.store_id as store_id, old.platform_id as platform_id', -1),
    ),
    sqliteTrigger(
      'customers_platform_membership_join',
      'after update of store_id, platform_id, is_active on store_platforms',
      `new.is_active and not (old.is_active and ${unchanged})`,
      sqliteMembership('select new.store_id as store_id, new.platform_id as platform_id', 1),
    ),
    sqliteTrigger(
      'customers_platform_membership_delete',
      'after delete on store_platforms',
      'old.is_active',
      sqliteMembership('select old.store_id as store_id, old.platform_id as platform_id', -1),
    ),
    // Before the store goes: its rows leave each of its platforms while they are still there.
    sqliteTrigger(
      'customers_platform_store_delete',
      'before delete on stores',
      undefined,
      sqliteMembership('select store_id, platform_id from store_platforms where store_id = old.id and is_active', -1),
    ),
  ];
}

// ---- PostgreSQL: statement-level triggers with transition tables

/**
 * The statements that apply an activity `delta` (a `select store_id, placed_at, previous_placed_at,
 * sign`) to the platform rows, aggregated so a statement of any size runs them once; groups that
 * do not change are skipped, so they lock no platform row; rows that come down to zero are deleted.
 */
function postgresActivity(delta: string): string[] {
  const withMemberships = `from (${delta}) as d join store_platforms as sp on sp.store_id = d.store_id and sp.is_active`;
  const day = postgresDay('d.placed_at');
  const previousDay = postgresDay('d.previous_placed_at');
  const first = `case when d.previous_placed_at is null then d.sign else 0 end`;
  return [
    `insert into customers_platform_daily_totals as t (platform_id, day, new_customers, active_customers, first_orders)
     select sp.platform_id, ${day}, 0, sum(d.sign), sum(${first}) ${withMemberships}
     where ${counted('d', postgresDay)}
     group by 1, 2 having sum(d.sign) <> 0 or sum(${first}) <> 0 order by 1, 2
     on conflict (platform_id, day) do update set ${addDaily('t.')}`,
    `insert into customers_platform_activity_days as t (platform_id, day, previous_day, customers)
     select sp.platform_id, ${day}, ${previousDay}, sum(d.sign) ${withMemberships}
     where ${earlier('d', postgresDay)}
     group by 1, 2, 3 having sum(d.sign) <> 0 order by 1, 2, 3
     on conflict (platform_id, day, previous_day) do update set customers = t.customers + excluded.customers`,
    `delete from customers_platform_daily_totals as t
     using (select distinct sp.platform_id, ${day} as day ${withMemberships}) as k
     where t.platform_id = k.platform_id and t.day = k.day and ${dailyZero('t.')}`,
    `delete from customers_platform_activity_days as t
     using (select distinct sp.platform_id, ${day} as day, ${previousDay} as previous_day ${withMemberships}
            where ${earlier('d', postgresDay)}) as k
     where t.platform_id = k.platform_id and t.day = k.day and t.previous_day = k.previous_day and t.customers = 0`,
  ];
}

/** The statements that apply a customers `delta` (a `select store_id, created_at, sign`) to the platform rows. */
function postgresCustomer(delta: string): string[] {
  const withMemberships = `from (${delta}) as d join store_platforms as sp on sp.store_id = d.store_id and sp.is_active`;
  const day = postgresDay('d.created_at');
  return [
    `insert into customers_platform_daily_totals as t (platform_id, day, new_customers, active_customers, first_orders)
     select sp.platform_id, ${day}, sum(d.sign), 0, 0 ${withMemberships}
     group by 1, 2 having sum(d.sign) <> 0 order by 1, 2
     on conflict (platform_id, day) do update set ${addDaily('t.')}`,
    `insert into customers_platform_totals as t (platform_id, customers)
     select sp.platform_id, sum(d.sign) ${withMemberships}
     group by 1 having sum(d.sign) <> 0 order by 1
     on conflict (platform_id) do update set customers = t.customers + excluded.customers`,
    `delete from customers_platform_daily_totals as t
     using (select distinct sp.platform_id, ${day} as day ${withMemberships}) as k
     where t.platform_id = k.platform_id and t.day = k.day and ${dailyZero('t.')}`,
    `delete from customers_platform_totals as t
     where t.customers = 0 and t.platform_id in (select sp.platform_id ${withMemberships})`,
  ];
}

/**
 * The statements that apply a membership `delta` (a `select store_id, platform_id, sign`) to the
 * platform rows: every row of each store that still exists (a store being deleted has left its
 * platforms before, see the stores trigger).
 */
function postgresMembership(delta: string): string[] {
  const members = `(${delta}) as m join stores as s on s.id = m.store_id`;
  const activityDays = `select m.platform_id, ${postgresDay('a.placed_at')} as day,
       ${postgresDay('a.previous_placed_at')} as previous_day, m.sign
     from ${members} join customer_order_activity as a on a.store_id = m.store_id
     where ${earlier('a', postgresDay)}`;
  const days = `select m.platform_id, ${postgresDay('c.created_at')} as day, m.sign as n, 0 as a, 0 as f
     from ${members} join customers as c on c.store_id = m.store_id
     union all
     select m.platform_id, ${postgresDay('a.placed_at')}, 0, m.sign,
       case when a.previous_placed_at is null then m.sign else 0 end
     from ${members} join customer_order_activity as a on a.store_id = m.store_id
     where ${counted('a', postgresDay)}`;
  return [
    // Customers and orders written concurrently wait, and are seen once this transaction commits: a
    // row is then counted by its own trigger (which sees the new membership) or by this one.
    'lock table customers, customer_order_activity in share mode',
    `insert into customers_platform_daily_totals as t (platform_id, day, new_customers, active_customers, first_orders)
     select platform_id, day, sum(n), sum(a), sum(f) from (${days}) as x
     group by 1, 2 having sum(n) <> 0 or sum(a) <> 0 or sum(f) <> 0 order by 1, 2
     on conflict (platform_id, day) do update set ${addDaily('t.')}`,
    `insert into customers_platform_activity_days as t (platform_id, day, previous_day, customers)
     select platform_id, day, previous_day, sum(sign) from (${activityDays}) as x
     group by 1, 2, 3 having sum(sign) <> 0 order by 1, 2, 3
     on conflict (platform_id, day, previous_day) do update set customers = t.customers + excluded.customers`,
    `insert into customers_platform_totals as t (platform_id, customers)
     select m.platform_id, sum(m.sign) from ${members} join customers as c on c.store_id = m.store_id
     group by 1 having sum(m.sign) <> 0 order by 1
     on conflict (platform_id) do update set customers = t.customers + excluded.customers`,
    `delete from customers_platform_daily_totals as t
     using (select distinct platform_id, day from (${days}) as x) as k
     where t.platform_id = k.platform_id and t.day = k.day and ${dailyZero('t.')}`,
    `delete from customers_platform_activity_days as t
     using (select distinct platform_id, day, previous_day from (${activityDays}) as x) as k
     where t.platform_id = k.platform_id and t.day = k.day and t.previous_day = k.previous_day and t.customers = 0`,
    `delete from customers_platform_totals as t
     where t.customers = 0 and t.platform_id in (select m.platform_id from ${members})`,
  ];
}

function postgresFunction(name: string, statements: string[], result = 'null'): string {
  return `create function ${name}() returns trigger language plpgsql as $customers$
begin
${statements.map((statement) => `  ${statement};`).join('\n')}
  return ${result};
end
$customers$`;
}

function postgresTriggers(): string[] {
  const activity = 'store_id, placed_at, previous_placed_at';
  const customer = 'store_id, created_at';
  const rows = (columns: string, table: string, sign: 1 | -1) => `select ${columns}, ${sign} as sign from ${table}`;
  // active memberships of stores that still exist: the cascade of a store's deletion is skipped
  const joined = `select store_id, platform_id, 1 as sign from new_rows where is_active`;
  const left = `select store_id, platform_id, -1 as sign from old_rows where is_active`;
  const trigger = (name: string, event: string, table: string, transition: string, fn: string) =>
    `create trigger ${name} after ${event} on ${table} referencing ${transition} for each statement execute function ${fn}()`;
  // A store's activity and customers count only while the store exists: its deletion's cascades
  // (run after the store row is gone) are skipped, the store trigger took its rows away before.
  const existing = (delta: string) =>
    `select d.* from (${delta}) as d where exists (select 1 from stores where id = d.store_id)`;
  return [
    postgresFunction(
      'customers_platform_on_activity_insert',
      postgresActivity(existing(rows(activity, 'new_rows', 1))),
    ),
    postgresFunction(
      'customers_platform_on_activity_update',
      postgresActivity(existing(`${rows(activity, 'old_rows', -1)} union all ${rows(activity, 'new_rows', 1)}`)),
    ),
    postgresFunction(
      'customers_platform_on_activity_delete',
      postgresActivity(existing(rows(activity, 'old_rows', -1))),
    ),
    postgresFunction(
      'customers_platform_on_customer_insert',
      postgresCustomer(existing(rows(customer, 'new_rows', 1))),
    ),
    postgresFunction(
      'customers_platform_on_customer_update',
      postgresCustomer(existing(`${rows(customer, 'old_rows', -1)} union all ${rows(customer, 'new_rows', 1)}`)),
    ),
    postgresFunction(
      'customers_platform_on_customer_delete',
      postgresCustomer(existing(rows(customer, 'old_rows', -1))),
    ),
    postgresFunction('customers_platform_on_membership_insert', postgresMembership(joined)),
    postgresFunction('customers_platform_on_membership_update', postgresMembership(`${left} union all ${joined}`)),
    postgresFunction('customers_platform_on_membership_delete', postgresMembership(left)),
    // Row-level and before: the store's rows are still there (no transition table for a before trigger).
    postgresFunction(
      'customers_platform_on_store_delete',
      postgresMembership(
        `select store_id, platform_id, -1 as sign from store_platforms where store_id = old.id and is_active`,
      ),
      'old',
    ),
    // PostgreSQL allows transition tables only on single-event triggers: one trigger per event.
    trigger(
      'customers_platform_activity_insert',
      'insert',
      'customer_order_activity',
      'new table as new_rows',
      'customers_platform_on_activity_insert',
    ),
    trigger(
      'customers_platform_activity_update',
      'update',
      'customer_order_activity',
      'old table as old_rows new table as new_rows',
      'customers_platform_on_activity_update',
    ),
    trigger(
      'customers_platform_activity_delete',
      'delete',
      'customer_order_activity',
      'old table as old_rows',
      'customers_platform_on_activity_delete',
    ),
    trigger(
      'customers_platform_customer_insert',
      'insert',
      'customers',
      'new table as new_rows',
      'customers_platform_on_customer_insert',
    ),
    trigger(
      'customers_platform_customer_update',
      'update',
      'customers',
      'old table as old_rows new table as new_rows',
      'customers_platform_on_customer_update',
    ),
    trigger(
      'customers_platform_customer_delete',
      'delete',
      'customers',
      'old table as old_rows',
      'customers_platform_on_customer_delete',
    ),
    trigger(
      'customers_platform_membership_insert',
      'insert',
      'store_platforms',
      'new table as new_rows',
      'customers_platform_on_membership_insert',
    ),
    trigger(
      'customers_platform_membership_update',
      'update',
      'store_platforms',
      'old table as old_rows new table as new_rows',
      'customers_platform_on_membership_update',
    ),
    trigger(
      'customers_platform_membership_delete',
      'delete',
      'store_platforms',
      'old table as old_rows',
      'customers_platform_on_membership_delete',
    ),
    `create trigger customers_platform_store_delete before delete on stores
     for each row execute function customers_platform_on_store_delete()`,
  ];
}

// ---- the fill: the platform rows from the customers, activity and memberships already there

/**
 * Recomputes every platform's rows from `customers`, `customer_order_activity` (its
 * `previous_placed_at`, so after that is rebuilt) and the memberships, in one transaction that
 * keeps writers out meanwhile on PostgreSQL: the repair behind `orion rebuild customers`.
 */
export async function rebuildCustomersPlatformRollups(db: Kysely<any>): Promise<void> {
  await inTransaction(db, async (trx) => {
    const postgres = columnTypes(trx).dialect === 'postgres';
    if (postgres) {
      await sql`lock table customers, customer_order_activity, store_platforms in share row exclusive mode`.execute(
        trx,
      );
    }
    for (const statement of refill(postgres)) await sql.raw(statement).execute(trx);
  });
}

function refill(postgres: boolean): string[] {
  const day = postgres ? postgresDay : sqliteDay;
  const members = `join store_platforms as sp on sp.store_id = a.store_id and sp.is_active`;
  return [
    'delete from customers_platform_activity_days',
    'delete from customers_platform_daily_totals',
    'delete from customers_platform_totals',
    `insert into customers_platform_activity_days (platform_id, day, previous_day, customers)
     select sp.platform_id, ${day('a.placed_at')}, ${day('a.previous_placed_at')}, count(*)
     from customer_order_activity as a ${members}
     where ${earlier('a', day)}
     group by 1, 2, 3 order by 1, 2, 3`,
    `insert into customers_platform_daily_totals (platform_id, day, new_customers, active_customers, first_orders)
     select platform_id, day, sum(n), sum(active), sum(first) from (
       select sp.platform_id, ${day('c.created_at')} as day, count(*) as n, 0 as active, 0 as first
       from customers as c join store_platforms as sp on sp.store_id = c.store_id and sp.is_active
       group by 1, 2
       union all
       select sp.platform_id, ${day('a.placed_at')}, 0, count(*), count(case when a.previous_placed_at is null then 1 end)
       from customer_order_activity as a ${members}
       where ${counted('a', day)}
       group by 1, 2
     ) as x group by 1, 2 order by 1, 2`,
    `insert into customers_platform_totals (platform_id, customers)
     select sp.platform_id, sum(s.customers)
     from customers_store_totals as s join store_platforms as sp on sp.store_id = s.store_id and sp.is_active
     group by 1 having sum(s.customers) <> 0`,
  ];
}
