import { sql, type Kysely, type Migration } from 'kysely';
import { columnTypes } from '@orion/contracts';

/**
 * `orders_003_summary_triggers`: the database keeps every orders summary itself, so the dashboards
 * stay exact whatever writes `orders` (the service, plain SQL, an ORM, `COPY` on PostgreSQL) and
 * whatever changes a store's platform memberships.
 *
 * New tables, beside `orders_daily_totals` and `orders_store_totals` (`orders_002`):
 *
 * - `orders_hourly_totals`: per store, UTC hour and currency, the same four numbers as the daily
 *   rows, so a day that a window boundary falls inside is read by the hour, not order by order;
 * - `orders_platform_daily_totals`, `orders_platform_hourly_totals`: the same per platform, for the
 *   stores with an active membership in it (a store in two platforms counts in both);
 * - `orders_platform_totals`: each platform's number of orders, all time;
 * - the index `orders_created_idx` `(created_at, store_id, status, currency, total_amount)`: a
 *   platform dashboard reads the orders of a part of an hour across its stores from it.
 *
 * Triggers, created here because orders requires tenancy (a module may put triggers on the tables
 * of a module it requires, never the other way):
 *
 * - on `orders`, after insert, update (of store, time, status, currency or amount) and delete:
 *   the store's and its active platforms' daily, hourly and total rows change in the same
 *   statement's transaction. On PostgreSQL one statement-level trigger per event with transition
 *   tables (a bulk insert, update or `COPY` pays once per statement); on SQLite row-level triggers.
 * - on `store_platforms`, after insert, update and delete: a membership that becomes active adds the
 *   store's summary rows to the platform's, one that stops being active (deactivated, deleted, moved)
 *   subtracts them. On PostgreSQL these also take a `share` lock on `orders`, so an order written
 *   concurrently is never missed by both sides.
 *
 * A summary row that comes down to no orders is deleted, so the tables hold exactly what a rebuild
 * from `orders` produces. The migration fills the new tables, and refills the old ones, from the
 * orders already there. Frozen in time: never edit it, add a migration.
 *
 * @example
 * ```ts
 * import { ordersModule } from '@orion/orders';
 *
 * await ordersModule.migrations.orders_003_summary_triggers!.up(db);
 * ```
 */
export const orders003SummaryTriggers: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    const t = columnTypes(db);
    const postgres = t.dialect === 'postgres';

    for (const [table, key, grain] of [
      ['orders_hourly_totals', 'store_id', 'hour'],
      ['orders_platform_daily_totals', 'platform_id', 'day'],
      ['orders_platform_hourly_totals', 'platform_id', 'hour'],
    ] as const) {
      await db.schema
        .createTable(table)
        .addColumn(key, 'integer', (c) => (key === 'store_id' ? c.notNull().references('stores.id') : c.notNull()))
        .addColumn(grain, t.timestamp, (c) => c.notNull())
        .addColumn('currency', 'char(3)', (c) => c.notNull())
        .addColumn('orders', 'bigint', (c) => c.notNull())
        .addColumn('cancelled', 'bigint', (c) => c.notNull())
        .addColumn('revenue_orders', 'bigint', (c) => c.notNull())
        .addColumn('revenue_minor', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint(`${table}_pk`, [key, grain, 'currency'])
        .$call((builder) => (postgres ? builder : builder.modifyEnd(sql`without rowid`)))
        .execute();
    }
    await db.schema
      .createTable('orders_platform_totals')
      .addColumn('platform_id', 'integer', (c) => c.primaryKey())
      .addColumn('orders', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('orders_created_idx')
      .on('orders')
      .columns(['created_at', 'store_id', 'status', 'currency', 'total_amount'])
      .execute();

    for (const statement of postgres ? postgresTriggers() : sqliteTriggers()) await sql.raw(statement).execute(db);
    for (const statement of refill(postgres)) await sql.raw(statement).execute(db);
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
    await db.schema.dropIndex('orders_created_idx').ifExists().execute();
    for (const table of [
      'orders_platform_totals',
      'orders_platform_hourly_totals',
      'orders_platform_daily_totals',
      'orders_hourly_totals',
    ]) {
      await db.schema.dropTable(table).ifExists().execute();
    }
  },
};

// ---------------------------------------------------------------- the SQL, written out once per dialect

const revenue = `status not in ('cancelled', 'refunded')`;

/** The triggers (name, table) this migration creates, on both databases. */
const triggerNames = [
  ['orders_summaries_insert', 'orders'],
  ['orders_summaries_update', 'orders'],
  ['orders_summaries_delete', 'orders'],
  ['orders_summaries_membership_insert', 'store_platforms'],
  ['orders_summaries_membership_update', 'store_platforms'],
  ['orders_summaries_membership_leave', 'store_platforms'],
  ['orders_summaries_membership_join', 'store_platforms'],
  ['orders_summaries_membership_delete', 'store_platforms'],
] as const;
const functionNames = [
  'orders_summaries_on_insert',
  'orders_summaries_on_update',
  'orders_summaries_on_delete',
  'orders_summaries_on_membership_insert',
  'orders_summaries_on_membership_update',
  'orders_summaries_on_membership_delete',
];

/** The four summed numbers, in column order. */
const numbers = ['orders', 'cancelled', 'revenue_orders', 'revenue_minor'] as const;
const addExcluded = (alias: string) => numbers.map((n) => `${n} = ${alias}${n} + excluded.${n}`).join(', ');

/** The summary tables an order's change reaches: [table, key column, grain column]. */
const grains = [
  ['orders_daily_totals', 'day'],
  ['orders_hourly_totals', 'hour'],
] as const;
const platformGrains = [
  ['orders_platform_daily_totals', 'day'],
  ['orders_platform_hourly_totals', 'hour'],
] as const;

// ---- SQLite: row-level triggers

function sqliteStart(row: string, grain: 'day' | 'hour'): string {
  return grain === 'day'
    ? `substr(${row}.created_at, 1, 10) || 'T00:00:00.000Z'`
    : `substr(${row}.created_at, 1, 13) || ':00:00.000Z'`;
}

/** The statements that add (`sign` 1) or take away (-1) the order `row` (`new` or `old`) in every summary. */
function sqliteApply(row: string, sign: 1 | -1): string[] {
  const values = [
    `${sign}`,
    `case when ${row}.status = 'cancelled' then ${sign} else 0 end`,
    `case when ${row}.${revenue} then ${sign} else 0 end`,
    `case when ${row}.${revenue} then ${sign} * ${row}.total_amount else 0 end`,
  ].join(', ');
  const statements: string[] = [];
  for (const [table, grain] of grains) {
    statements.push(
      `insert into ${table} (store_id, ${grain}, currency, ${numbers.join(', ')})
       values (${row}.store_id, ${sqliteStart(row, grain)}, ${row}.currency, ${values})
       on conflict (store_id, ${grain}, currency) do update set ${addExcluded('')}`,
    );
  }
  statements.push(
    `insert into orders_store_totals (store_id, orders) values (${row}.store_id, ${sign})
     on conflict (store_id) do update set orders = orders + excluded.orders`,
  );
  const memberships = `from store_platforms as sp where sp.store_id = ${row}.store_id and sp.is_active`;
  for (const [table, grain] of platformGrains) {
    statements.push(
      `insert into ${table} (platform_id, ${grain}, currency, ${numbers.join(', ')})
       select sp.platform_id, ${sqliteStart(row, grain)}, ${row}.currency, ${values} ${memberships}
       on conflict (platform_id, ${grain}, currency) do update set ${addExcluded('')}`,
    );
  }
  statements.push(
    `insert into orders_platform_totals (platform_id, orders) select sp.platform_id, ${sign} ${memberships}
     on conflict (platform_id) do update set orders = orders + excluded.orders`,
  );
  if (sign === -1) {
    for (const [table, grain] of grains) {
      statements.push(
        `delete from ${table} where store_id = ${row}.store_id and ${grain} = ${sqliteStart(row, grain)}
         and currency = ${row}.currency and orders = 0`,
      );
    }
    statements.push(`delete from orders_store_totals where store_id = ${row}.store_id and orders = 0`);
    const platforms = `platform_id in (select sp.platform_id ${memberships})`;
    for (const [table, grain] of platformGrains) {
      statements.push(
        `delete from ${table} where ${platforms} and ${grain} = ${sqliteStart(row, grain)}
         and currency = ${row}.currency and orders = 0`,
      );
    }
    statements.push(`delete from orders_platform_totals where ${platforms} and orders = 0`);
  }
  return statements;
}

/** The statements that add (1) or take away (-1) store `row.store_id`'s summaries in platform `row.platform_id`. */
function sqliteMembership(row: string, sign: 1 | -1): string[] {
  const signed = numbers.map((n) => `${sign} * ${n}`).join(', ');
  const statements: string[] = [];
  for (const [index, [table, grain]] of platformGrains.entries()) {
    statements.push(
      `insert into ${table} (platform_id, ${grain}, currency, ${numbers.join(', ')})
       select ${row}.platform_id, ${grain}, currency, ${signed} from ${grains[index]![0]} where store_id = ${row}.store_id
       on conflict (platform_id, ${grain}, currency) do update set ${addExcluded('')}`,
    );
  }
  statements.push(
    `insert into orders_platform_totals (platform_id, orders)
     select ${row}.platform_id, ${sign} * orders from orders_store_totals where store_id = ${row}.store_id
     on conflict (platform_id) do update set orders = orders + excluded.orders`,
  );
  if (sign === -1) {
    for (const [index, [table, grain]] of platformGrains.entries()) {
      statements.push(
        `delete from ${table} where platform_id = ${row}.platform_id and orders = 0
         and (${grain}, currency) in (select ${grain}, currency from ${grains[index]![0]} where store_id = ${row}.store_id)`,
      );
    }
    statements.push(`delete from orders_platform_totals where platform_id = ${row}.platform_id and orders = 0`);
  }
  return statements;
}

function sqliteTrigger(name: string, event: string, when: string | undefined, statements: string[]): string {
  return `create trigger ${name} after ${event} for each row ${when ? `when ${when} ` : ''}begin
${statements.map((statement) => `  ${statement};`).join('\n')}
end`;
}

function sqliteTriggers(): string[] {
  const unchanged = `new.store_id = old.store_id and new.platform_id = old.platform_id`;
  return [
    sqliteTrigger('orders_summaries_insert', 'insert on orders', undefined, sqliteApply('new', 1)),
    sqliteTrigger(
      'orders_summaries_update',
      'update of store_id, created_at, status, currency, total_amount on orders',
      undefined,
      [...sqliteApply('old', -1), ...sqliteApply('new', 1)],
    ),
    sqliteTrigger('orders_summaries_delete', 'delete on orders', undefined, sqliteApply('old', -1)),
    sqliteTrigger(
      'orders_summaries_membership_insert',
      'insert on store_platforms',
      'new.is_active',
      sqliteMembership('new', 1),
    ),
    // an update that leaves an active membership as it was changes nothing
    sqliteTrigger(
      'orders_summaries_membership_leave',
      'update of store_id, platform_id, is_active on store_platforms',
      `old.is_active and not (new.is_active and ${unchanged})`,
      sqliteMembership('old', -1),
    ),
    sqliteTrigger(
      'orders_summaries_membership_join',
      'update of store_id, platform_id, is_active on store_platforms',
      `new.is_active and not (old.is_active and ${unchanged})`,
      sqliteMembership('new', 1),
    ),
    sqliteTrigger(
      'orders_summaries_membership_delete',
      'delete on store_platforms',
      'old.is_active',
      sqliteMembership('old', -1),
    ),
  ];
}

// ---- PostgreSQL: statement-level triggers with transition tables

function postgresStart(grain: 'day' | 'hour', column = 'created_at'): string {
  return `date_trunc('${grain}', ${column}, 'UTC')`;
}

/**
 * The statements that apply `delta` (a `select store_id, created_at, status, currency,
 * total_amount, sign`) to every summary, each aggregated so a statement of any size runs them once;
 * with `removed` (the old rows), the rows that come down to no orders are deleted afterwards.
 */
function postgresApply(delta: string, removed: string | undefined): string[] {
  const sums = [
    `sum(d.sign)`,
    `sum(case when d.status = 'cancelled' then d.sign else 0 end)`,
    `sum(case when d.${revenue} then d.sign else 0 end)`,
    `sum(case when d.${revenue} then d.sign * d.total_amount else 0 end)`,
  ].join(', ');
  const statements: string[] = [];
  for (const [table, grain] of grains) {
    statements.push(
      `insert into ${table} as t (store_id, ${grain}, currency, ${numbers.join(', ')})
       select d.store_id, ${postgresStart(grain, 'd.created_at')}, d.currency, ${sums} from (${delta}) as d group by 1, 2, 3
       on conflict (store_id, ${grain}, currency) do update set ${addExcluded('t.')}`,
    );
  }
  statements.push(
    `insert into orders_store_totals as t (store_id, orders)
     select d.store_id, sum(d.sign) from (${delta}) as d group by 1
     on conflict (store_id) do update set orders = t.orders + excluded.orders`,
  );
  const withMemberships = `from (${delta}) as d join store_platforms as sp on sp.store_id = d.store_id and sp.is_active`;
  for (const [table, grain] of platformGrains) {
    statements.push(
      `insert into ${table} as t (platform_id, ${grain}, currency, ${numbers.join(', ')})
       select sp.platform_id, ${postgresStart(grain, 'd.created_at')}, d.currency, ${sums} ${withMemberships} group by 1, 2, 3
       on conflict (platform_id, ${grain}, currency) do update set ${addExcluded('t.')}`,
    );
  }
  statements.push(
    `insert into orders_platform_totals as t (platform_id, orders)
     select sp.platform_id, sum(d.sign) ${withMemberships} group by 1
     on conflict (platform_id) do update set orders = t.orders + excluded.orders`,
  );
  if (removed !== undefined) {
    for (const [table, grain] of grains) {
      statements.push(
        `delete from ${table} as t using (select distinct store_id, ${postgresStart(grain)} as at, currency from ${removed}) as k
         where t.store_id = k.store_id and t.${grain} = k.at and t.currency = k.currency and t.orders = 0`,
      );
    }
    statements.push(
      `delete from orders_store_totals as t where t.orders = 0 and t.store_id in (select store_id from ${removed})`,
    );
    for (const [table, grain] of platformGrains) {
      statements.push(
        `delete from ${table} as t using (select distinct sp.platform_id, ${postgresStart(grain, 'o.created_at')} as at, o.currency
           from ${removed} as o join store_platforms as sp on sp.store_id = o.store_id and sp.is_active) as k
         where t.platform_id = k.platform_id and t.${grain} = k.at and t.currency = k.currency and t.orders = 0`,
      );
    }
    statements.push(
      `delete from orders_platform_totals as t where t.orders = 0 and t.platform_id in
         (select sp.platform_id from ${removed} as o join store_platforms as sp on sp.store_id = o.store_id and sp.is_active)`,
    );
  }
  return statements;
}

/**
 * The statements that apply a membership `delta` (a `select store_id, platform_id, sign`) to the
 * platform summaries; with `removed` (the old rows), rows that come down to no orders are deleted.
 */
function postgresMembership(delta: string, removed: string | undefined): string[] {
  // Orders written concurrently wait, and are seen once this transaction commits: an order is
  // then counted by its own trigger (which sees the new membership) or by this one, never neither.
  const statements = ['lock table orders in share mode'];
  for (const [index, [table, grain]] of platformGrains.entries()) {
    const sums = numbers.map((n) => `sum(m.sign * s.${n})`).join(', ');
    statements.push(
      `insert into ${table} as t (platform_id, ${grain}, currency, ${numbers.join(', ')})
       select m.platform_id, s.${grain}, s.currency, ${sums}
       from (${delta}) as m join ${grains[index]![0]} as s on s.store_id = m.store_id
       group by 1, 2, 3 having sum(m.sign * s.orders) <> 0
       on conflict (platform_id, ${grain}, currency) do update set ${addExcluded('t.')}`,
    );
  }
  statements.push(
    `insert into orders_platform_totals as t (platform_id, orders)
     select m.platform_id, sum(m.sign * s.orders) from (${delta}) as m join orders_store_totals as s on s.store_id = m.store_id
     group by 1 having sum(m.sign * s.orders) <> 0
     on conflict (platform_id) do update set orders = t.orders + excluded.orders`,
  );
  if (removed !== undefined) {
    for (const [index, [table, grain]] of platformGrains.entries()) {
      statements.push(
        `delete from ${table} as t using (select distinct o.platform_id, s.${grain} as at, s.currency
           from ${removed} as o join ${grains[index]![0]} as s on s.store_id = o.store_id where o.is_active) as k
         where t.platform_id = k.platform_id and t.${grain} = k.at and t.currency = k.currency and t.orders = 0`,
      );
    }
    statements.push(
      `delete from orders_platform_totals as t where t.orders = 0
         and t.platform_id in (select platform_id from ${removed} where is_active)`,
    );
  }
  return statements;
}

function postgresFunction(name: string, statements: string[]): string {
  return `create function ${name}() returns trigger language plpgsql as $orders$
begin
${statements.map((statement) => `  ${statement};`).join('\n')}
  return null;
end
$orders$`;
}

function postgresTriggers(): string[] {
  const orderColumns = 'store_id, created_at, status, currency, total_amount';
  const added = `select ${orderColumns}, 1 as sign from new_rows`;
  const taken = `select ${orderColumns}, -1 as sign from old_rows`;
  const joined = `select store_id, platform_id, 1 as sign from new_rows where is_active`;
  const left = `select store_id, platform_id, -1 as sign from old_rows where is_active`;
  const trigger = (name: string, event: string, table: string, transition: string, fn: string) =>
    `create trigger ${name} after ${event} on ${table} referencing ${transition} for each statement execute function ${fn}()`;
  return [
    postgresFunction('orders_summaries_on_insert', postgresApply(added, undefined)),
    postgresFunction('orders_summaries_on_update', postgresApply(`${taken} union all ${added}`, 'old_rows')),
    postgresFunction('orders_summaries_on_delete', postgresApply(taken, 'old_rows')),
    postgresFunction('orders_summaries_on_membership_insert', postgresMembership(joined, undefined)),
    postgresFunction(
      'orders_summaries_on_membership_update',
      postgresMembership(`${left} union all ${joined}`, 'old_rows'),
    ),
    postgresFunction('orders_summaries_on_membership_delete', postgresMembership(left, 'old_rows')),
    // PostgreSQL allows transition tables only on single-event triggers: one trigger per event.
    trigger('orders_summaries_insert', 'insert', 'orders', 'new table as new_rows', 'orders_summaries_on_insert'),
    trigger(
      'orders_summaries_update',
      'update',
      'orders',
      'old table as old_rows new table as new_rows',
      'orders_summaries_on_update',
    ),
    trigger('orders_summaries_delete', 'delete', 'orders', 'old table as old_rows', 'orders_summaries_on_delete'),
    trigger(
      'orders_summaries_membership_insert',
      'insert',
      'store_platforms',
      'new table as new_rows',
      'orders_summaries_on_membership_insert',
    ),
    trigger(
      'orders_summaries_membership_update',
      'update',
      'store_platforms',
      'old table as old_rows new table as new_rows',
      'orders_summaries_on_membership_update',
    ),
    trigger(
      'orders_summaries_membership_delete',
      'delete',
      'store_platforms',
      'old table as old_rows',
      'orders_summaries_on_membership_delete',
    ),
  ];
}

// ---- the fill: every summary from the orders already there

function refill(postgres: boolean): string[] {
  const start = (grain: 'day' | 'hour') => (postgres ? postgresStart(grain, 'o.created_at') : sqliteStart('o', grain));
  const sums = `count(*), count(*) filter (where o.status = 'cancelled'), count(*) filter (where o.${revenue}),
    coalesce(sum(o.total_amount) filter (where o.${revenue}), 0)`;
  const active = postgres ? 'sp.is_active' : 'sp.is_active = 1';
  const statements = ['delete from orders_daily_totals', 'delete from orders_store_totals'];
  for (const [table, grain] of grains) {
    statements.push(
      `insert into ${table} (store_id, ${grain}, currency, ${numbers.join(', ')})
       select o.store_id, ${start(grain)}, o.currency, ${sums} from orders as o group by 1, 2, 3`,
    );
  }
  statements.push(
    `insert into orders_store_totals (store_id, orders) select store_id, count(*) from orders group by 1`,
  );
  for (const [table, grain] of platformGrains) {
    statements.push(
      `insert into ${table} (platform_id, ${grain}, currency, ${numbers.join(', ')})
       select sp.platform_id, ${start(grain)}, o.currency, ${sums}
       from orders as o join store_platforms as sp on sp.store_id = o.store_id and ${active} group by 1, 2, 3`,
    );
  }
  statements.push(
    `insert into orders_platform_totals (platform_id, orders)
     select sp.platform_id, count(*) from orders as o join store_platforms as sp on sp.store_id = o.store_id and ${active} group by 1`,
  );
  return statements;
}
