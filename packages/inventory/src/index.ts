/**
 * `@orion/inventory`: Orion's optional inventory module (requires tenancy): stock per store, SKU
 * and location, reservations, low-stock thresholds, the stock writer other modules use through
 * `inventoryStockWriterRef`, and stock metrics. This file is the package's only public door.
 *
 * @packageDocumentation
 */
export { inventoryModule } from './inventory-module.js';
export { InventoryService } from './inventory-service.js';
export { InventoryStockWriterService } from './inventory-stock-writer-service.js';
export {
  adjustStockInputSchema,
  defaultLocation,
  itemKeySchema,
  listItemsInputSchema,
  maxQuantity,
  reservationInputSchema,
  setLowStockThresholdInputSchema,
  setStockInputSchema,
} from './inventory-inputs.js';
export type { InventoryItem } from './inventory-records.js';
export type {
  AdjustStockInput,
  InventoryItemKey,
  ListItemsInput,
  ReservationInput,
  SetLowStockThresholdInput,
  SetStockInput,
} from './inventory-inputs.js';
export type { InventoryDatabase, InventoryItemsTable, InventoryStoreTotalsTable } from './schema.js';
