import { sql, type Kysely, type Migration } from 'kysely';
import { columnTypes } from '@orion/contracts';

/**
 * `catalog_005_store_deletion`: a deleted store's products leave its platforms' rollups
 * (`catalog_004_platform_rollups`) exactly once, whatever order the cascades from `stores` run in.
 *
 * Deleting a store cascades into its products, its `catalog_store_totals` row and its
 * `store_platforms` memberships. Before this migration both the products' delete trigger and the
 * memberships' delete trigger took the store out of the platforms, each relying on the other's rows
 * still being there: on PostgreSQL the statement triggers of cascaded deletes all run after every
 * cascade of the statement (a foreign key's cascade queues its triggers for the end of the outer
 * statement), so each found the other's rows gone and the store stayed in its platforms' figures;
 * on SQLite the result depended on the order of the cascades (fixed by the schema's creation order).
 *
 * Now a `before delete` row trigger on tenancy's `stores` (a module may put triggers on the tables
 * of a module it requires) subtracts the store's products from each platform it is actively on,
 * while they are all still there, and the two delete triggers skip the rows of a store that is
 * gone: their rows went with the store's own trigger. A membership deleted on its own, or by a
 * platform's deletion, is subtracted as before. Only triggers change: the migration fills nothing.
 *
 * `TRUNCATE` runs no row or statement delete triggers (PostgreSQL, SQLite has no `TRUNCATE`): after
 * truncating `products`, `stores` or `store_platforms`, run `orion rebuild catalog`.
 *
 * Frozen in time: never edit it, add a migration.
 *
 * @example
 * ```ts
 * import { catalogModule } from '@orion/catalog';
 *
 * await catalogModule.migrations.catalog_005_store_deletion!.up(db);
 * ```
 */
export const catalog005StoreDeletion: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    const postgres = columnTypes(db).dialect === 'postgres';
    for (const statement of postgres ? postgresTriggers(true) : sqliteTriggers(true)) {
      await sql.raw(statement).execute(db);
    }
    if (postgres) {
      await sql.raw(postgresStoreFunction).execute(db);
      await sql
        .raw(
          `create trigger catalog_platform_store_delete before delete on stores
           for each row execute function catalog_platform_on_store_delete()`,
        )
        .execute(db);
    } else {
      await sql.raw(sqliteStoreTrigger).execute(db);
    }
  },

  async down(db: Kysely<any>): Promise<void> {
    const postgres = columnTypes(db).dialect === 'postgres';
    if (postgres) {
      await sql`drop trigger if exists catalog_platform_store_delete on stores`.execute(db);
      await sql`drop function if exists catalog_platform_on_store_delete()`.execute(db);
    } else {
      await sql`drop trigger if exists catalog_platform_store_delete`.execute(db);
    }
    // the delete triggers as catalog_004 made them
    for (const statement of postgres ? postgresTriggers(false) : sqliteTriggers(false)) {
      await sql.raw(statement).execute(db);
    }
  },
};

const addTotals = (alias: string) =>
  ['products', 'active_products', 'featured_products'].map((n) => `${n} = ${alias}${n} + excluded.${n}`).join(', ');

/** Rows of stores that still exist: the rows of a deleted store went with its `before delete` trigger. */
const storeExists = (column: string) => `${column} in (select id from stores)`;

// ---- PostgreSQL

/**
 * The products' and the memberships' delete functions of `catalog_004`, replaced in place (their
 * triggers stay); with `skipDeletedStores` false, exactly as `catalog_004` wrote them.
 */
function postgresTriggers(skipDeletedStores: boolean): string[] {
  const existing = skipDeletedStores ? storeExists('store_id') : 'true';
  const taken = `select store_id, created_at, is_active, is_featured, -1 as sign from old_rows where ${existing}`;
  const left = `select store_id, platform_id, -1 as sign from old_rows where is_active and ${existing}`;
  const productsDelete = `create or replace function catalog_platform_on_delete() returns trigger language plpgsql as $catalog$
begin
  insert into catalog_platform_daily_totals as t (platform_id, day, new_products)
     select sp.platform_id, date_trunc('day', d.created_at, 'UTC'), sum(d.sign)
     from (${taken}) as d join store_platforms as sp on sp.store_id = d.store_id and sp.is_active
     group by 1, 2 having sum(d.sign) <> 0 order by 1, 2
     on conflict (platform_id, day) do update set new_products = t.new_products + excluded.new_products;
  insert into catalog_platform_totals as t (platform_id, products, active_products, featured_products)
     select sp.platform_id, sum(d.sign), sum(case when d.is_active then d.sign else 0 end),
       sum(case when d.is_active and d.is_featured then d.sign else 0 end)
     from (${taken}) as d join store_platforms as sp on sp.store_id = d.store_id and sp.is_active
     group by 1
     having sum(d.sign) <> 0 or sum(case when d.is_active then d.sign else 0 end) <> 0
       or sum(case when d.is_active and d.is_featured then d.sign else 0 end) <> 0
     order by 1
     on conflict (platform_id) do update set ${addTotals('t.')};
  delete from catalog_platform_daily_totals as t
     using (select distinct sp.platform_id, date_trunc('day', o.created_at, 'UTC') as day
       from old_rows as o join store_platforms as sp on sp.store_id = o.store_id and sp.is_active) as k
     where t.platform_id = k.platform_id and t.day = k.day and t.new_products = 0;
  delete from catalog_platform_totals as t where t.products = 0 and t.platform_id in
     (select sp.platform_id from old_rows as o join store_platforms as sp on sp.store_id = o.store_id and sp.is_active);
  return null;
end
$catalog$`;
  const membershipDelete = `create or replace function catalog_platform_on_membership_delete() returns trigger language plpgsql as $catalog$
begin
  lock table products in share mode;
  insert into catalog_platform_daily_totals as t (platform_id, day, new_products)
     select m.platform_id, date_trunc('day', p.created_at, 'UTC'), sum(m.sign)
     from (${left}) as m join products as p on p.store_id = m.store_id
     group by 1, 2 having sum(m.sign) <> 0 order by 1, 2
     on conflict (platform_id, day) do update set new_products = t.new_products + excluded.new_products;
  insert into catalog_platform_totals as t (platform_id, products, active_products, featured_products)
     select m.platform_id, sum(m.sign * s.products), sum(m.sign * s.active_products), sum(m.sign * s.featured_products)
     from (${left}) as m join catalog_store_totals as s on s.store_id = m.store_id
     group by 1 having sum(m.sign * s.products) <> 0 order by 1
     on conflict (platform_id) do update set ${addTotals('t.')};
  delete from catalog_platform_daily_totals as t where t.new_products = 0 and t.platform_id in (select platform_id from old_rows where is_active);
  delete from catalog_platform_totals as t where t.products = 0 and t.platform_id in (select platform_id from old_rows where is_active);
  return null;
end
$catalog$`;
  return [productsDelete, membershipDelete];
}

/**
 * Before a store row is deleted: its memberships are locked (a concurrent activation or
 * deactivation commits first and is seen), then its products leave each platform it is actively on.
 */
const postgresStoreFunction = `create function catalog_platform_on_store_delete() returns trigger language plpgsql as $catalog$
begin
  perform 1 from store_platforms where store_id = old.id order by id for update;
  insert into catalog_platform_daily_totals as t (platform_id, day, new_products)
     select sp.platform_id, date_trunc('day', p.created_at, 'UTC'), -count(*)
     from store_platforms as sp join products as p on p.store_id = sp.store_id
     where sp.store_id = old.id and sp.is_active
     group by 1, 2 order by 1, 2
     on conflict (platform_id, day) do update set new_products = t.new_products + excluded.new_products;
  insert into catalog_platform_totals as t (platform_id, products, active_products, featured_products)
     select sp.platform_id, -s.products, -s.active_products, -s.featured_products
     from store_platforms as sp join catalog_store_totals as s on s.store_id = sp.store_id
     where sp.store_id = old.id and sp.is_active
     order by 1
     on conflict (platform_id) do update set ${addTotals('t.')};
  delete from catalog_platform_daily_totals where new_products = 0
     and platform_id in (select platform_id from store_platforms where store_id = old.id and is_active);
  delete from catalog_platform_totals where products = 0
     and platform_id in (select platform_id from store_platforms where store_id = old.id and is_active);
  return old;
end
$catalog$`;

// ---- SQLite

const sqliteDay = (row: string) => `substr(${row}.created_at, 1, 10) || 'T00:00:00.000Z'`;

/**
 * The products' and the memberships' delete triggers of `catalog_004`, dropped and created again;
 * with `skipDeletedStores` false, exactly as `catalog_004` wrote them.
 */
function sqliteTriggers(skipDeletedStores: boolean): string[] {
  const when = (condition?: string) => {
    const conditions = [condition, skipDeletedStores ? storeExists('old.store_id') : undefined].filter(Boolean);
    return conditions.length > 0 ? `when ${conditions.join(' and ')} ` : '';
  };
  const memberships = `from store_platforms as sp where sp.store_id = old.store_id and sp.is_active`;
  const platforms = `platform_id in (select sp.platform_id ${memberships})`;
  return [
    'drop trigger if exists catalog_platform_delete',
    `create trigger catalog_platform_delete after delete on products for each row ${when()}begin
  insert into catalog_platform_daily_totals (platform_id, day, new_products)
     select sp.platform_id, ${sqliteDay('old')}, -1 ${memberships}
     on conflict (platform_id, day) do update set new_products = new_products + excluded.new_products;
  insert into catalog_platform_totals (platform_id, products, active_products, featured_products)
     select sp.platform_id, -1, case when old.is_active then -1 else 0 end,
       case when old.is_active and old.is_featured then -1 else 0 end ${memberships}
     on conflict (platform_id) do update set ${addTotals('')};
  delete from catalog_platform_daily_totals where ${platforms} and day = ${sqliteDay('old')} and new_products = 0;
  delete from catalog_platform_totals where ${platforms} and products = 0;
end`,
    'drop trigger if exists catalog_platform_membership_delete',
    `create trigger catalog_platform_membership_delete after delete on store_platforms for each row ${when('old.is_active')}begin
  insert into catalog_platform_daily_totals (platform_id, day, new_products)
     select old.platform_id, ${sqliteDay('p')}, -1 * count(*) from products as p where p.store_id = old.store_id
     group by 2
     on conflict (platform_id, day) do update set new_products = new_products + excluded.new_products;
  insert into catalog_platform_totals (platform_id, products, active_products, featured_products)
     select old.platform_id, -1 * products, -1 * active_products, -1 * featured_products
     from catalog_store_totals where store_id = old.store_id
     on conflict (platform_id) do update set ${addTotals('')};
  delete from catalog_platform_daily_totals where platform_id = old.platform_id and new_products = 0;
  delete from catalog_platform_totals where platform_id = old.platform_id and products = 0;
end`,
  ];
}

/** Before a store row is deleted, its products leave each platform it is actively on. */
const sqliteStoreTrigger = `create trigger catalog_platform_store_delete before delete on stores for each row begin
  insert into catalog_platform_daily_totals (platform_id, day, new_products)
     select sp.platform_id, ${sqliteDay('p')}, -count(*)
     from store_platforms as sp join products as p on p.store_id = sp.store_id
     where sp.store_id = old.id and sp.is_active
     group by 1, 2
     on conflict (platform_id, day) do update set new_products = new_products + excluded.new_products;
  insert into catalog_platform_totals (platform_id, products, active_products, featured_products)
     select sp.platform_id, -s.products, -s.active_products, -s.featured_products
     from store_platforms as sp join catalog_store_totals as s on s.store_id = sp.store_id
     where sp.store_id = old.id and sp.is_active
     on conflict (platform_id) do update set ${addTotals('')};
  delete from catalog_platform_daily_totals where new_products = 0
     and platform_id in (select platform_id from store_platforms where store_id = old.id and is_active);
  delete from catalog_platform_totals where products = 0
     and platform_id in (select platform_id from store_platforms where store_id = old.id and is_active);
end`;
