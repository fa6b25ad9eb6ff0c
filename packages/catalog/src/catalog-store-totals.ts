/**
 * `catalog_store_totals` (see `catalog_002_create_store_totals`): each store's product counts,
 * recomputed from the store's products in the transaction of every write that changes them.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { inTransaction, sqlDialectOf } from '@orion/contracts';
import { lockStore } from '@orion/tenancy';
import type { CatalogDatabase } from './schema.js';

/** The three counts over a set of products, in the column order of `catalog_store_totals`. */
const storeTotals = sql`count(*), count(*) filter (where is_active), count(*) filter (where is_active and is_featured)`;

/**
 * Recomputes one store's row from its products, in `trx`, after the transaction's writes. The store
 * is locked first ({@link lockStore}): two transactions writing products of one store then
 * recompute one after the other, and the later one sees the earlier one's products committed, so
 * the row ends exact in either order.
 */
export async function refreshCatalogStoreTotals(trx: Kysely<CatalogDatabase>, storeId: number): Promise<void> {
  await lockStore(trx, storeId);
  await sql`
    insert into catalog_store_totals (store_id, products, active_products, featured_products)
    select cast(${storeId} as integer), ${storeTotals} from products where store_id = ${storeId}
    on conflict (store_id) do update set
      products = excluded.products, active_products = excluded.active_products, featured_products = excluded.featured_products`.execute(
    trx,
  );
}

/** Runs `write` and the refresh of the store it returns in one transaction (`db` itself when it is one). */
export function withCatalogStoreTotals<T>(
  db: Kysely<CatalogDatabase>,
  write: (trx: Transaction<CatalogDatabase>) => Promise<{ result: T; storeId: number | undefined }>,
): Promise<T> {
  return inTransaction(db, async (trx) => {
    const { result, storeId } = await write(trx);
    if (storeId !== undefined) await refreshCatalogStoreTotals(trx, storeId);
    return result;
  });
}

/**
 * Recomputes the totals of one store, or of every store, from `products`, in one transaction that
 * keeps product writers out meanwhile (`share row exclusive` on PostgreSQL).
 */
export async function rebuildCatalogStoreTotals(db: Kysely<any>, storeId?: number): Promise<void> {
  await inTransaction(db as Kysely<CatalogDatabase>, async (trx) => {
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
