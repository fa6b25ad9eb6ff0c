/**
 * The zod schemas {@link InventoryService} and {@link InventoryStockWriterService} validate their
 * inputs with, and the input types they describe. Failing input becomes `ORION_ERR_VALIDATION`
 * through `parseInput`.
 */
import { z } from 'zod';
import { idSchema, skuSchema } from '@orion/contracts';

/** The location an item is kept at when none is named. */
export const defaultLocation = 'default';

/**
 * The largest stock quantity (and the largest negative one, for backorders), reservation and
 * low-stock threshold: one billion. It keeps `quantity + delta` inside PostgreSQL's `integer`, so an
 * adjustment is refused with a coded error instead of overflowing.
 */
export const maxQuantity = 1_000_000_000;

/** Text without leading or trailing white space and without control characters. */
const tidyText = /^[^\s\p{Cc}](?:[^\p{Cc}]*[^\s\p{Cc}])?$/u;

/**
 * A stock location name (a warehouse, a shop floor): 1 to 64 characters, no leading or trailing
 * white space, no control characters. Compared exactly.
 *
 * @example
 * ```ts
 * import { locationNameSchema } from './inventory-inputs.js';
 *
 * locationNameSchema.parse('berlin-1'); // 'berlin-1'
 * ```
 */
export const locationNameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(tidyText, 'Expected a location name without leading or trailing spaces, such as "berlin-1"');

/**
 * A location name, {@link defaultLocation} when omitted.
 *
 * @example
 * ```ts
 * import { locationSchema } from './inventory-inputs.js';
 *
 * locationSchema.parse(undefined); // 'default'
 * ```
 */
export const locationSchema = locationNameSchema.default(defaultLocation);

/**
 * An on-hand quantity: an integer from −{@link maxQuantity} to {@link maxQuantity}. Negative
 * quantities are backorders.
 *
 * @example
 * ```ts
 * import { quantitySchema } from './inventory-inputs.js';
 *
 * quantitySchema.parse(-3); // -3
 * ```
 */
export const quantitySchema = z.number().int().min(-maxQuantity).max(maxQuantity);

/**
 * A relative change of an on-hand quantity: an integer from −{@link maxQuantity} to
 * {@link maxQuantity}.
 *
 * @example
 * ```ts
 * import { deltaSchema } from './inventory-inputs.js';
 *
 * deltaSchema.parse(-2); // -2
 * ```
 */
export const deltaSchema = z.number().int().min(-maxQuantity).max(maxQuantity);

/**
 * How many units to reserve or release: a positive integer up to {@link maxQuantity}.
 *
 * @example
 * ```ts
 * import { unitsSchema } from './inventory-inputs.js';
 *
 * unitsSchema.parse(2); // 2
 * ```
 */
export const unitsSchema = z.number().int().positive().max(maxQuantity);

/**
 * A low-stock threshold: an integer from 0 to {@link maxQuantity}; 0 means "never low".
 *
 * @example
 * ```ts
 * import { thresholdSchema } from './inventory-inputs.js';
 *
 * thresholdSchema.parse(5); // 5
 * ```
 */
export const thresholdSchema = z.number().int().min(0).max(maxQuantity);

const itemKeyShape = { storeId: idSchema, sku: skuSchema, location: locationSchema };

/**
 * Names one inventory item: a store, a SKU and a location (default `default`).
 *
 * @example
 * ```ts
 * import { itemKeySchema } from './inventory-inputs.js';
 *
 * itemKeySchema.parse({ storeId: 12, sku: 'TSHIRT-RED-M' }); // { storeId: 12, sku: 'TSHIRT-RED-M', location: 'default' }
 * ```
 */
export const itemKeySchema = z.strictObject(itemKeyShape);

/** Names one inventory item: `{ storeId, sku, location? }`; the location defaults to `default`. */
export type InventoryItemKey = z.input<typeof itemKeySchema>;

/**
 * What {@link InventoryService.setStock} accepts.
 *
 * @example
 * ```ts
 * import { setStockInputSchema } from './inventory-inputs.js';
 *
 * setStockInputSchema.parse({ storeId: 12, sku: 'TSHIRT-RED-M', quantity: 40 });
 * ```
 */
export const setStockInputSchema = z.strictObject({
  ...itemKeyShape,
  quantity: quantitySchema,
  lowStockThreshold: thresholdSchema.optional(),
});

/** What {@link InventoryService.setStock} accepts: `{ storeId, sku, location?, quantity, lowStockThreshold? }`. */
export type SetStockInput = z.input<typeof setStockInputSchema>;

/**
 * What {@link InventoryService.adjustStock} accepts.
 *
 * @example
 * ```ts
 * import { adjustStockInputSchema } from './inventory-inputs.js';
 *
 * adjustStockInputSchema.parse({ storeId: 12, sku: 'TSHIRT-RED-M', delta: -2 });
 * ```
 */
export const adjustStockInputSchema = z.strictObject({ ...itemKeyShape, delta: deltaSchema });

/** What {@link InventoryService.adjustStock} accepts: `{ storeId, sku, location?, delta }`. */
export type AdjustStockInput = z.input<typeof adjustStockInputSchema>;

/**
 * What {@link InventoryService.reserveStock} and {@link InventoryService.releaseReservation} accept.
 *
 * @example
 * ```ts
 * import { reservationInputSchema } from './inventory-inputs.js';
 *
 * reservationInputSchema.parse({ storeId: 12, sku: 'TSHIRT-RED-M', quantity: 1 });
 * ```
 */
export const reservationInputSchema = z.strictObject({ ...itemKeyShape, quantity: unitsSchema });

/** What {@link InventoryService.reserveStock} and {@link InventoryService.releaseReservation} accept: `{ storeId, sku, location?, quantity }`. */
export type ReservationInput = z.input<typeof reservationInputSchema>;

/**
 * What {@link InventoryService.setLowStockThreshold} accepts.
 *
 * @example
 * ```ts
 * import { setLowStockThresholdInputSchema } from './inventory-inputs.js';
 *
 * setLowStockThresholdInputSchema.parse({ storeId: 12, sku: 'TSHIRT-RED-M', threshold: 5 });
 * ```
 */
export const setLowStockThresholdInputSchema = z.strictObject({ ...itemKeyShape, threshold: thresholdSchema });

/** What {@link InventoryService.setLowStockThreshold} accepts: `{ storeId, sku, location?, threshold }`. */
export type SetLowStockThresholdInput = z.input<typeof setLowStockThresholdInputSchema>;

/**
 * What {@link InventoryService.listItems} accepts: a store, optionally narrowed to one SKU or one
 * location (no default here: without `location` every location is listed).
 *
 * @example
 * ```ts
 * import { listItemsInputSchema } from './inventory-inputs.js';
 *
 * listItemsInputSchema.parse({ storeId: 12, location: 'berlin-1' });
 * ```
 */
export const listItemsInputSchema = z.strictObject({
  storeId: idSchema,
  sku: skuSchema.optional(),
  location: locationNameSchema.optional(),
});

/** What {@link InventoryService.listItems} accepts: `{ storeId, sku?, location? }`. */
export type ListItemsInput = z.input<typeof listItemsInputSchema>;

/**
 * The stock levels {@link InventoryStockWriterService.setStock} accepts: `{ sku, location?, quantity }`
 * each, with no `(sku, location)` pair twice (one batch sets each item once, so the created and
 * updated counts stay unambiguous).
 *
 * @example
 * ```ts
 * import { stockLevelsSchema } from './inventory-inputs.js';
 *
 * stockLevelsSchema.parse([{ sku: 'A-1', quantity: 3 }, { sku: 'A-1', location: 'berlin-1', quantity: 0 }]);
 * ```
 */
export const stockLevelsSchema = z
  .array(z.strictObject({ sku: skuSchema, location: locationSchema, quantity: quantitySchema }))
  .superRefine((items, context) => {
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      const key = JSON.stringify([item.sku, item.location]);
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, index);
        return;
      }
      context.addIssue({
        code: 'custom',
        path: [index],
        message: `SKU "${item.sku}" at location "${item.location}" is already set by item ${first}`,
      });
    });
  });
