import { sql, type Kysely, type Migration } from 'kysely';
import { sqlDialectOf } from '@orion/contracts';

/**
 * `catalog_003_store_totals_triggers`: the database keeps `catalog_store_totals` itself, so every
 * write to `products` (the catalog's services, plain SQL, an ORM, `COPY` on PostgreSQL) changes the
 * store's counts in its own transaction. The triggers add and subtract each row's contribution
 * (1 product, 1 if active, 1 if active and featured) and drop a store's row when its last product
 * goes, so the table stays exactly what a rebuild computes.
 *
 * PostgreSQL: one statement-level trigger per event with transition tables (a bulk statement pays
 * once, not once per row). SQLite: row-level triggers. The migration rebuilds the totals first, so
 * they are exact from here on even if SQL writes had left them stale.
 *
 * Frozen in time: never edit it, add a migration.
 *
 * @example
 * ```ts
 * import { catalogModule } from '@orion/catalog';
 *
 * await catalogModule.migrations.catalog_003_store_totals_triggers!.up(db);
 * ```
 */
export const catalog003StoreTotalsTriggers: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await sql`delete from catalog_store_totals`.execute(db);
    await sql`
      insert into catalog_store_totals (store_id, products, active_products, featured_products)
      select store_id, count(*), count(*) filter (where is_active), count(*) filter (where is_active and is_featured)
      from products group by store_id`.execute(db);
    if (sqlDialectOf(db) === 'postgres') {
      await createPostgresTriggers(db);
    } else {
      await createSqliteTriggers(db);
    }
  },

  async down(db: Kysely<any>): Promise<void> {
    if (sqlDialectOf(db) === 'postgres') {
      for (const event of ['insert', 'update', 'delete']) {
        await sql.raw(`drop trigger if exists catalog_store_totals_${event} on products`).execute(db);
        await sql.raw(`drop function if exists catalog_store_totals_${event}()`).execute(db);
      }
    } else {
      for (const event of ['insert', 'update', 'delete']) {
        await sql.raw(`drop trigger if exists catalog_store_totals_${event}`).execute(db);
      }
    }
  },
};

/** The signed contribution of each row of a PostgreSQL transition table, per store. */
const contribution = (rows: string, sign: 1 | -1) => `
  select store_id, ${sign} as n, case when is_active then ${sign} else 0 end as a,
         case when is_active and is_featured then ${sign} else 0 end as f
  from ${rows}`;

async function createPostgresTriggers(db: Kysely<any>): Promise<void> {
  // A transition table exists only for the events that have it, so each event has its own function.
  const events = [
    { event: 'insert', referencing: 'new table as new_rows', changes: [contribution('new_rows', 1)] },
    {
      event: 'update',
      referencing: 'old table as old_rows new table as new_rows',
      changes: [contribution('new_rows', 1), contribution('old_rows', -1)],
    },
    { event: 'delete', referencing: 'old table as old_rows', changes: [contribution('old_rows', -1)] },
  ];
  for (const { event, referencing, changes } of events) {
    // The changed rows summed per store and added to the store's row; stores in ascending order so
    // concurrent bulk writers lock totals rows in one order. Rows of a store deleted by the same
    // statement (a cascade from `stores`) are skipped: its totals row goes with it.
    const prune =
      event === 'insert'
        ? ''
        : 'delete from catalog_store_totals where products = 0 and store_id in (select store_id from old_rows);';
    await sql
      .raw(
        `create function catalog_store_totals_${event}() returns trigger language plpgsql as $fn$
        begin
          insert into catalog_store_totals as t (store_id, products, active_products, featured_products)
          select store_id, sum(n), sum(a), sum(f)
          from (${changes.join(' union all ')}) as changes
          where store_id in (select id from stores)
          group by store_id
          having sum(n) <> 0 or sum(a) <> 0 or sum(f) <> 0
          order by store_id
          on conflict (store_id) do update set
            products = t.products + excluded.products,
            active_products = t.active_products + excluded.active_products,
            featured_products = t.featured_products + excluded.featured_products;
          ${prune}
          return null;
        end
        $fn$`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger catalog_store_totals_${event} after ${event} on products
        referencing ${referencing} for each statement execute function catalog_store_totals_${event}()`,
      )
      .execute(db);
  }
}

async function createSqliteTriggers(db: Kysely<any>): Promise<void> {
  // One row at a time: make sure the store has a row (not with `insert or ignore`: an outer
  // `on conflict` would override the trigger's conflict clause), add the row's contribution, drop the row
  // when it counts no product any more. A store that is gone (a cascade from `stores`) is skipped.
  const apply = (row: 'new' | 'old', sign: 1 | -1) => `
    insert into catalog_store_totals (store_id, products, active_products, featured_products)
      select ${row}.store_id, 0, 0, 0
      where exists (select 1 from stores where id = ${row}.store_id)
        and not exists (select 1 from catalog_store_totals where store_id = ${row}.store_id);
    update catalog_store_totals set
      products = products + ${sign},
      active_products = active_products + (case when ${row}.is_active then ${sign} else 0 end),
      featured_products = featured_products + (case when ${row}.is_active and ${row}.is_featured then ${sign} else 0 end)
    where store_id = ${row}.store_id;
    delete from catalog_store_totals where store_id = ${row}.store_id and products = 0;`;
  await sql
    .raw(`create trigger catalog_store_totals_insert after insert on products begin ${apply('new', 1)} end`)
    .execute(db);
  await sql
    .raw(
      `create trigger catalog_store_totals_update after update of store_id, is_active, is_featured on products
      begin ${apply('old', -1)} ${apply('new', 1)} end`,
    )
    .execute(db);
  await sql
    .raw(`create trigger catalog_store_totals_delete after delete on products begin ${apply('old', -1)} end`)
    .execute(db);
}
