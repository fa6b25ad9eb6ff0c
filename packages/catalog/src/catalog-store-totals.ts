/**
 * `catalog_store_totals` (see `catalog_002_create_store_totals`): each store's product counts. The
 * database keeps them in the transaction of every write to `products` (the triggers of
 * `catalog_003_store_totals_triggers`); the rebuild here is the repair tool.
 */
import { sql, type Kysely } from 'kysely';
import { inTransaction, sqlDialectOf } from '@orion/contracts';
import type { CatalogDatabase } from './schema.js';

/** The three counts over a set of products, in the column order of `catalog_store_totals`. */
const storeTotals = sql`count(*), count(*) filter (where is_active), count(*) filter (where is_active and is_featured)`;

/**
 * Recomputes the totals of one store, or of every store, from `products`, in one transaction that
 * keeps product writers out meanwhile (`share row exclusive` on PostgreSQL).
 */
export async function rebuildCatalogStoreTotals(db: Kysely<CatalogDatabase>, storeId?: number): Promise<void> {
  await inTransaction(db, async (trx) => {
    if (sqlDialectOf(trx) === 'postgres') await sql`lock table products in share row exclusive mode`.execute(trx);
    await trx
      .deleteFrom('catalog_store_totals')
      .$if(storeId !== undefined, (query) => query.where('store_id', '=', storeId!))
      .execute();
    await sql`
      insert into catalog_store_totals (store_id, products, active_products, featured_products)
      select store_id, ${storeTotals} from products ${storeId === undefined ? sql`` : sql`where store_id = ${storeId}`}
      group by store_id`.execute(trx);
  });
}
