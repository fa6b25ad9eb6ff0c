import type { Kysely } from 'kysely';
import type { AnyDatabase } from '../database/any-database.js';
import { createServiceRef } from './service-ref.js';

/** A product as another module hands it to the catalog. Money in minor units. */
export interface CatalogProductInput {
  sku: string;
  title: string;
  /** Price in minor units of `currency`. */
  price: number;
  /** ISO 4217 code. */
  currency: string;
  /** New products default to active; an existing product keeps its state unless this is given. */
  isActive?: boolean;
}

/** What {@link CatalogProductWriter.upsertProducts} changed. */
export interface CatalogUpsertResult {
  created: number;
  updated: number;
}

/**
 * The catalog's write side for other modules (the marketplace publishes into it), provided by
 * `@orion/catalog` under {@link catalogProductWriterRef}.
 */
export interface CatalogProductWriter {
  /**
   * Creates or updates products by `(storeId, sku)`. `db` may be a transaction the caller holds, so
   * the write commits or rolls back with the caller's own.
   */
  upsertProducts(
    db: Kysely<AnyDatabase>,
    storeId: number,
    products: CatalogProductInput[],
  ): Promise<CatalogUpsertResult>;
}

/**
 * Ask for the catalog's product writer without importing `@orion/catalog`:
 * `await services.get(catalogProductWriterRef, { platformId })` is `undefined` where the catalog is
 * not installed or not enabled.
 */
export const catalogProductWriterRef = createServiceRef<CatalogProductWriter>({
  id: 'catalog.product-writer',
  description: 'Creates or updates catalog products by SKU.',
});
