import { sql, type Kysely } from 'kysely';
import {
  idSchema,
  inTransaction,
  nowTimestamp,
  parseInput,
  sqlDialectOf,
  type AnyDatabase,
  type CatalogProductInput,
  type CatalogProductWriter,
  type CatalogUpsertResult,
} from '@orion/contracts';
import { productBatchSchema } from './catalog-inputs.js';
import { requireStore } from '@orion/tenancy';
import type { CatalogDatabase } from './schema.js';

/** Rows per `insert … on conflict` statement: 9 bound values each, far below both databases' limits. */
const rowsPerStatement = 500;

type ValidProduct = ReturnType<typeof productBatchSchema.parse>[number];

/**
 * The catalog's {@link CatalogProductWriter}: creates or updates a store's products by SKU for
 * other modules, which ask for it with `services.get(catalogProductWriterRef, { platformId })` and
 * never import `@orion/catalog`.
 *
 * `upsertProducts` writes through the `db` it is given. Pass your transaction and the products
 * commit or roll back with your own writes; pass the plain database and the call runs in a
 * transaction of its own, so a batch is written completely or not at all.
 *
 * - Each product is matched on `(storeId, sku)`, SKUs trimmed and compared exactly. A new SKU
 *   creates a product (not featured); a known SKU gets the given title, price and currency (and
 *   `isActive` when given) and a new `updatedAt`, and keeps its id, `isFeatured` and `createdAt`.
 * - `isActive` defaults to true for new products; an existing product keeps its state unless
 *   `isActive` is given, so a product the merchant deactivated stays off when a feed is published.
 * - A known SKU counts as updated even when nothing about it changed.
 * - Products are written with one `insert … on conflict (store_id, sku) do update` statement per
 *   500 products. `created` and `updated` are exact on both databases and under concurrent
 *   writers.
 *
 * @throws OrionError `ORION_ERR_VALIDATION` for a malformed store id or product, or a SKU given
 *   twice in one call; `ORION_ERR_NOT_FOUND` when the store does not exist. Nothing is written then.
 * @example
 * ```ts
 * import { catalogProductWriterRef } from '@orion/contracts';
 *
 * const writer = await orion.services.get(catalogProductWriterRef, { platformId });
 * if (writer) {
 *   await orion.db.transaction().execute(async (trx) => {
 *     const { created, updated } = await writer.upsertProducts(trx, storeId, [
 *       { sku: 'MUG-01', title: 'Blue mug', price: 1299, currency: 'EUR' },
 *     ]);
 *   });
 * }
 * ```
 */
export class CatalogProductWriterService implements CatalogProductWriter {
  /**
   * Creates or updates `products` of store `storeId` by SKU; see {@link CatalogProductWriterService}.
   *
   * @throws OrionError `ORION_ERR_VALIDATION`, `ORION_ERR_NOT_FOUND` (store).
   * @example
   * ```ts
   * import { CatalogProductWriterService } from '@orion/catalog';
   *
   * const writer = new CatalogProductWriterService();
   * const result = await writer.upsertProducts(db, 12, [{ sku: 'MUG-01', title: 'Blue mug', price: 1299, currency: 'EUR' }]);
   * result; // { created: 1, updated: 0 }
   * ```
   */
  async upsertProducts(
    db: Kysely<AnyDatabase>,
    storeId: number,
    products: CatalogProductInput[],
  ): Promise<CatalogUpsertResult> {
    const id = parseInput(idSchema, storeId, 'storeId');
    const batch = parseInput(productBatchSchema, products, 'products');
    const write = async (trx: Kysely<AnyDatabase>): Promise<CatalogUpsertResult> => {
      await requireStore(trx, id);
      const now = nowTimestamp();
      let created = 0;
      // products that say whether they are active set it on update too; the others keep theirs
      for (const group of [
        batch.filter((p) => p.isActive !== undefined),
        batch.filter((p) => p.isActive === undefined),
      ]) {
        for (let start = 0; start < group.length; start += rowsPerStatement) {
          created += await upsertCountingCreated(
            trx as Kysely<CatalogDatabase>,
            id,
            group.slice(start, start + rowsPerStatement),
            now,
          );
        }
      }
      return { created, updated: batch.length - created };
    };
    return inTransaction(db, write);
  }
}

/**
 * Upserts one slice of products with a single statement and returns how many rows it created.
 *
 * The one place that knows how each database tells a created row from an updated one:
 * - PostgreSQL: `returning (xmax = 0)`. A row version the statement inserted has no `xmax`; a row
 *   that `on conflict do update` changed carries the locking transaction's id. Exact even while
 *   another transaction inserts the same SKUs (the conflict then waits for it, and updates).
 * - SQLite: no such column, so the SKUs that already exist are read first, in the same transaction.
 *   SQLite has one writer at a time, and a transaction whose snapshot went stale can not write
 *   (`SQLITE_BUSY_SNAPSHOT`), so nothing can appear between the read and the upsert.
 */
async function upsertCountingCreated(
  trx: Kysely<CatalogDatabase>,
  storeId: number,
  products: ValidProduct[],
  now: string,
): Promise<number> {
  const upsert = trx
    .insertInto('products')
    .values(
      products.map((product) => ({
        store_id: storeId,
        sku: product.sku,
        title: product.title,
        price: product.price,
        currency: product.currency,
        is_active: product.isActive ?? true,
        is_featured: false,
        created_at: now,
        updated_at: now,
      })),
    )
    .onConflict((conflict) =>
      conflict.columns(['store_id', 'sku']).doUpdateSet((eb) => ({
        title: eb.ref('excluded.title'),
        price: eb.ref('excluded.price'),
        currency: eb.ref('excluded.currency'),
        ...(products[0]?.isActive === undefined ? {} : { is_active: eb.ref('excluded.is_active') }),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    );

  if (sqlDialectOf(trx) === 'postgres') {
    const rows = await upsert.returning(sql<boolean>`xmax = 0`.as('created')).execute();
    return rows.filter((row) => row.created).length;
  }
  const existing = await trx
    .selectFrom('products')
    .select('sku')
    .where('store_id', '=', storeId)
    .where(
      'sku',
      'in',
      products.map((product) => product.sku),
    )
    .execute();
  await upsert.execute();
  return products.length - existing.length;
}
