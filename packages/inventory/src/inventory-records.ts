/**
 * The plain objects `InventoryService` returns (camelCase fields, timestamps as ISO-8601 UTC
 * strings on both databases) and the function that reads them from rows.
 */
import type { Selectable } from 'kysely';
import { toIsoTimestamp, toNumber } from '@orion/contracts';
import type { InventoryItemsTable } from './schema.js';

/**
 * The stock of one SKU at one location of one store.
 *
 * @example
 * ```ts
 * import { InventoryService, type InventoryItem } from '@orion/inventory';
 * const item: InventoryItem = await new InventoryService(db).getItem({ storeId: 12, sku: 'TSHIRT-RED-M' });
 * item.availableQuantity; // quantity − reservedQuantity
 * ```
 */
export interface InventoryItem {
  id: number;
  storeId: number;
  sku: string;
  location: string;
  /** Units on hand; negative for backorders. */
  quantity: number;
  /** Units held for open orders; never negative. */
  reservedQuantity: number;
  /** `quantity − reservedQuantity`: what a new reservation may take. Negative when oversold. */
  availableQuantity: number;
  /** Low on stock while `0 < quantity <= lowStockThreshold`; 0 means never low. */
  lowStockThreshold: number;
  /** ISO-8601 UTC, such as `2026-11-22T10:00:00.000Z`: the last change of any field. */
  updatedAt: string;
}

/** Reads an {@link InventoryItem} from an `inventory_items` row. */
export function toInventoryItem(row: Selectable<InventoryItemsTable>): InventoryItem {
  const quantity = toNumber(row.quantity);
  const reservedQuantity = toNumber(row.reserved_quantity);
  return {
    id: toNumber(row.id),
    storeId: toNumber(row.store_id),
    sku: row.sku,
    location: row.location,
    quantity,
    reservedQuantity,
    availableQuantity: quantity - reservedQuantity,
    lowStockThreshold: toNumber(row.low_stock_threshold),
    updatedAt: toIsoTimestamp(row.updated_at),
  };
}
