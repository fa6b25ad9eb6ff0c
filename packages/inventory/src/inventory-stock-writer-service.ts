import type { Insertable, Kysely, Transaction } from 'kysely';
import {
  idSchema,
  inTransaction,
  nowTimestamp,
  parseInput,
  type AnyDatabase,
  type InventorySetStockResult,
  type InventoryStockInput,
  type InventoryStockWriter,
} from '@orion/contracts';
import { stockLevelsSchema } from './inventory-inputs.js';
import { requireStore } from '@orion/tenancy';
import type { InventoryDatabase, InventoryItemsTable } from './schema.js';

/** Rows per statement: 5 parameters each, far below SQLite's and PostgreSQL's parameter limits. */
const batchSize = 500;

/**
 * The inventory's write side for other modules, registered under `inventoryStockWriterRef` from
 * `@orion/contracts`: the marketplace publishes stock levels through it without importing this
 * package.
 *
 * @example
 * ```ts
 * import { inventoryStockWriterRef } from '@orion/contracts';
 * const writer = await services.require(inventoryStockWriterRef, { platformId });
 * await db.transaction().execute(async (trx) => {
 *   const { created, updated } = await writer.setStock(trx, storeId, [{ sku: 'A-1', quantity: 3 }]);
 * });
 * ```
 */
export class InventoryStockWriterService implements InventoryStockWriter {
  /**
   * Sets the on-hand quantity of each `(storeId, sku, location ?? 'default')`, creating the items
   * that do not exist yet (low-stock threshold 0) and keeping reservations and thresholds of the
   * others. Runs on `db` as given, so inside the caller's transaction when `db` is one (and rolls
   * back with it); on a plain `Kysely` it opens its own transaction, so a batch is all or nothing.
   *
   * Items are written in `(sku, location)` order (so concurrent writers wait for each other rather
   * than deadlock), in batches of 500 rows, two statements per batch:
   * `insert … on conflict do nothing returning` creates the new items (and tells which they were),
   * then `insert … on conflict do update` sets the quantity of the others. The counts are therefore
   * exact on both databases, also when another writer creates the same item concurrently:
   * `created` counts the items this call inserted, `updated` the items that already existed (set
   * even when the quantity did not change), and `created + updated === items.length`.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for a malformed store id or item (see
   *   `stockLevelsSchema`: SKU 1–128 characters, location 1–64, quantity an integer within
   *   ±1,000,000,000, each `(sku, location)` at most once per call); `ORION_ERR_NOT_FOUND` when the
   *   store does not exist. Nothing is written when it throws.
   * @example
   * ```ts
   * import { InventoryStockWriterService } from '@orion/inventory';
   * const result = await new InventoryStockWriterService().setStock(db, 12, [
   *   { sku: 'TSHIRT-RED-M', quantity: 40 },
   *   { sku: 'TSHIRT-RED-M', location: 'berlin-1', quantity: 0 },
   * ]);
   * result; // { created: 1, updated: 1 }
   * ```
   */
  async setStock(
    db: Kysely<AnyDatabase>,
    storeId: number,
    items: InventoryStockInput[],
  ): Promise<InventorySetStockResult> {
    const store = parseInput(idSchema, storeId, 'storeId');
    const levels = parseInput(stockLevelsSchema, items, 'stock levels');
    return inTransaction(db as Kysely<InventoryDatabase>, (trx) => writeLevels(trx, store, levels));
  }
}

async function writeLevels(
  inventory: Transaction<InventoryDatabase>,
  storeId: number,
  levels: { sku: string; location: string; quantity: number }[],
): Promise<InventorySetStockResult> {
  await requireStore(inventory, storeId);
  // One order for every writer, so concurrent writers to the same store lock rows in the same
  // order and wait for each other instead of deadlocking.
  const ordered = [...levels].sort((a, b) => compare(a.sku, b.sku) || compare(a.location, b.location));
  const updatedAt = nowTimestamp();
  let created = 0;
  let updated = 0;
  for (let start = 0; start < ordered.length; start += batchSize) {
    const rows: Insertable<InventoryItemsTable>[] = ordered
      .slice(start, start + batchSize)
      .map(({ sku, location, quantity }) => ({ store_id: storeId, sku, location, quantity, updated_at: updatedAt }));

    const inserted = await inventory
      .insertInto('inventory_items')
      .values(rows)
      .onConflict((conflict) => conflict.columns(['store_id', 'sku', 'location']).doNothing())
      .returning(['sku', 'location'])
      .execute();
    created += inserted.length;

    const insertedKeys = new Set(inserted.map((row) => itemKey(row.sku, row.location)));
    const existing = rows.filter((row) => !insertedKeys.has(itemKey(row.sku, row.location!)));
    if (existing.length === 0) continue;
    await inventory
      .insertInto('inventory_items')
      .values(existing)
      .onConflict((conflict) =>
        conflict.columns(['store_id', 'sku', 'location']).doUpdateSet((eb) => ({
          quantity: eb.ref('excluded.quantity'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
    updated += existing.length;
  }
  return { created, updated };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function itemKey(sku: string, location: string): string {
  return JSON.stringify([sku, location]);
}
