/**
 * Kysely table interfaces for the table the catalog module owns.
 *
 * Read booleans with `toBoolean`, timestamps with `toIsoTimestamp` and prices with `toNumber` from
 * `@orion/contracts`: SQLite returns 0/1, ISO text and numbers; PostgreSQL `boolean`, `Date` and
 * `bigint` as a string.
 */
import type { ColumnType, Generated } from 'kysely';
import type { StoredBoolean, StoredTimestamp, TenancyDatabase } from '@orion/tenancy';

/**
 * An amount of money in integer minor units (cents): `bigint` on both databases. PostgreSQL returns
 * it as a string, SQLite as a number; read it with `toNumber`. Written as a safe JavaScript integer.
 *
 * @example
 * ```ts
 * import { toNumber } from '@orion/contracts';
 *
 * const row = await db.selectFrom('products').select('price').executeTakeFirstOrThrow();
 * const price = toNumber(row.price); // 1299 for EUR 12.99
 * ```
 */
export type StoredMinorUnits = ColumnType<number | string, number, number>;

/**
 * `products`: what a store sells, unique per `(store_id, sku)`. `price` is in minor units of
 * `currency` (ISO 4217), `updated_at` is the time of the last change.
 *
 * @example
 * ```ts
 * import type { ProductsTable } from '@orion/catalog';
 * import type { Selectable } from 'kysely';
 * type ProductRow = Selectable<ProductsTable>;
 * ```
 */
export interface ProductsTable {
  id: Generated<number>;
  store_id: number;
  sku: string;
  title: string;
  price: StoredMinorUnits;
  currency: string;
  is_active: StoredBoolean;
  is_featured: StoredBoolean;
  created_at: StoredTimestamp;
  updated_at: StoredTimestamp;
}

/**
 * `catalog_store_totals`: per store with products, how many products, how many active and how many
 * active and featured. Recomputed by the catalog's writers in the transaction of each write.
 */
export interface CatalogStoreTotalsTable {
  store_id: number;
  products: number;
  active_products: number;
  featured_products: number;
}

/**
 * The catalog's tables together with the tenancy tables it refers to, for `Kysely<CatalogDatabase>`.
 *
 * @example
 * ```ts
 * import type { Kysely } from 'kysely';
 * import type { CatalogDatabase } from '@orion/catalog';
 * const typed = db as Kysely<CatalogDatabase>;
 * const row = await typed.selectFrom('products').selectAll().where('sku', '=', 'MUG-01').executeTakeFirst();
 * ```
 */
export interface CatalogDatabase extends TenancyDatabase {
  products: ProductsTable;
  catalog_store_totals: CatalogStoreTotalsTable;
}
