import { sql, type Kysely, type Migration } from 'kysely';
import { sqlDialectOf } from '@orion/contracts';

/**
 * `inventory_005_seek_triggers`: on PostgreSQL, the statement-level triggers of
 * `inventory_003_store_totals_triggers` (each touched store's `inventory_store_totals` row) and of
 * `inventory_004_platform_totals` (the platform rows, from store rows and memberships) cost what the
 * statement touches, never a whole table, so a bulk load of `inventory_items` is linear instead of
 * quadratic.
 *
 * Their planner sees a transition table without statistics, and recomputed the touched stores with
 * `where store_id in (select store_id from new_rows)`: a hash join over a sequential scan of all of
 * `inventory_items` per statement, and another for the `not exists` of the delete of emptied stores,
 * whose `inventory_store_totals` it scanned too. Measured on the 10m bench generation, loading 2.85
 * million items in 2,000-row inserts: 2,854 sequential scans of `inventory_items` reading 4.06 billion
 * rows, and 1,494 of `inventory_store_totals` reading 68 million. The new functions read per touched
 * store (lateral subqueries the planner can not flatten into a hash join): its items from
 * `inventory_items_store_sku_location_unique (store_id, sku, location)`, its `stores`,
 * `inventory_store_totals` and `store_platforms` rows by key; the stores left without items are the
 * touched ones the recompute's upsert did not return, deleted by key. They run without sequential
 * scans (`enable_seqscan = off`: every table they read has the index they seek, and on a small table
 * the planner would rather read it all, per touched store) and without JIT compilation (the planner's
 * guesses over a transition table are no reason to compile). Same locks, taken in the same order
 * (the touched `stores` rows `for no key update` in id order, then the upserted rows in key order),
 * and the same results; the triggers keep their names, so they fire in the same order.
 *
 * Replaced: the three triggers on `inventory_items`, the three on `inventory_store_totals` and the
 * three on `store_platforms` (which joined the memberships to `inventory_store_totals` by a scan;
 * the repair after a store's deletion still sums the platform's stores, by design). SQLite: nothing
 * to do, its row-level triggers already seek per store. Down points the triggers back at the
 * functions of `inventory_003` and `inventory_004`, which stay.
 *
 * Frozen in time: never edit it, add a migration.
 *
 * @example
 * ```ts
 * import { inventoryModule } from '@orion/inventory';
 *
 * await inventoryModule.migrations.inventory_005_seek_triggers!.up(db);
 * ```
 */
export const inventory005SeekTriggers: Migration = {
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

const events = ['insert', 'update', 'delete'] as const;
type Event = (typeof events)[number];

interface StatementTrigger {
  name: string;
  table: 'inventory_items' | 'inventory_store_totals' | 'store_platforms';
  event: Event;
  /** The function `inventory_003` or `inventory_004` made. */
  original: string;
  /** This migration's function. */
  replacement: string;
}

const transitions = {
  insert: 'new table as new_rows',
  update: 'old table as old_rows new table as new_rows',
  delete: 'old table as old_rows',
} as const;

const triggers: StatementTrigger[] = [
  ...events.map((event) => ({
    name: `inventory_store_totals_${event}`,
    table: 'inventory_items' as const,
    event,
    original: `inventory_store_totals_${event}`,
    replacement: `inventory_005_store_totals_${event}`,
  })),
  ...events.map((event) => ({
    name: `inventory_platform_totals_${event}`,
    table: 'inventory_store_totals' as const,
    event,
    original: `inventory_platform_on_totals_${event}`,
    replacement: `inventory_005_platform_on_totals_${event}`,
  })),
  ...events.map((event) => ({
    name: `inventory_platform_membership_${event}`,
    table: 'store_platforms' as const,
    event,
    original: `inventory_platform_on_membership_${event}`,
    replacement: `inventory_005_platform_on_membership_${event}`,
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

function plpgsql(name: string, declare: string, statements: string[]): string {
  return `create or replace function ${name}() returns trigger language plpgsql
  set jit = off set enable_seqscan = off as $inventory$
${declare ? `declare\n  ${declare}\n` : ''}begin
${statements.map((statement) => `  ${statement}`).join('\n')}
  return null;
end
$inventory$`;
}

/**
 * Locks the `stores` rows of the stores `storeIds` selects (a `store_id` column), in id order, each
 * by its key, until the transaction ends: `inventory_003`'s and `inventory_004`'s lock.
 */
const lockStores = (storeIds: string) =>
  `perform 1 from (select distinct store_id from (${storeIds}) as c order by 1) as touched
    cross join lateral (select 1 from stores where stores.id = touched.store_id for no key update) as locked;`;

// ---- inventory_003: each touched store's totals row, recomputed from its items

/** The five numbers over a store's items, in the column order of `inventory_store_totals` (as `inventory_003`). */
const storeTotals = `
      coalesce(sum(quantity) filter (where quantity > 0), 0), count(distinct sku),
      count(*) filter (where quantity > 0 and quantity <= low_stock_threshold), count(*) filter (where quantity <= 0),
      count(distinct location)`;

/** The stores whose totals an event's statement can have changed (`inventory_003`'s). */
const touchedStores: Record<Event, string> = {
  insert: 'select store_id from new_rows',
  // only the stores whose totals can have changed: a changed store, SKU, location, quantity or
  // threshold (reservations and timestamps change nothing the totals read)
  update: `select n.store_id from new_rows n join old_rows o on o.id = n.id
        where (n.store_id, n.sku, n.location, n.quantity, n.low_stock_threshold)
          is distinct from (o.store_id, o.sku, o.location, o.quantity, o.low_stock_threshold)
        union select o.store_id from new_rows n join old_rows o on o.id = n.id where n.store_id <> o.store_id
        union select store_id from new_rows where id not in (select id from old_rows)
        union select store_id from old_rows where id not in (select id from new_rows)`,
  delete: 'select store_id from old_rows',
};

function storeTotalsFunction(event: Event): string {
  const touched = `(select distinct store_id from (${touchedStores[event]}) as c) as touched`;
  return plpgsql(`inventory_005_store_totals_${event}`, 'emptied integer[];', [
    lockStores(touchedStores[event]),
    // each touched store's items from (store_id, sku, location); a store without items gives no row
    `with recomputed as (
    insert into inventory_store_totals as t (store_id, total_units, skus, low_stock, out_of_stock, locations)
    select touched.store_id, x.total_units, x.skus, x.low_stock, x.out_of_stock, x.locations
    from ${touched}
    cross join lateral (
      select ${storeTotals}
      from inventory_items as i where i.store_id = touched.store_id group by i.store_id
    ) as x (total_units, skus, low_stock, out_of_stock, locations)
    order by 1
    on conflict (store_id) do update set
      total_units = excluded.total_units, skus = excluded.skus, low_stock = excluded.low_stock,
      out_of_stock = excluded.out_of_stock, locations = excluded.locations
    returning t.store_id
  )
  select array_agg(touched.store_id) into emptied from ${touched}
  where touched.store_id not in (select store_id from recomputed);`,
    // the touched stores left without items (their stores rows are locked: no item of theirs can
    // have been committed since), by key
    `if emptied is not null then
    delete from inventory_store_totals where store_id = any(emptied);
  end if;`,
  ]);
}

// ---- inventory_004: the platform rows, from the store rows and the memberships

/** The five numbers, in the column order of both totals tables. */
const figures = ['total_units', 'skus', 'low_stock', 'out_of_stock', 'locations'];
const columns = `platform_id, ${figures.join(', ')}`;
const addExcluded = figures.map((f) => `${f} = t.${f} + excluded.${f}`).join(', ');

/**
 * Adds `delta` (a `select platform_id, sign, <the five numbers>`) to the platform rows, one upsert
 * per platform, in platform order; groups that add up to nothing are skipped (`inventory_004`'s).
 */
function add(delta: string): string {
  const sums = figures.map((f) => `sum(d.sign * d.${f})`);
  return `insert into inventory_platform_totals as t (${columns})
    select d.platform_id, ${sums.join(', ')} from (${delta}) as d
    group by 1 having ${sums.map((s) => `${s} <> 0`).join(' or ')} order by 1
    on conflict (platform_id) do update set ${addExcluded};`;
}

/** Deletes the rows of the platforms `platformIds` selects that came down to no SKU. */
const dropEmpty = (platformIds: string) =>
  `delete from inventory_platform_totals as t where t.skus = 0 and t.platform_id in (${platformIds});`;

/** The active platforms of the store of each row of `alias`: one seek per row in `(store_id, platform_id)`. */
const activePlatforms = (alias: string) => `cross join lateral (
      select sp.platform_id from store_platforms as sp where sp.store_id = ${alias}.store_id and sp.is_active
      offset 0) as m`;

const storeColumns = `store_id, ${figures.join(', ')}`;
const added = `select ${storeColumns}, 1 as sign from new_rows`;
const taken = `select ${storeColumns}, -1 as sign from old_rows`;

/** A trigger on `inventory_store_totals`: a changed store row's difference, added to its store's active platforms. */
function platformOnTotals(event: Event): string {
  const rows = event === 'insert' ? added : event === 'delete' ? taken : `${taken} union all ${added}`;
  const statements = [
    lockStores(`select store_id from (${rows}) as r`),
    add(`select m.platform_id, r.sign, ${figures.map((f) => `r.${f}`).join(', ')} from (${rows}) as r
      ${activePlatforms('r')}`),
  ];
  if (event !== 'insert') statements.push(dropEmpty(`select m.platform_id from old_rows as o ${activePlatforms('o')}`));
  return plpgsql(`inventory_005_platform_on_totals_${event}`, '', statements);
}

/** A trigger on `store_platforms`: a store's totals, added to (or taken from) its changed memberships' platforms. */
function platformOnMembership(event: Event): string {
  const joined = 'select store_id, platform_id, 1 as sign from new_rows where is_active';
  const left = 'select store_id, platform_id, -1 as sign from old_rows where is_active';
  const rows = event === 'insert' ? joined : event === 'delete' ? left : `${left} union all ${joined}`;
  const stores =
    event === 'insert'
      ? 'select store_id from new_rows'
      : event === 'delete'
        ? 'select store_id from old_rows'
        : 'select store_id from old_rows union select store_id from new_rows';
  const statements = [
    lockStores(stores),
    // each membership's store row by its key
    add(`select m.platform_id, m.sign, ${figures.map((f) => `s.${f}`).join(', ')} from (${rows}) as m
      cross join lateral (
        select ${figures.map((f) => `st.${f}`).join(', ')} from inventory_store_totals as st
        where st.store_id = m.store_id offset 0) as s`),
  ];
  if (event !== 'insert') statements.push(dropEmpty('select platform_id from old_rows where is_active'));
  if (event === 'delete') {
    // `inventory_004`'s repair of the platforms of deleted stores, whose rows it sums again from
    // what is left (see there); skipped when no store of the statement is gone
    const gone = `select distinct o.platform_id from old_rows as o
      where o.is_active and not exists (select 1 from stores where stores.id = o.store_id)`;
    statements.push(`if exists (${gone}) then
    delete from inventory_platform_totals where platform_id in (${gone});
    insert into inventory_platform_totals (${columns})
    select sp.platform_id, ${figures.map((f) => `sum(s.${f})`).join(', ')}
    from store_platforms as sp join inventory_store_totals as s on s.store_id = sp.store_id
    where sp.is_active and sp.platform_id in (${gone})
    group by sp.platform_id having sum(s.skus) <> 0 order by 1;
  end if;`);
  }
  return plpgsql(`inventory_005_platform_on_membership_${event}`, '', statements);
}

function functions(): string[] {
  return [...events.map(storeTotalsFunction), ...events.map(platformOnTotals), ...events.map(platformOnMembership)];
}
