import type { Kysely, Updateable } from 'kysely';
import {
  notFoundError,
  conflictOnUniqueViolation,
  idInStore,
  idSchema,
  nowTimestamp,
  OrionError,
  parseInput,
  selectPage,
  type AnyDatabase,
} from '@orion/contracts';
import {
  createProductInputSchema,
  flagSchema,
  listStoreProductsInputSchema,
  productScopeSchema,
  skuSchema,
  updateProductInputSchema,
  type CreateProductInput,
  type ListStoreProductsInput,
  type ProductScope,
  type UpdateProductInput,
} from './catalog-inputs.js';
import { toProduct, type Product, type ProductPage } from './catalog-records.js';
import { rebuildCatalogStoreTotals } from './catalog-store-totals.js';
import { requireStore } from '@orion/tenancy';
import type { CatalogDatabase, ProductsTable } from './schema.js';

/**
 * Creates, changes and reads the products of stores.
 *
 * Every method validates its input at the boundary and returns plain objects with camelCase fields,
 * booleans as booleans, prices as integer minor units and timestamps as ISO-8601 UTC strings, on
 * SQLite and PostgreSQL alike. Products are deactivated, never deleted. Every change sets
 * `updatedAt`.
 *
 * Other modules write products through the product writer instead (`catalogProductWriterRef` from
 * `@orion/contracts`), which upserts whole batches inside the caller's transaction.
 *
 * Errors: `ORION_ERR_VALIDATION` for malformed input, `ORION_ERR_NOT_FOUND` `{ entity, id }` for an
 * unknown product or store, `ORION_ERR_CONFLICT` `{ entity: 'Product', field: 'sku', value }` for
 * a SKU the store already uses.
 *
 * @example
 * ```ts
 * import { CatalogService } from '@orion/catalog';
 *
 * const catalog = new CatalogService(db);
 * const mug = await catalog.createProduct({ storeId: 12, sku: 'MUG-01', title: 'Blue mug', price: 1299, currency: 'EUR' });
 * await catalog.setProductFeatured(mug.id, true);
 * const page = await catalog.listStoreProducts({ storeId: 12, limit: 20 });
 * ```
 */
export class CatalogService {
  readonly #db: Kysely<CatalogDatabase>;

  /**
   * @param db - The host's database, with the tenancy and catalog migrations applied.
   */
  constructor(db: Kysely<AnyDatabase>) {
    this.#db = db as Kysely<CatalogDatabase>;
  }

  /**
   * Creates a product of a store; active and not featured unless `isActive` / `isFeatured` say
   * otherwise.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for malformed input; `ORION_ERR_NOT_FOUND` when the
   *   store does not exist; `ORION_ERR_CONFLICT` when the store already has a product with `sku`
   *   (other stores may use the same SKU).
   * @example
   * ```ts
   * import { CatalogService } from '@orion/catalog';
   * const product = await new CatalogService(db).createProduct({
   *   storeId: 12, sku: 'MUG-01', title: 'Blue mug', price: 1299, currency: 'EUR',
   * });
   * product.price; // 1299, EUR 12.99
   * ```
   */
  async createProduct(input: CreateProductInput): Promise<Product> {
    const product = parseInput(createProductInputSchema, input, 'product');
    await requireStore(this.#db, product.storeId);
    const now = nowTimestamp();
    const row = await conflictOnUniqueViolation({ entity: 'Product', field: 'sku', value: product.sku }, () =>
      this.#db
        .insertInto('products')
        .values({
          store_id: product.storeId,
          sku: product.sku,
          title: product.title,
          price: product.price,
          currency: product.currency,
          is_active: product.isActive,
          is_featured: product.isFeatured,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
    return toProduct(row);
  }

  /**
   * Changes a product's SKU, title, or price together with its currency. With `storeId`, only a
   * product of that store changes; another store's product is reported as not found.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for malformed input, for a price without its currency
   *   (or the reverse) and for an empty change; `ORION_ERR_NOT_FOUND` when the product does not
   *   exist (or is not `storeId`'s); `ORION_ERR_CONFLICT` when another product of the store has the
   *   new SKU.
   * @example
   * ```ts
   * import { CatalogService } from '@orion/catalog';
   * const product = await new CatalogService(db).updateProduct(7, { title: 'Large blue mug', price: 1499, currency: 'EUR' });
   * await new CatalogService(db).updateProduct(7, { title: 'Mug' }, { storeId: 12 }); // only if product 7 is store 12's
   * ```
   */
  async updateProduct(productId: number, changes: UpdateProductInput, options: ProductScope = {}): Promise<Product> {
    const id = parseInput(idSchema, productId, 'productId');
    const { sku, title, price, currency } = parseInput(updateProductInputSchema, changes, 'product changes');
    const { storeId } = parseInput(productScopeSchema, options, 'product scope');
    const values: Updateable<ProductsTable> = { updated_at: nowTimestamp() };
    if (sku !== undefined) values.sku = sku;
    if (title !== undefined) values.title = title;
    if (price !== undefined && currency !== undefined) {
      values.price = price;
      values.currency = currency;
    }
    const row = await conflictOnUniqueViolation({ entity: 'Product', field: 'sku', value: sku }, () =>
      this.#db.updateTable('products').set(values).where(idInStore(id, storeId)).returningAll().executeTakeFirst(),
    );
    if (!row) throw notFoundError('Product', id);
    return toProduct(row);
  }

  /**
   * Activates or deactivates a product. Inactive products stay in the catalog but are not for sale.
   * With `storeId`, only a product of that store changes.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for a malformed argument; `ORION_ERR_NOT_FOUND` when
   *   the product does not exist (or is not `storeId`'s).
   * @example
   * ```ts
   * import { CatalogService } from '@orion/catalog';
   * const product = await new CatalogService(db).setProductActive(7, false);
   * ```
   */
  async setProductActive(productId: number, isActive: boolean, options: ProductScope = {}): Promise<Product> {
    const id = parseInput(idSchema, productId, 'productId');
    const active = parseInput(flagSchema, isActive, 'isActive');
    return this.#updateFlags(id, { is_active: active }, parseInput(productScopeSchema, options, 'product scope'));
  }

  /**
   * Features or unfeatures a product. A featured product counts as featured on the dashboards only
   * while it is also active. With `storeId`, only a product of that store changes.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for a malformed argument; `ORION_ERR_NOT_FOUND` when
   *   the product does not exist (or is not `storeId`'s).
   * @example
   * ```ts
   * import { CatalogService } from '@orion/catalog';
   * const product = await new CatalogService(db).setProductFeatured(7, true);
   * ```
   */
  async setProductFeatured(productId: number, isFeatured: boolean, options: ProductScope = {}): Promise<Product> {
    const id = parseInput(idSchema, productId, 'productId');
    const featured = parseInput(flagSchema, isFeatured, 'isFeatured');
    return this.#updateFlags(id, { is_featured: featured }, parseInput(productScopeSchema, options, 'product scope'));
  }

  /**
   * Recomputes the dashboards' per-store product counts (`catalog_store_totals`) of one store, or of
   * every store, from the products. The database keeps them exact by itself on every write (the
   * catalog's triggers, for the service, plain SQL and `COPY` alike); this is a repair tool, for
   * a table someone edited by hand or restored from elsewhere.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for a malformed store id.
   * @example
   * ```ts
   * import { CatalogService } from '@orion/catalog';
   * await new CatalogService(db).rebuildStoreTotals(); // every store
   * await new CatalogService(db).rebuildStoreTotals({ storeId: 12 });
   * ```
   */
  async rebuildStoreTotals(options: { storeId?: number } = {}): Promise<void> {
    const { storeId } = parseInput(productScopeSchema, options, 'store scope');
    await rebuildCatalogStoreTotals(this.#db, storeId);
  }

  /**
   * Reads a product by id. With `storeId`, only a product of that store is found.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for a malformed id or store id; `ORION_ERR_NOT_FOUND`
   *   when the product does not exist (or is not `storeId`'s).
   * @example
   * ```ts
   * import { CatalogService } from '@orion/catalog';
   * const product = await new CatalogService(db).getProduct(7);
   * await new CatalogService(db).getProduct(7, { storeId: 12 }); // not found unless product 7 is store 12's
   * ```
   */
  async getProduct(productId: number, options: ProductScope = {}): Promise<Product> {
    const id = parseInput(idSchema, productId, 'productId');
    const { storeId } = parseInput(productScopeSchema, options, 'product scope');
    const row = await this.#db.selectFrom('products').selectAll().where(idInStore(id, storeId)).executeTakeFirst();
    if (!row) throw notFoundError('Product', id);
    return toProduct(row);
  }

  /**
   * Reads a store's product by its SKU (trimmed, compared exactly).
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for a malformed argument; `ORION_ERR_NOT_FOUND` when
   *   the store has no product with that SKU.
   * @example
   * ```ts
   * import { CatalogService } from '@orion/catalog';
   * const product = await new CatalogService(db).getProductBySku(12, 'MUG-01');
   * ```
   */
  async getProductBySku(storeId: number, sku: string): Promise<Product> {
    const store = parseInput(idSchema, storeId, 'storeId');
    const value = parseInput(skuSchema, sku, 'sku');
    const row = await this.#db
      .selectFrom('products')
      .selectAll()
      .where('store_id', '=', store)
      .where('sku', '=', value)
      .executeTakeFirst();
    if (!row) {
      throw new OrionError('ORION_ERR_NOT_FOUND', {
        entity: 'Product',
        id: `${value} of store ${store}`,
        storeId: store,
        sku: value,
      });
    }
    return toProduct(row);
  }

  /**
   * Lists one page of a store's products, active or not, by id, with the store's total count.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for malformed input (`limit` 1 to 200, `offset` 0 or
   *   more); `ORION_ERR_NOT_FOUND` when the store does not exist.
   * @example
   * ```ts
   * import { CatalogService } from '@orion/catalog';
   * const catalog = new CatalogService(db);
   * const first = await catalog.listStoreProducts({ storeId: 12, limit: 20 });
   * const second = await catalog.listStoreProducts({ storeId: 12, limit: 20, offset: 20 });
   * ```
   */
  async listStoreProducts(input: ListStoreProductsInput): Promise<ProductPage> {
    const { storeId, limit, offset } = parseInput(listStoreProductsInputSchema, input, 'product list request');
    await requireStore(this.#db, storeId);
    return selectPage(this.#db.selectFrom('products').where('store_id', '=', storeId), {
      limit,
      offset,
      rows: (query) => query.selectAll().orderBy('id'),
      toItem: toProduct,
    });
  }

  // ---------------------------------------------------------------- internals

  async #updateFlags(
    id: number,
    flags: { is_active?: boolean; is_featured?: boolean },
    { storeId }: { storeId?: number | undefined },
  ): Promise<Product> {
    // The flags feed the dashboard counts: the database's triggers change the store's totals row
    // in the same statement (catalog_003_store_totals_triggers).
    const row = await this.#db
      .updateTable('products')
      .set({ ...flags, updated_at: nowTimestamp() })
      .where(idInStore(id, storeId))
      .returningAll()
      .executeTakeFirst();
    if (!row) throw notFoundError('Product', id);
    return toProduct(row);
  }
}
