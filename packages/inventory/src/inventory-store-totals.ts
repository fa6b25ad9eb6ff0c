/**
 * `inventory_store_totals` (see `inventory_002_create_store_totals`): the five dashboard numbers of
 * each store. The database keeps them in the transaction of every write to `inventory_items` (the
 * triggers of `inventory_003_store_totals_triggers`); the rebuild here is the repair tool.
 */
import { sql, type Kysely } from 'kysely';
import { inTransaction, sqlDialectOf } from '@orion/contracts';
import type { InventoryDatabase } from './schema.js';

/** The five numbers over a set of items, in the column order of `inventory_store_totals`. */
const storeTotals = sql`
  coalesce(sum(quantity) filter (where quantity > 0), 0), count(distinct sku),
  count(*) filter (where quantity > 0 and quantity <= low_stock_threshold), count(*) filter (where quantity <= 0),
  count(distinct location)`;

/**
 * Recomputes the totals of one store, or of every store, from `inventory_items`, in one
 * transaction that keeps stock writers out meanwhile (`share row exclusive` on PostgreSQL).
 */
export async function rebuildInventoryStoreTotals(db: Kysely<InventoryDatabase>, storeId?: number): Promise<void> {
  await inTransaction(db, async (trx) => {
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
