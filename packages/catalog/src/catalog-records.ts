/**
 * The plain objects `CatalogService` returns: camelCase fields, booleans as booleans, prices as
 * numbers and timestamps as ISO-8601 UTC strings on both databases, and the function that reads
 * them from rows.
 */
import type { Selectable } from 'kysely';
import { toBoolean, toIsoTimestamp, toNumber } from '@orion/contracts';
import type { ProductsTable } from './schema.js';

/**
 * A product of a store.
 *
 * @example
 * ```ts
 * import { CatalogService, type Product } from '@orion/catalog';
 * const product: Product = await new CatalogService(db).getProduct(7);
 * ```
 */
export interface Product {
  id: number;
  storeId: number;
  /** Unique within the store. */
  sku: string;
  title: string;
  /** In integer minor units of `currency`: 1299 is EUR 12.99, 1299 is JPY 1,299. */
  price: number;
  /** ISO 4217 code, such as `EUR`. */
  currency: string;
  isActive: boolean;
  isFeatured: boolean;
  /** ISO-8601 UTC, such as `2026-11-22T10:00:00.000Z`. */
  createdAt: string;
  /** ISO-8601 UTC; the time of the last change, `createdAt` until then. */
  updatedAt: string;
}

/**
 * One page of a store's products, ordered by id, with the store's total product count.
 *
 * @example
 * ```ts
 * import { CatalogService, type ProductPage } from '@orion/catalog';
 * const page: ProductPage = await new CatalogService(db).listStoreProducts({ storeId: 12, limit: 20 });
 * const hasMore = page.offset + page.items.length < page.total;
 * ```
 */
export interface ProductPage {
  items: Product[];
  /** Products of the store, on every page. */
  total: number;
  limit: number;
  offset: number;
}

/** Reads a {@link Product} from a `products` row. */
export function toProduct(row: Selectable<ProductsTable>): Product {
  return {
    id: Number(row.id),
    storeId: Number(row.store_id),
    sku: row.sku,
    title: row.title,
    price: toNumber(row.price),
    currency: row.currency,
    isActive: toBoolean(row.is_active),
    isFeatured: toBoolean(row.is_featured),
    createdAt: toIsoTimestamp(row.created_at),
    updatedAt: toIsoTimestamp(row.updated_at),
  };
}
