import type { Kysely } from 'kysely';
import type { AnyDatabase } from '../database/any-database.js';
import { createServiceRef } from './service-ref.js';

/** A stock level as another module hands it to the inventory. */
export interface InventoryStockInput {
  sku: string;
  /** Default: `default`. */
  location?: string;
  quantity: number;
}

/** What {@link InventoryStockWriter.setStock} changed. */
export interface InventorySetStockResult {
  created: number;
  updated: number;
}

/**
 * The inventory's write side for other modules (the marketplace publishes into it), provided by
 * `@orion/inventory` under {@link inventoryStockWriterRef}.
 */
export interface InventoryStockWriter {
  /**
   * Sets the quantity of each `(storeId, sku, location)`, creating missing items. `db` may be a
   * transaction the caller holds.
   */
  setStock(db: Kysely<AnyDatabase>, storeId: number, items: InventoryStockInput[]): Promise<InventorySetStockResult>;
}

/** Ask for the inventory's stock writer without importing `@orion/inventory`. */
export const inventoryStockWriterRef = createServiceRef<InventoryStockWriter>({
  id: 'inventory.stock-writer',
  description: 'Sets stock levels by SKU and location.',
});
