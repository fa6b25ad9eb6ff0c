/**
 * Kysely table interfaces for the table the inventory module owns.
 *
 * Read timestamps with `toIsoTimestamp` from `@orion/contracts`: SQLite returns ISO text,
 * PostgreSQL a `Date`. Quantities are `integer` on both databases and arrive as numbers.
 */
import type { ColumnType, Generated } from 'kysely';
import type { StoredTimestamp, TenancyDatabase } from '@orion/tenancy';

/**
 * `inventory_items`: the stock of one SKU at one location of one store, unique per
 * `(store_id, sku, location)`.
 *
 * - `quantity`: units on hand; negative for backorders (more promised than held);
 * - `reserved_quantity`: units held for open orders, never negative; a reservation never takes
 *   more than `quantity − reserved_quantity`;
 * - `low_stock_threshold`: the item is low on stock while `0 < quantity <= low_stock_threshold`;
 *   0 (the default) means never low.
 *
 * @example
 * ```ts
 * import type { InventoryItemsTable } from '@orion/inventory';
 * import type { Selectable } from 'kysely';
 * type InventoryItemRow = Selectable<InventoryItemsTable>;
 * ```
 */
export interface InventoryItemsTable {
  id: Generated<number>;
  store_id: number;
  sku: string;
  /** Defaults to `default`. */
  location: ColumnType<string, string | undefined, string>;
  quantity: number;
  /** Defaults to 0. */
  reserved_quantity: ColumnType<number, number | undefined, number>;
  /** Defaults to 0. */
  low_stock_threshold: ColumnType<number, number | undefined, number>;
  updated_at: StoredTimestamp;
}

/**
 * `inventory_store_totals`: per store with items, the inventory dashboard's five numbers (positive
 * units, distinct SKUs, low-stock and out-of-stock items, distinct locations), recomputed by the
 * inventory's writers in the transaction of each stock write.
 */
export interface InventoryStoreTotalsTable {
  store_id: number;
  total_units: ColumnType<number | string, number, number>;
  skus: number;
  low_stock: number;
  out_of_stock: number;
  locations: number;
}

/**
 * The inventory tables together with the tenancy tables it refers to, for `Kysely<InventoryDatabase>`.
 *
 * @example
 * ```ts
 * import type { Kysely } from 'kysely';
 * import type { InventoryDatabase } from '@orion/inventory';
 * const typed = db as Kysely<InventoryDatabase>;
 * ```
 */
export interface InventoryDatabase extends TenancyDatabase {
  inventory_items: InventoryItemsTable;
  inventory_store_totals: InventoryStoreTotalsTable;
}
