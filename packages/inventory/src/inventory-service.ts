import type { Expression, ExpressionBuilder, Kysely, Selectable, SqlBool, UpdateObject } from 'kysely';
import {
  idSchema,
  nowTimestamp,
  OrionError,
  parseInput,
  type AnyDatabase,
  type ValidationIssue,
} from '@orion/contracts';
import { z } from 'zod';
import {
  adjustStockInputSchema,
  itemKeySchema,
  listItemsInputSchema,
  maxQuantity,
  reservationInputSchema,
  setLowStockThresholdInputSchema,
  setStockInputSchema,
  type AdjustStockInput,
  type InventoryItemKey,
  type ListItemsInput,
  type ReservationInput,
  type SetLowStockThresholdInput,
  type SetStockInput,
} from './inventory-inputs.js';
import { toInventoryItem, type InventoryItem } from './inventory-records.js';
import { rebuildInventoryStoreTotals } from './inventory-store-totals.js';
import { requireStore } from '@orion/tenancy';
import type { InventoryDatabase, InventoryItemsTable } from './schema.js';

interface ItemKey {
  storeId: number;
  sku: string;
  location: string;
}

type Items = ExpressionBuilder<InventoryDatabase, 'inventory_items'>;

/** Why a guarded update changed nothing, seen from the item as it is now. */
interface Refusal {
  /** The guard holds again (a concurrent write freed stock meanwhile): try the update once more. */
  retry: boolean;
  error: OrionError;
}

const storeScopeSchema = z.object({ storeId: idSchema.optional() });

/** How many times a guarded update is tried while concurrent writes keep changing the item. */
const maxAttempts = 5;

/**
 * Sets, adjusts, reserves and reads the stock of a store's SKUs per location.
 *
 * An item is named by `{ storeId, sku, location? }`; the location defaults to `default`. Every method
 * validates its input at the boundary and returns plain {@link InventoryItem} objects.
 *
 * Writes are race-free: a change that depends on the current values (`adjustStock`,
 * `reserveStock`, `releaseReservation`) is a single `update … set x = x + ? where <guard>
 * returning *` that the database applies atomically, never a read-modify-write in JavaScript; and
 * `setStock` is one `insert … on conflict do update`. Concurrent calls never lose an update and
 * never reserve the same unit twice, on SQLite and PostgreSQL alike. A write that changes a
 * quantity or a threshold also recomputes the store's dashboard totals in its transaction; on
 * PostgreSQL such writes to one store take turns (they lock the store's row `for no key update`).
 *
 * Rules:
 * - `quantity` may go to zero or below (backorders) through `setStock` and `adjustStock`, within
 *   ±1,000,000,000;
 * - `reservedQuantity` is never negative, and a reservation never takes more than
 *   `availableQuantity = quantity − reservedQuantity`. Stock writes record reality, so they may
 *   leave `quantity` below `reservedQuantity` (oversold: `availableQuantity` negative); the
 *   reservations stay, and no new one succeeds until stock is added or reservations are released.
 *
 * Errors: `ORION_ERR_VALIDATION` for malformed input and for refused changes (details carry a
 * `reason`: `insufficient_stock`, `exceeds_reservation`, `quantity_out_of_range`),
 * `ORION_ERR_NOT_FOUND` `{ entity, id }` for an unknown store or item.
 *
 * @example
 * ```ts
 * import { InventoryService } from '@orion/inventory';
 *
 * const inventory = new InventoryService(db);
 * await inventory.setStock({ storeId: 12, sku: 'TSHIRT-RED-M', quantity: 40 });
 * await inventory.reserveStock({ storeId: 12, sku: 'TSHIRT-RED-M', quantity: 2 });
 * const item = await inventory.adjustStock({ storeId: 12, sku: 'TSHIRT-RED-M', delta: -2 });
 * item.availableQuantity; // 36
 * ```
 */
export class InventoryService {
  readonly #db: Kysely<InventoryDatabase>;

  /**
   * @param db - The host's database (or a transaction), with the tenancy and inventory migrations applied.
   */
  constructor(db: Kysely<AnyDatabase>) {
    this.#db = db as Kysely<InventoryDatabase>;
  }

  /**
   * Sets the on-hand quantity of an item to an absolute value, creating the item when it is new
   * (location `default` unless named). Reservations are kept. `lowStockThreshold`, when given, is
   * set too; a new item's threshold is otherwise 0 (never low).
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for malformed input (a quantity outside
   *   ±1,000,000,000); `ORION_ERR_NOT_FOUND` when the store does not exist.
   * @example
   * ```ts
   * import { InventoryService } from '@orion/inventory';
   * const item = await new InventoryService(db).setStock({ storeId: 12, sku: 'TSHIRT-RED-M', location: 'berlin-1', quantity: 40 });
   * ```
   */
  async setStock(input: SetStockInput): Promise<InventoryItem> {
    const { storeId, sku, location, quantity, lowStockThreshold } = parseInput(
      setStockInputSchema,
      input,
      'stock level',
    );
    await requireStore(this.#db, storeId);
    const withThreshold = lowStockThreshold !== undefined;
    const row = await this.#db
      .insertInto('inventory_items')
      .values({
        store_id: storeId,
        sku,
        location,
        quantity,
        updated_at: nowTimestamp(),
        ...(withThreshold ? { low_stock_threshold: lowStockThreshold } : {}),
      })
      .onConflict((conflict) =>
        conflict.columns(['store_id', 'sku', 'location']).doUpdateSet((eb) => ({
          quantity: eb.ref('excluded.quantity'),
          updated_at: eb.ref('excluded.updated_at'),
          ...(withThreshold ? { low_stock_threshold: eb.ref('excluded.low_stock_threshold') } : {}),
        })),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    return toInventoryItem(row);
  }

  /**
   * Adds `delta` (negative to remove) to an existing item's on-hand quantity, atomically. The
   * quantity may go to zero or below (backorders), but not beyond ±1,000,000,000.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for malformed input, or with reason
   *   `quantity_out_of_range` when the result would leave ±1,000,000,000; `ORION_ERR_NOT_FOUND` when
   *   the item does not exist (create it with {@link InventoryService.setStock}).
   * @example
   * ```ts
   * import { InventoryService } from '@orion/inventory';
   * const item = await new InventoryService(db).adjustStock({ storeId: 12, sku: 'TSHIRT-RED-M', delta: -3 });
   * ```
   */
  async adjustStock(input: AdjustStockInput): Promise<InventoryItem> {
    const { delta, ...key } = parseInput(adjustStockInputSchema, input, 'stock adjustment');
    return this.#guardedUpdate(
      key,
      (eb) => ({ quantity: eb('inventory_items.quantity', '+', delta) }),
      (eb) => eb.between(eb('inventory_items.quantity', '+', delta), -maxQuantity, maxQuantity),
      (item) => {
        const result = item.quantity + delta;
        return {
          retry: Math.abs(result) <= maxQuantity,
          error: refusal('stock adjustment', 'quantity_out_of_range', 'delta', key, {
            issue: `adjusting quantity ${item.quantity} by ${delta} would give ${result}, outside ±${maxQuantity}`,
            delta,
            quantity: item.quantity,
          }),
        };
      },
    );
  }

  /**
   * Reserves `quantity` units of an item for an open order, atomically: `reservedQuantity` grows
   * by `quantity` only while `availableQuantity` (`quantity − reservedQuantity`) covers it.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for malformed input (`quantity` must be a positive
   *   integer), or with reason `insufficient_stock` and `{ requested, available }` when fewer units
   *   are available; `ORION_ERR_NOT_FOUND` when the item does not exist.
   * @example
   * ```ts
   * import { InventoryService } from '@orion/inventory';
   * await new InventoryService(db).reserveStock({ storeId: 12, sku: 'TSHIRT-RED-M', quantity: 2 });
   * ```
   */
  async reserveStock(input: ReservationInput): Promise<InventoryItem> {
    const { quantity, ...key } = parseInput(reservationInputSchema, input, 'reservation');
    return this.#guardedUpdate(
      key,
      (eb) => ({ reserved_quantity: eb('inventory_items.reserved_quantity', '+', quantity) }),
      (eb) => eb(eb('inventory_items.quantity', '-', eb.ref('inventory_items.reserved_quantity')), '>=', quantity),
      (item) => ({
        retry: item.availableQuantity >= quantity,
        error: refusal('reservation', 'insufficient_stock', 'quantity', key, {
          issue: `requested ${quantity} but only ${Math.max(item.availableQuantity, 0)} available`,
          requested: quantity,
          available: item.availableQuantity,
        }),
      }),
    );
  }

  /**
   * Releases `quantity` reserved units of an item (an order was cancelled, or shipped and its
   * units taken off with {@link InventoryService.adjustStock}), atomically.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for malformed input, or with reason
   *   `exceeds_reservation` and `{ requested, reserved }` when fewer units are reserved;
   *   `ORION_ERR_NOT_FOUND` when the item does not exist.
   * @example
   * ```ts
   * import { InventoryService } from '@orion/inventory';
   * await new InventoryService(db).releaseReservation({ storeId: 12, sku: 'TSHIRT-RED-M', quantity: 2 });
   * ```
   */
  async releaseReservation(input: ReservationInput): Promise<InventoryItem> {
    const { quantity, ...key } = parseInput(reservationInputSchema, input, 'reservation release');
    return this.#guardedUpdate(
      key,
      (eb) => ({ reserved_quantity: eb('inventory_items.reserved_quantity', '-', quantity) }),
      (eb) => eb('inventory_items.reserved_quantity', '>=', quantity),
      (item) => ({
        retry: item.reservedQuantity >= quantity,
        error: refusal('reservation release', 'exceeds_reservation', 'quantity', key, {
          issue: `releasing ${quantity} but only ${item.reservedQuantity} reserved`,
          requested: quantity,
          reserved: item.reservedQuantity,
        }),
      }),
    );
  }

  /**
   * Sets an existing item's low-stock threshold: the item counts as low on stock while
   * `0 < quantity <= threshold`. 0 means never low.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for malformed input; `ORION_ERR_NOT_FOUND` when the
   *   item does not exist.
   * @example
   * ```ts
   * import { InventoryService } from '@orion/inventory';
   * await new InventoryService(db).setLowStockThreshold({ storeId: 12, sku: 'TSHIRT-RED-M', threshold: 5 });
   * ```
   */
  async setLowStockThreshold(input: SetLowStockThresholdInput): Promise<InventoryItem> {
    const { threshold, ...key } = parseInput(setLowStockThresholdInputSchema, input, 'low-stock threshold');
    const row = await this.#db
      .updateTable('inventory_items')
      .set({ low_stock_threshold: threshold, updated_at: nowTimestamp() })
      .where(isItem(key))
      .returningAll()
      .executeTakeFirst();
    if (!row) throw itemNotFound(key);
    return toInventoryItem(row);
  }

  /**
   * Recomputes the dashboards' per-store totals (`inventory_store_totals`) of one store, or of
   * every store, from the items. The database keeps them exact by itself on every write (the
   * inventory's triggers, for the service, plain SQL and `COPY` alike); this is a repair tool, for
   * a table someone edited by hand or restored from elsewhere.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for a malformed store id.
   * @example
   * ```ts
   * import { InventoryService } from '@orion/inventory';
   * await new InventoryService(db).rebuildStoreTotals(); // every store
   * await new InventoryService(db).rebuildStoreTotals({ storeId: 12 });
   * ```
   */
  async rebuildStoreTotals(options: { storeId?: number } = {}): Promise<void> {
    const { storeId } = parseInput(storeScopeSchema, options, 'store scope');
    await rebuildInventoryStoreTotals(this.#db, storeId);
  }

  /**
   * Reads one item.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for a malformed key; `ORION_ERR_NOT_FOUND` when the
   *   item does not exist.
   * @example
   * ```ts
   * import { InventoryService } from '@orion/inventory';
   * const item = await new InventoryService(db).getItem({ storeId: 12, sku: 'TSHIRT-RED-M', location: 'berlin-1' });
   * ```
   */
  async getItem(input: InventoryItemKey): Promise<InventoryItem> {
    const key = parseInput(itemKeySchema, input, 'inventory item');
    const row = await this.#find(key);
    if (!row) throw itemNotFound(key);
    return toInventoryItem(row);
  }

  /**
   * Lists a store's items by SKU, then location (in the database's collation); narrowed to one SKU
   * (all its locations) or one location when given.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for malformed input; `ORION_ERR_NOT_FOUND` when the
   *   store does not exist.
   * @example
   * ```ts
   * import { InventoryService } from '@orion/inventory';
   * const items = await new InventoryService(db).listItems({ storeId: 12, sku: 'TSHIRT-RED-M' });
   * ```
   */
  async listItems(input: ListItemsInput): Promise<InventoryItem[]> {
    const { storeId, sku, location } = parseInput(listItemsInputSchema, input, 'inventory listing');
    await requireStore(this.#db, storeId);
    let query = this.#db.selectFrom('inventory_items').selectAll().where('store_id', '=', storeId);
    if (sku !== undefined) query = query.where('sku', '=', sku);
    if (location !== undefined) query = query.where('location', '=', location);
    const rows = await query.orderBy('sku').orderBy('location').execute();
    return rows.map(toInventoryItem);
  }

  // ---------------------------------------------------------------- internals

  #find(key: ItemKey): Promise<Selectable<InventoryItemsTable> | undefined> {
    return this.#db.selectFrom('inventory_items').selectAll().where(isItem(key)).executeTakeFirst();
  }

  /**
   * One atomic `update … set <change> where <item> and <guard> returning *`. When it changes
   * nothing, the item is read only to say why: missing, or refused by the guard. If the guard holds
   * again by then (a concurrent write freed stock), the update is tried again.
   */
  async #guardedUpdate(
    key: ItemKey,
    change: (eb: Items) => UpdateObject<InventoryDatabase, 'inventory_items'>,
    guard: (eb: Items) => Expression<SqlBool>,
    explain: (item: InventoryItem) => Refusal,
  ): Promise<InventoryItem> {
    for (let attempt = 1; ; attempt++) {
      const update = (db: Kysely<InventoryDatabase>) =>
        db
          .updateTable('inventory_items')
          .set((eb) => ({ ...change(eb), updated_at: nowTimestamp() }))
          .where(isItem(key))
          .where(guard)
          .returningAll()
          .executeTakeFirst();
      // The dashboard totals follow in the same statement (the inventory's triggers).
      const row = await update(this.#db);
      if (row) return toInventoryItem(row);
      const current = await this.#find(key);
      if (!current) throw itemNotFound(key);
      const refused = explain(toInventoryItem(current));
      if (!refused.retry || attempt >= maxAttempts) throw refused.error;
    }
  }
}

/** `store_id = ? and sku = ? and location = ?`: one item, found through the unique index. */
function isItem(key: ItemKey) {
  return (eb: Items): Expression<SqlBool> =>
    eb.and([
      eb('inventory_items.store_id', '=', key.storeId),
      eb('inventory_items.sku', '=', key.sku),
      eb('inventory_items.location', '=', key.location),
    ]);
}

function itemNotFound(key: ItemKey): OrionError {
  return new OrionError('ORION_ERR_NOT_FOUND', {
    entity: 'Inventory item',
    id: `SKU "${key.sku}" at location "${key.location}" of store ${key.storeId}`,
    ...key,
  });
}

/**
 * A refused change as `ORION_ERR_VALIDATION`, shaped like `parseInput`'s errors (`subject`,
 * `issues`, `validationIssues`) plus a machine-readable `reason` and the numbers behind it.
 */
function refusal(
  subject: string,
  reason: string,
  path: string,
  key: ItemKey,
  facts: { issue: string } & Record<string, unknown>,
): OrionError {
  const { issue, ...numbers } = facts;
  const message = `${issue} for SKU "${key.sku}" at location "${key.location}" of store ${key.storeId}`;
  const validationIssues: ValidationIssue[] = [{ path, message, code: reason }];
  return new OrionError('ORION_ERR_VALIDATION', {
    subject,
    issues: message,
    validationIssues,
    reason,
    ...key,
    ...numbers,
  });
}
