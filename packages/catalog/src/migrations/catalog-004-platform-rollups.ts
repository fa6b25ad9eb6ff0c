import { sql, type Kysely, type Migration } from 'kysely';
import { columnTypes, inTransaction } from '@orion/contracts';

/**
 * `catalog_004_platform_rollups`: per-platform rows kept by the database, so a platform dashboard
 * reads a platform's own rows instead of one index range per store (issue 12).
 *
 * - `catalog_platform_daily_totals`: per platform and UTC day, the products created that day in the
 *   stores with an active membership in the platform (a store in two platforms counts in both);
 * - `catalog_platform_totals`: per platform, its products, active products and active featured
 *   products (the sums of its stores' `catalog_store_totals`);
 * - the index `products_created_idx` `(created_at, store_id)`: a window boundary inside a day is
 *   read from the shorter side of that day's products, across the platform's stores.
 *
 * Triggers, on `products` (insert, update of store, creation time or flags, delete) and on tenancy's
 * `store_platforms` (a membership that becomes active adds the store's products to the platform's
 * rows, one that stops being active, is moved or deleted, subtracts them), in the writing
 * statement's transaction: PostgreSQL statement-level with transition tables (membership changes
 * take a `share` lock on `products`, so a product written concurrently is counted by one side),
 * SQLite row-level. A row that comes down to zero is deleted, so the tables hold exactly what the
 * migration's fill computes. Frozen in time: never edit it, add a migration.
 *
 * @example
 * ```ts
 * import { catalogModule } from '@orion/catalog';
 *
 * await catalogModule.migrations.catalog_004_platform_rollups!.up(db);
 * ```
 */
export const catalog004PlatformRollups: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    const t = columnTypes(db);
    const postgres = t.dialect === 'postgres';
    await db.schema
      .createTable('catalog_platform_daily_totals')
      .addColumn('platform_id', 'integer', (c) => c.notNull())
      .addColumn('day', t.timestamp, (c) => c.notNull())
      .addColumn('new_products', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('catalog_platform_daily_totals_pk', ['platform_id', 'day'])
      .$call((builder) => (postgres ? builder : builder.modifyEnd(sql`without rowid`)))
      .execute();
    await db.schema
      .createTable('catalog_platform_totals')
      .addColumn('platform_id', 'integer', (c) => c.primaryKey())
      .addColumn('products', 'bigint', (c) => c.notNull())
      .addColumn('active_products', 'bigint', (c) => c.notNull())
      .addColumn('featured_products', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('products_created_idx').on('products').columns(['created_at', 'store_id']).execute();
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
    await db.schema.dropIndex('products_created_idx').ifExists().execute();
    await db.schema.dropTable('catalog_platform_totals').ifExists().execute();
    await db.schema.dropTable('catalog_platform_daily_totals').ifExists().execute();
  },
};

const triggerNames = [
  ['catalog_platform_insert', 'products'],
  ['catalog_platform_update', 'products'],
  ['catalog_platform_delete', 'products'],
  ['catalog_platform_membership_insert', 'store_platforms'],
  ['catalog_platform_membership_update', 'store_platforms'],
  ['catalog_platform_membership_leave', 'store_platforms'],
  ['catalog_platform_membership_join', 'store_platforms'],
  ['catalog_platform_membership_delete', 'store_platforms'],
] as const;
const functionNames = [
  'catalog_platform_on_insert',
  'catalog_platform_on_update',
  'catalog_platform_on_delete',
  'catalog_platform_on_membership_insert',
  'catalog_platform_on_membership_update',
  'catalog_platform_on_membership_delete',
];

const addTotals = (alias: string) =>
  ['products', 'active_products', 'featured_products'].map((n) => `${n} = ${alias}${n} + excluded.${n}`).join(', ');

// ---- SQLite: row-level triggers

const sqliteDay = (row: string) => `substr(${row}.created_at, 1, 10) || 'T00:00:00.000Z'`;

/** The statements that add (`sign` 1) or take away (-1) the product `row` in its store's active platforms. */
function sqliteApply(row: string, sign: 1 | -1): string[] {
  const memberships = `from store_platforms as sp where sp.store_id = ${row}.store_id and sp.is_active`;
  const statements = [
    `insert into catalog_platform_daily_totals (platform_id, day, new_products)
     select sp.platform_id, ${sqliteDay(row)}, ${sign} ${memberships}
     on conflict (platform_id, day) do update set new_products = new_products + excluded.new_products`,
    `insert into catalog_platform_totals (platform_id, products, active_products, featured_products)
     select sp.platform_id, ${sign}, case when ${row}.is_active then ${sign} else 0 end,
       case when ${row}.is_active and ${row}.is_featured then ${sign} else 0 end ${memberships}
     on conflict (platform_id) do update set ${addTotals('')}`,
  ];
  if (sign === -1) {
    const platforms = `platform_id in (select sp.platform_id ${memberships})`;
    statements.push(
      `delete from catalog_platform_daily_totals where ${platforms} and day = ${sqliteDay(row)} and new_products = 0`,
      `delete from catalog_platform_totals where ${platforms} and products = 0`,
    );
  }
  return statements;
}

/** The statements that add (1) or take away (-1) store `row.store_id`'s products in platform `row.platform_id`. */
function sqliteMembership(row: string, sign: 1 | -1): string[] {
  const statements = [
    `insert into catalog_platform_daily_totals (platform_id, day, new_products)
     select ${row}.platform_id, ${sqliteDay('p')}, ${sign} * count(*) from products as p where p.store_id = ${row}.store_id
     group by 2
     on conflict (platform_id, day) do update set new_products = new_products + excluded.new_products`,
    `insert into catalog_platform_totals (platform_id, products, active_products, featured_products)
     select ${row}.platform_id, ${sign} * products, ${sign} * active_products, ${sign} * featured_products
     from catalog_store_totals where store_id = ${row}.store_id
     on conflict (platform_id) do update set ${addTotals('')}`,
  ];
  if (sign === -1) {
    statements.push(
      `delete from catalog_platform_daily_totals where platform_id = ${row}.platform_id and new_products = 0`,
      `delete from catalog_platform_totals where platform_id = ${row}.platform_id and products = 0`,
    );
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
    sqliteTrigger('catalog_platform_insert', 'insert on products', undefined, sqliteApply('new', 1)),
    sqliteTrigger(
      'catalog_platform_update',
      'update of store_id, created_at, is_active, is_featured on products',
      undefined,
      [...sqliteApply('old', -1), ...sqliteApply('new', 1)],
    ),
    sqliteTrigger('catalog_platform_delete', 'delete on products', undefined, sqliteApply('old', -1)),
    sqliteTrigger(
      'catalog_platform_membership_insert',
      'insert on store_platforms',
      'new.is_active',
      sqliteMembership('new', 1),
    ),
    sqliteTrigger(
      'catalog_platform_membership_leave',
      'update of store_id, platform_id, is_active on store_platforms',
      `old.is_active and not (new.is_active and ${unchanged})`,
      sqliteMembership('old', -1),
    ),
    sqliteTrigger(
      'catalog_platform_membership_join',
      'update of store_id, platform_id, is_active on store_platforms',
      `new.is_active and not (old.is_active and ${unchanged})`,
      sqliteMembership('new', 1),
    ),
    sqliteTrigger(
      'catalog_platform_membership_delete',
      'delete on store_platforms',
      'old.is_active',
      sqliteMembership('old', -1),
    ),
  ];
}

// ---- PostgreSQL: statement-level triggers with transition tables

const postgresDay = (column: string) => `date_trunc('day', ${column}, 'UTC')`;

/**
 * The statements that apply `delta` (a `select store_id, created_at, is_active, is_featured,
 * sign`) to the platform rows, aggregated so a statement of any size runs them once; groups that do
 * not change (an update of a title or price) are skipped, so they lock no platform row. With
 * `removed` (the old rows), rows that come down to zero are deleted afterwards.
 */
function postgresApply(delta: string, removed: string | undefined): string[] {
  const withMemberships = `from (${delta}) as d join store_platforms as sp on sp.store_id = d.store_id and sp.is_active`;
  const statements = [
    `insert into catalog_platform_daily_totals as t (platform_id, day, new_products)
     select sp.platform_id, ${postgresDay('d.created_at')}, sum(d.sign) ${withMemberships}
     group by 1, 2 having sum(d.sign) <> 0 order by 1, 2
     on conflict (platform_id, day) do update set new_products = t.new_products + excluded.new_products`,
    `insert into catalog_platform_totals as t (platform_id, products, active_products, featured_products)
     select sp.platform_id, sum(d.sign), sum(case when d.is_active then d.sign else 0 end),
       sum(case when d.is_active and d.is_featured then d.sign else 0 end) ${withMemberships}
     group by 1
     having sum(d.sign) <> 0 or sum(case when d.is_active then d.sign else 0 end) <> 0
       or sum(case when d.is_active and d.is_featured then d.sign else 0 end) <> 0
     order by 1
     on conflict (platform_id) do update set ${addTotals('t.')}`,
  ];
  if (removed !== undefined) {
    const platforms = `from ${removed} as o join store_platforms as sp on sp.store_id = o.store_id and sp.is_active`;
    statements.push(
      `delete from catalog_platform_daily_totals as t
       using (select distinct sp.platform_id, ${postgresDay('o.created_at')} as day ${platforms}) as k
       where t.platform_id = k.platform_id and t.day = k.day and t.new_products = 0`,
      `delete from catalog_platform_totals as t where t.products = 0 and t.platform_id in (select sp.platform_id ${platforms})`,
    );
  }
  return statements;
}

/**
 * The statements that apply a membership `delta` (a `select store_id, platform_id, sign`) to the
 * platform rows; with `removed` (the old rows), rows that come down to zero are deleted.
 */
function postgresMembership(delta: string, removed: string | undefined): string[] {
  // Products written concurrently wait, and are seen once this transaction commits: a product is
  // then counted by its own trigger (which sees the new membership) or by this one, never neither.
  const statements = [
    'lock table products in share mode',
    `insert into catalog_platform_daily_totals as t (platform_id, day, new_products)
     select m.platform_id, ${postgresDay('p.created_at')}, sum(m.sign)
     from (${delta}) as m join products as p on p.store_id = m.store_id
     group by 1, 2 having sum(m.sign) <> 0 order by 1, 2
     on conflict (platform_id, day) do update set new_products = t.new_products + excluded.new_products`,
    `insert into catalog_platform_totals as t (platform_id, products, active_products, featured_products)
     select m.platform_id, sum(m.sign * s.products), sum(m.sign * s.active_products), sum(m.sign * s.featured_products)
     from (${delta}) as m join catalog_store_totals as s on s.store_id = m.store_id
     group by 1 having sum(m.sign * s.products) <> 0 order by 1
     on conflict (platform_id) do update set ${addTotals('t.')}`,
  ];
  if (removed !== undefined) {
    const platforms = `(select platform_id from ${removed} where is_active)`;
    statements.push(
      `delete from catalog_platform_daily_totals as t where t.new_products = 0 and t.platform_id in ${platforms}`,
      `delete from catalog_platform_totals as t where t.products = 0 and t.platform_id in ${platforms}`,
    );
  }
  return statements;
}

function postgresFunction(name: string, statements: string[]): string {
  return `create function ${name}() returns trigger language plpgsql as $catalog$
begin
${statements.map((statement) => `  ${statement};`).join('\n')}
  return null;
end
$catalog$`;
}

function postgresTriggers(): string[] {
  const columns = 'store_id, created_at, is_active, is_featured';
  const added = `select ${columns}, 1 as sign from new_rows`;
  const taken = `select ${columns}, -1 as sign from old_rows`;
  const joined = `select store_id, platform_id, 1 as sign from new_rows where is_active`;
  const left = `select store_id, platform_id, -1 as sign from old_rows where is_active`;
  const trigger = (name: string, event: string, table: string, transition: string, fn: string) =>
    `create trigger ${name} after ${event} on ${table} referencing ${transition} for each statement execute function ${fn}()`;
  return [
    postgresFunction('catalog_platform_on_insert', postgresApply(added, undefined)),
    postgresFunction('catalog_platform_on_update', postgresApply(`${taken} union all ${added}`, 'old_rows')),
    postgresFunction('catalog_platform_on_delete', postgresApply(taken, 'old_rows')),
    postgresFunction('catalog_platform_on_membership_insert', postgresMembership(joined, undefined)),
    postgresFunction(
      'catalog_platform_on_membership_update',
      postgresMembership(`${left} union all ${joined}`, 'old_rows'),
    ),
    postgresFunction('catalog_platform_on_membership_delete', postgresMembership(left, 'old_rows')),
    // PostgreSQL allows transition tables only on single-event triggers: one trigger per event.
    trigger('catalog_platform_insert', 'insert', 'products', 'new table as new_rows', 'catalog_platform_on_insert'),
    trigger(
      'catalog_platform_update',
      'update',
      'products',
      'old table as old_rows new table as new_rows',
      'catalog_platform_on_update',
    ),
    trigger('catalog_platform_delete', 'delete', 'products', 'old table as old_rows', 'catalog_platform_on_delete'),
    trigger(
      'catalog_platform_membership_insert',
      'insert',
      'store_platforms',
      'new table as new_rows',
      'catalog_platform_on_membership_insert',
    ),
    trigger(
      'catalog_platform_membership_update',
      'update',
      'store_platforms',
      'old table as old_rows new table as new_rows',
      'catalog_platform_on_membership_update',
    ),
    trigger(
      'catalog_platform_membership_delete',
      'delete',
      'store_platforms',
      'old table as old_rows',
      'catalog_platform_on_membership_delete',
    ),
  ];
}

// ---- the fill: the platform rows from the products and memberships already there

/**
 * Recomputes every platform's rows from `products`, `catalog_store_totals` and the memberships, in
 * one transaction that keeps product and membership writers out meanwhile on PostgreSQL: the repair
 * behind `orion rebuild catalog` (after `catalog_store_totals`, which it reads).
 */
export async function rebuildCatalogPlatformRollups(db: Kysely<any>): Promise<void> {
  await inTransaction(db, async (trx) => {
    const postgres = columnTypes(trx).dialect === 'postgres';
    if (postgres) await sql`lock table products, store_platforms in share row exclusive mode`.execute(trx);
    for (const statement of refill(postgres)) await sql.raw(statement).execute(trx);
  });
}

function refill(postgres: boolean): string[] {
  const day = postgres ? postgresDay('p.created_at') : sqliteDay('p');
  return [
    'delete from catalog_platform_daily_totals',
    'delete from catalog_platform_totals',
    `insert into catalog_platform_daily_totals (platform_id, day, new_products)
     select sp.platform_id, ${day}, count(*)
     from products as p join store_platforms as sp on sp.store_id = p.store_id and sp.is_active group by 1, 2`,
    `insert into catalog_platform_totals (platform_id, products, active_products, featured_products)
     select sp.platform_id, sum(s.products), sum(s.active_products), sum(s.featured_products)
     from catalog_store_totals as s join store_platforms as sp on sp.store_id = s.store_id and sp.is_active
     group by 1 having sum(s.products) <> 0`,
  ];
}
