import { sql, type Kysely, type Migration } from 'kysely';
import { sqlDialectOf } from '@orion/contracts';

/** The five numbers over a set of items, in the column order of `inventory_store_totals`. */
const storeTotals = `
  coalesce(sum(quantity) filter (where quantity > 0), 0), count(distinct sku),
  count(*) filter (where quantity > 0 and quantity <= low_stock_threshold), count(*) filter (where quantity <= 0),
  count(distinct location)`;

/**
 * `inventory_003_store_totals_triggers`: the database keeps `inventory_store_totals` itself, so
 * every write to `inventory_items` (the inventory's services, plain SQL, an ORM, `COPY` on
 * PostgreSQL) changes the store's row in its own transaction. Two of the five numbers count
 * distinct SKUs and locations, which no per-row delta can keep, so the triggers recompute the row
 * of each store the statement touched from that store's items (one index range per store), and
 * drop it when the store has no item left, exactly what a rebuild computes.
 *
 * PostgreSQL: one statement-level trigger per event with transition tables (a bulk statement
 * recomputes each touched store once). It locks the touched stores' `stores` rows first, in id
 * order, and recomputes in the next statement, so two transactions writing one store take turns
 * and the second one counts the first one's committed items. SQLite (one writer at a time):
 * row-level triggers, and only when a column the totals read changes.
 *
 * The migration rebuilds the totals first, so they are exact from here on even if SQL writes had
 * left them stale. Frozen in time: never edit it, add a migration.
 *
 * @example
 * ```ts
 * import { inventoryModule } from '@orion/inventory';
 *
 * await inventoryModule.migrations.inventory_003_store_totals_triggers!.up(db);
 * ```
 */
export const inventory003StoreTotalsTriggers: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await sql`delete from inventory_store_totals`.execute(db);
    await sql
      .raw(
        `insert into inventory_store_totals (store_id, total_units, skus, low_stock, out_of_stock, locations)
        select store_id, ${storeTotals} from inventory_items group by store_id`,
      )
      .execute(db);
    if (sqlDialectOf(db) === 'postgres') {
      await createPostgresTriggers(db);
    } else {
      await createSqliteTriggers(db);
    }
  },

  async down(db: Kysely<any>): Promise<void> {
    for (const event of ['insert', 'update', 'delete']) {
      if (sqlDialectOf(db) === 'postgres') {
        await sql.raw(`drop trigger if exists inventory_store_totals_${event} on inventory_items`).execute(db);
        await sql.raw(`drop function if exists inventory_store_totals_${event}()`).execute(db);
      } else {
        await sql.raw(`drop trigger if exists inventory_store_totals_${event}`).execute(db);
      }
    }
  },
};

/** Recomputes the rows of the stores `touched` selects (a query over the transition tables). */
function recompute(touched: string): string {
  return `
    perform 1 from stores where id in (${touched}) order by id for no key update;
    insert into inventory_store_totals as t (store_id, total_units, skus, low_stock, out_of_stock, locations)
    select store_id, ${storeTotals} from inventory_items where store_id in (${touched})
    group by store_id order by store_id
    on conflict (store_id) do update set
      total_units = excluded.total_units, skus = excluded.skus, low_stock = excluded.low_stock,
      out_of_stock = excluded.out_of_stock, locations = excluded.locations;
    delete from inventory_store_totals
    where store_id in (${touched})
      and not exists (select 1 from inventory_items i where i.store_id = inventory_store_totals.store_id);`;
}

async function createPostgresTriggers(db: Kysely<any>): Promise<void> {
  // A transition table exists only for the events that have it, so each event has its own function.
  const events = [
    { event: 'insert', referencing: 'new table as new_rows', touched: 'select store_id from new_rows' },
    {
      event: 'update',
      referencing: 'old table as old_rows new table as new_rows',
      // only the stores whose totals can have changed: a changed store, SKU, location, quantity or
      // threshold (reservations and timestamps change nothing the totals read)
      touched: `select n.store_id from new_rows n join old_rows o on o.id = n.id
        where (n.store_id, n.sku, n.location, n.quantity, n.low_stock_threshold)
          is distinct from (o.store_id, o.sku, o.location, o.quantity, o.low_stock_threshold)
        union select o.store_id from new_rows n join old_rows o on o.id = n.id where n.store_id <> o.store_id
        union select store_id from new_rows where id not in (select id from old_rows)
        union select store_id from old_rows where id not in (select id from new_rows)`,
    },
    { event: 'delete', referencing: 'old table as old_rows', touched: 'select store_id from old_rows' },
  ];
  for (const { event, referencing, touched } of events) {
    await sql
      .raw(
        `create function inventory_store_totals_${event}() returns trigger language plpgsql as $fn$
        begin
          ${recompute(touched)}
          return null;
        end
        $fn$`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger inventory_store_totals_${event} after ${event} on inventory_items
        referencing ${referencing} for each statement execute function inventory_store_totals_${event}()`,
      )
      .execute(db);
  }
}

async function createSqliteTriggers(db: Kysely<any>): Promise<void> {
  // One store's row recomputed from its items, when `when` holds (`insert or replace` would be
  // overridden by an outer `on conflict`, so: delete, then insert what is left). A store that is
  // gone (a cascade from `stores`) gets no row.
  const refresh = (store: string, when = '1 = 1') => `
    delete from inventory_store_totals where store_id = ${store} and ${when};
    insert into inventory_store_totals (store_id, total_units, skus, low_stock, out_of_stock, locations)
    select store_id, ${storeTotals} from inventory_items
    where store_id = ${store} and ${when} and exists (select 1 from stores where id = ${store})
    group by store_id;`;
  await sql
    .raw(
      `create trigger inventory_store_totals_insert after insert on inventory_items
      begin ${refresh('new.store_id')} end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger inventory_store_totals_update
      after update of store_id, sku, location, quantity, low_stock_threshold on inventory_items
      begin ${refresh('new.store_id')} ${refresh('old.store_id', 'old.store_id <> new.store_id')} end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger inventory_store_totals_delete after delete on inventory_items
      begin ${refresh('old.store_id')} end`,
    )
    .execute(db);
}
