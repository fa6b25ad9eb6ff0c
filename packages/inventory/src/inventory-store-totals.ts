/**
 * `inventory_store_totals` (see `inventory_002_create_store_totals`): the five dashboard numbers of
 * each store, recomputed from the store's items in the transaction of every stock write.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { inTransaction, sqlDialectOf } from '@orion/contracts';
import { lockStore } from '@orion/tenancy';
import type { InventoryDatabase } from './schema.js';

/** The five numbers over a set of items, in the column order of `inventory_store_totals`. */
const storeTotals = sql`
  coalesce(sum(quantity) filter (where quantity > 0), 0), count(distinct sku),
  count(*) filter (where quantity > 0 and quantity <= low_stock_threshold), count(*) filter (where quantity <= 0),
  count(distinct location)`;

/**
 * Runs `write` and recomputes the store's totals after it, in one transaction: `db` itself when it
 * is one, else a new one. The store is locked first ({@link lockStore}), so two writers of the same
 * store take turns and the second recomputes with the first one's items committed.
 */
export function withStoreTotals<T>(
  db: Kysely<any>,
  storeId: number,
  write: (trx: Transaction<InventoryDatabase>) => Promise<T>,
): Promise<T> {
  return inTransaction(db as Kysely<InventoryDatabase>, async (trx) => {
    await lockStore(trx, storeId);
    const result = await write(trx);
    await refreshStoreTotals(trx, storeId);
    return result;
  });
}

/** Recomputes one store's totals row from its items (one aggregate over the store's index range). */
async function refreshStoreTotals(trx: Transaction<InventoryDatabase>, storeId: number): Promise<void> {
  await sql`
    insert into inventory_store_totals (store_id, total_units, skus, low_stock, out_of_stock, locations)
    select cast(${storeId} as integer), ${storeTotals} from inventory_items where store_id = ${storeId}
    on conflict (store_id) do update set
      total_units = excluded.total_units, skus = excluded.skus, low_stock = excluded.low_stock,
      out_of_stock = excluded.out_of_stock, locations = excluded.locations`.execute(trx);
}

/**
 * Recomputes the totals of one store, or of every store, from `inventory_items`, in one
 * transaction that keeps stock writers out meanwhile (`share row exclusive` on PostgreSQL).
 */
export async function rebuildInventoryStoreTotals(db: Kysely<any>, storeId?: number): Promise<void> {
  await inTransaction(db as Kysely<InventoryDatabase>, async (trx) => {
    if (sqlDialectOf(trx) === 'postgres')
      await sql`lock table inventory_items in share row exclusive mode`.execute(trx);
    await trx
      .deleteFrom('inventory_store_totals')
      .$if(storeId !== undefined, (query) => query.where('store_id', '=', storeId!))
      .execute();
    await sql`
      insert into inventory_store_totals (store_id, total_units, skus, low_stock, out_of_stock, locations)
      select store_id, ${storeTotals} from inventory_items ${storeId === undefined ? sql`` : sql`where store_id = ${storeId}`}
      group by store_id`.execute(trx);
  });
}
