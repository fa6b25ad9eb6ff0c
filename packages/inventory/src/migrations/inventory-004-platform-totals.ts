import { sql, type Kysely, type Migration } from 'kysely';
import { inTransaction, sqlDialectOf } from '@orion/contracts';

/**
 * `inventory_004_platform_totals`: `inventory_platform_totals`, per platform the five numbers of
 * the inventory dashboard (the sums of the `inventory_store_totals` rows of the stores with an
 * active membership in the platform; a store in two platforms counts in both), kept by the
 * database, so a platform dashboard reads one row by its primary key instead of one row per store
 * (issue 12). None of the five numbers is windowed, so there are no daily rows.
 *
 * Triggers, in the writing statement's transaction:
 * - on `inventory_store_totals` (which the triggers of `inventory_003_store_totals_triggers` keep
 *   from every write to `inventory_items`): a store's row that is added, changed or removed adds
 *   its difference to the rows of the store's active platforms;
 * - on tenancy's `store_platforms`: a membership that becomes active adds the store's totals to
 *   the platform's row; one that stops being active, is moved or deleted subtracts them.
 *
 * Deleting a store cascades to its memberships and its totals row, in whatever order: whichever
 * goes first subtracts the store's numbers, and the second finds nothing left to subtract (no
 * active membership, or no totals row). PostgreSQL: statement-level triggers with transition
 * tables, which lock the touched stores' `stores` rows first, in id order, as the store-totals
 * triggers do, so a membership change and a stock write of one store take turns and the second one
 * sees the first one's committed rows. SQLite: row-level triggers. A platform row that comes down
 * to no SKU is deleted, so the table holds exactly what the migration's fill computes. Frozen in
 * time: never edit it, add a migration.
 *
 * @example
 * ```ts
 * import { inventoryModule } from '@orion/inventory';
 *
 * await inventoryModule.migrations.inventory_004_platform_totals!.up(db);
 * ```
 */
export const inventory004PlatformTotals: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    const postgres = sqlDialectOf(db) === 'postgres';
    await db.schema
      .createTable('inventory_platform_totals')
      .addColumn('platform_id', 'integer', (c) => c.primaryKey())
      .addColumn('total_units', 'bigint', (c) => c.notNull())
      .addColumn('skus', 'bigint', (c) => c.notNull())
      .addColumn('low_stock', 'bigint', (c) => c.notNull())
      .addColumn('out_of_stock', 'bigint', (c) => c.notNull())
      .addColumn('locations', 'bigint', (c) => c.notNull())
      .execute();
    for (const statement of postgres ? postgresTriggers() : sqliteTriggers()) await sql.raw(statement).execute(db);
    for (const statement of refill()) await sql.raw(statement).execute(db);
  },

  async down(db: Kysely<any>): Promise<void> {
    const postgres = sqlDialectOf(db) === 'postgres';
    for (const [name, table] of triggerNames) {
      await sql
        .raw(postgres ? `drop trigger if exists ${name} on ${table}` : `drop trigger if exists ${name}`)
        .execute(db);
    }
    if (postgres) {
      for (const name of functionNames) await sql.raw(`drop function if exists ${name}()`).execute(db);
    }
    await db.schema.dropTable('inventory_platform_totals').ifExists().execute();
  },
};

const triggerNames = [
  ['inventory_platform_totals_insert', 'inventory_store_totals'],
  ['inventory_platform_totals_update', 'inventory_store_totals'],
  ['inventory_platform_totals_delete', 'inventory_store_totals'],
  ['inventory_platform_membership_insert', 'store_platforms'],
  ['inventory_platform_membership_update', 'store_platforms'],
  ['inventory_platform_membership_leave', 'store_platforms'],
  ['inventory_platform_membership_join', 'store_platforms'],
  ['inventory_platform_membership_delete', 'store_platforms'],
] as const;
const functionNames = [
  'inventory_platform_on_totals_insert',
  'inventory_platform_on_totals_update',
  'inventory_platform_on_totals_delete',
  'inventory_platform_on_membership_insert',
  'inventory_platform_on_membership_update',
  'inventory_platform_on_membership_delete',
];

/** The five numbers, in the column order of both totals tables. */
const figures = ['total_units', 'skus', 'low_stock', 'out_of_stock', 'locations'];
const columns = `platform_id, ${figures.join(', ')}`;
const addExcluded = (alias: string) => figures.map((f) => `${f} = ${alias}${f} + excluded.${f}`).join(', ');

// ---- SQLite: row-level triggers

/** Adds (`sign` 1) or subtracts (-1) the store totals row `row` in its store's active platforms. */
function sqliteStoreRow(row: string, sign: 1 | -1): string[] {
  const memberships = `from store_platforms as sp where sp.store_id = ${row}.store_id and sp.is_active`;
  const statements = [
    `insert into inventory_platform_totals (${columns})
     select sp.platform_id, ${figures.map((f) => `${sign} * ${row}.${f}`).join(', ')} ${memberships}
     on conflict (platform_id) do update set ${addExcluded('')}`,
  ];
  if (sign === -1) {
    statements.push(
      `delete from inventory_platform_totals where skus = 0 and platform_id in (select sp.platform_id ${memberships})`,
    );
  }
  return statements;
}

/** Adds (1) or subtracts (-1) store `row.store_id`'s totals in platform `row.platform_id`. */
function sqliteMembership(row: string, sign: 1 | -1): string[] {
  const statements = [
    `insert into inventory_platform_totals (${columns})
     select ${row}.platform_id, ${figures.map((f) => `${sign} * ${f}`).join(', ')}
     from inventory_store_totals where store_id = ${row}.store_id
     on conflict (platform_id) do update set ${addExcluded('')}`,
  ];
  if (sign === -1) {
    statements.push(`delete from inventory_platform_totals where platform_id = ${row}.platform_id and skus = 0`);
  }
  return statements;
}

function sqliteTrigger(name: string, event: string, when: string | undefined, statements: string[]): string {
  return `create trigger ${name} after ${event} for each row ${when ? `when ${when} ` : ''}begin
${statements.map((statement) => `  ${statement};`).join('\n')}
end`;
}

function sqliteTriggers(): string[] {
  const unchanged = 'new.store_id = old.store_id and new.platform_id = old.platform_id';
  const membershipColumns = 'update of store_id, platform_id, is_active on store_platforms';
  return [
    sqliteTrigger(
      'inventory_platform_totals_insert',
      'insert on inventory_store_totals',
      undefined,
      sqliteStoreRow('new', 1),
    ),
    sqliteTrigger(
      'inventory_platform_totals_update',
      `update of store_id, ${figures.join(', ')} on inventory_store_totals`,
      undefined,
      [...sqliteStoreRow('old', -1), ...sqliteStoreRow('new', 1)],
    ),
    sqliteTrigger(
      'inventory_platform_totals_delete',
      'delete on inventory_store_totals',
      undefined,
      sqliteStoreRow('old', -1),
    ),
    sqliteTrigger(
      'inventory_platform_membership_insert',
      'insert on store_platforms',
      'new.is_active',
      sqliteMembership('new', 1),
    ),
    sqliteTrigger(
      'inventory_platform_membership_leave',
      membershipColumns,
      `old.is_active and not (new.is_active and ${unchanged})`,
      sqliteMembership('old', -1),
    ),
    sqliteTrigger(
      'inventory_platform_membership_join',
      membershipColumns,
      `new.is_active and not (old.is_active and ${unchanged})`,
      sqliteMembership('new', 1),
    ),
    sqliteTrigger(
      'inventory_platform_membership_delete',
      'delete on store_platforms',
      'old.is_active',
      sqliteMembership('old', -1),
    ),
  ];
}

// ---- PostgreSQL: statement-level triggers with transition tables

/** Locks the `stores` rows of the stores `storeIds` selects, in id order, until the transaction ends. */
const lockStores = (storeIds: string) =>
  `perform 1 from stores where id in (${storeIds}) order by id for no key update`;

/**
 * Adds `delta` (a `select platform_id, sign, <the five numbers>`) to the platform rows, one upsert
 * per platform, in platform order; groups that add up to nothing (a totals row rewritten with the
 * same numbers) are skipped, so they lock no platform row.
 */
function postgresAdd(delta: string): string {
  const sums = figures.map((f) => `sum(d.sign * d.${f})`);
  return `insert into inventory_platform_totals as t (${columns})
     select d.platform_id, ${sums.join(', ')} from (${delta}) as d
     group by 1 having ${sums.map((s) => `${s} <> 0`).join(' or ')} order by 1
     on conflict (platform_id) do update set ${addExcluded('t.')}`;
}

/** Deletes the rows of the platforms `platformIds` selects that came down to no SKU. */
const postgresDropEmpty = (platformIds: string) =>
  `delete from inventory_platform_totals as t where t.skus = 0 and t.platform_id in (${platformIds})`;

/** The statements of a trigger on `inventory_store_totals` whose changed rows `rows` selects (with a sign). */
function postgresStoreRows(rows: string, removed: string | undefined): string[] {
  const withMemberships = `from (${rows}) as r join store_platforms as sp on sp.store_id = r.store_id and sp.is_active`;
  const statements = [
    lockStores(`select store_id from (${rows}) as r`),
    postgresAdd(`select sp.platform_id, r.sign, ${figures.map((f) => `r.${f}`).join(', ')} ${withMemberships}`),
  ];
  if (removed !== undefined) {
    statements.push(
      postgresDropEmpty(
        `select sp.platform_id from ${removed} as o join store_platforms as sp on sp.store_id = o.store_id and sp.is_active`,
      ),
    );
  }
  return statements;
}

/** The statements of a trigger on `store_platforms` whose changed memberships `rows` selects (with a sign). */
function postgresMemberships(rows: string, transitions: string[], removed: string | undefined): string[] {
  const statements = [
    lockStores(transitions.map((table) => `select store_id from ${table}`).join(' union ')),
    postgresAdd(
      `select m.platform_id, m.sign, ${figures.map((f) => `s.${f}`).join(', ')}
       from (${rows}) as m join inventory_store_totals as s on s.store_id = m.store_id`,
    ),
  ];
  if (removed !== undefined) statements.push(postgresDropEmpty(`select platform_id from ${removed} where is_active`));
  return statements;
}

/**
 * Memberships deleted with their store (a cascade from `stores`): PostgreSQL runs this trigger, and
 * the one on `inventory_store_totals`, after both cascades, so neither finds the other's row to
 * subtract. The rows of the platforms those stores were active in are summed again from what is
 * left (whichever way the cascades run, that counts the store's numbers out exactly once).
 */
function postgresResumStoresGone(): string[] {
  const gone = `select distinct o.platform_id from old_rows as o
    where o.is_active and not exists (select 1 from stores where stores.id = o.store_id)`;
  return [
    `delete from inventory_platform_totals where platform_id in (${gone})`,
    `insert into inventory_platform_totals (${columns})
     select sp.platform_id, ${figures.map((f) => `sum(s.${f})`).join(', ')}
     from store_platforms as sp join inventory_store_totals as s on s.store_id = sp.store_id
     where sp.is_active and sp.platform_id in (${gone})
     group by sp.platform_id having sum(s.skus) <> 0 order by 1`,
  ];
}

function postgresFunction(name: string, statements: string[]): string {
  return `create function ${name}() returns trigger language plpgsql as $inventory$
begin
${statements.map((statement) => `  ${statement};`).join('\n')}
  return null;
end
$inventory$`;
}

function postgresTriggers(): string[] {
  const storeColumns = `store_id, ${figures.join(', ')}`;
  const added = `select ${storeColumns}, 1 as sign from new_rows`;
  const taken = `select ${storeColumns}, -1 as sign from old_rows`;
  const joined = 'select store_id, platform_id, 1 as sign from new_rows where is_active';
  const left = 'select store_id, platform_id, -1 as sign from old_rows where is_active';
  const trigger = (name: string, event: string, table: string, transition: string, fn: string) =>
    `create trigger ${name} after ${event} on ${table} referencing ${transition} for each statement execute function ${fn}()`;
  const both = 'old table as old_rows new table as new_rows';
  return [
    postgresFunction('inventory_platform_on_totals_insert', postgresStoreRows(added, undefined)),
    postgresFunction(
      'inventory_platform_on_totals_update',
      postgresStoreRows(`${taken} union all ${added}`, 'old_rows'),
    ),
    postgresFunction('inventory_platform_on_totals_delete', postgresStoreRows(taken, 'old_rows')),
    postgresFunction('inventory_platform_on_membership_insert', postgresMemberships(joined, ['new_rows'], undefined)),
    postgresFunction(
      'inventory_platform_on_membership_update',
      postgresMemberships(`${left} union all ${joined}`, ['old_rows', 'new_rows'], 'old_rows'),
    ),
    postgresFunction('inventory_platform_on_membership_delete', [
      ...postgresMemberships(left, ['old_rows'], 'old_rows'),
      ...postgresResumStoresGone(),
    ]),
    // PostgreSQL allows transition tables only on single-event triggers: one trigger per event.
    trigger(
      'inventory_platform_totals_insert',
      'insert',
      'inventory_store_totals',
      'new table as new_rows',
      'inventory_platform_on_totals_insert',
    ),
    trigger(
      'inventory_platform_totals_update',
      'update',
      'inventory_store_totals',
      both,
      'inventory_platform_on_totals_update',
    ),
    trigger(
      'inventory_platform_totals_delete',
      'delete',
      'inventory_store_totals',
      'old table as old_rows',
      'inventory_platform_on_totals_delete',
    ),
    trigger(
      'inventory_platform_membership_insert',
      'insert',
      'store_platforms',
      'new table as new_rows',
      'inventory_platform_on_membership_insert',
    ),
    trigger(
      'inventory_platform_membership_update',
      'update',
      'store_platforms',
      both,
      'inventory_platform_on_membership_update',
    ),
    trigger(
      'inventory_platform_membership_delete',
      'delete',
      'store_platforms',
      'old table as old_rows',
      'inventory_platform_on_membership_delete',
    ),
  ];
}

// ---- the fill: the platform rows from the store totals and memberships already there

/**
 * Recomputes every platform's row from `inventory_store_totals` and the active memberships, in one
 * transaction that keeps stock and membership writers out meanwhile on PostgreSQL: the repair
 * behind `orion rebuild inventory` (after the store totals, which it reads).
 *
 * @example
 * ```ts
 * import { rebuildInventoryPlatformTotals } from './inventory-004-platform-totals.js';
 *
 * await rebuildInventoryPlatformTotals(db);
 * ```
 */
export async function rebuildInventoryPlatformTotals(db: Kysely<any>): Promise<void> {
  await inTransaction(db, async (trx) => {
    if (sqlDialectOf(trx) === 'postgres') {
      await sql`lock table inventory_items, inventory_store_totals, store_platforms in share row exclusive mode`.execute(
        trx,
      );
    }
    for (const statement of refill()) await sql.raw(statement).execute(trx);
  });
}

function refill(): string[] {
  return [
    'delete from inventory_platform_totals',
    `insert into inventory_platform_totals (${columns})
     select sp.platform_id, ${figures.map((f) => `sum(s.${f})`).join(', ')}
     from inventory_store_totals as s join store_platforms as sp on sp.store_id = s.store_id and sp.is_active
     group by sp.platform_id having sum(s.skus) <> 0`,
  ];
}
