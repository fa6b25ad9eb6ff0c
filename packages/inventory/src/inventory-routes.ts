/**
 * The inventory module's HTTP routes, mounted by the host at `/api/v1/store/inventory/…`. Store
 * routes act on the caller's store (`context.storeId`), never on a store named in the request.
 */
import { defineRoute, skuSchema } from '@orion/contracts';
import { z } from 'zod';
import { deltaSchema, locationNameSchema, quantitySchema, thresholdSchema } from './inventory-inputs.js';
import { InventoryService } from './inventory-service.js';
import { callerStoreId } from '@orion/tenancy';

/** See stock levels. */
export const viewStockPermission = 'inventory.stock.view';
/** Set and adjust stock levels and thresholds. */
export const manageStockPermission = 'inventory.stock.manage';

const skuParams = z.object({ sku: skuSchema });

const stockLevelBody = {
  quantity: quantitySchema,
  location: locationNameSchema.optional(),
  lowStockThreshold: thresholdSchema.optional(),
};

/** `GET /items?sku=&location=`: the store's items by SKU, then location. */
const listItems = defineRoute({
  method: 'GET',
  path: '/items',
  summary: 'List the store’s stock items, optionally of one SKU or one location',
  query: z.object({ sku: skuSchema.optional(), location: locationNameSchema.optional() }),
  permission: viewStockPermission,
  handler: ({ query, context, db }) =>
    new InventoryService(db).listItems({ storeId: callerStoreId(context, viewStockPermission), ...query }),
});

/** `PUT /items` with `{ sku, quantity, location?, lowStockThreshold? }`: sets an absolute quantity. */
const setStock = defineRoute({
  method: 'PUT',
  path: '/items',
  summary: 'Set the on-hand quantity of a SKU at a location, creating the item when new',
  body: z.strictObject({ sku: skuSchema, ...stockLevelBody }),
  permission: manageStockPermission,
  handler: ({ body, context, db }) =>
    new InventoryService(db).setStock({ storeId: callerStoreId(context, manageStockPermission), ...body }),
});

/** `PUT /items/:sku` with `{ quantity, location?, lowStockThreshold? }`: the same, SKU in the path. */
const setStockOfSku = defineRoute({
  method: 'PUT',
  path: '/items/:sku',
  summary: 'Set the on-hand quantity of the SKU in the path',
  params: skuParams,
  body: z.strictObject(stockLevelBody),
  permission: manageStockPermission,
  handler: ({ params, body, context, db }) =>
    new InventoryService(db).setStock({
      storeId: callerStoreId(context, manageStockPermission),
      sku: params.sku,
      ...body,
    }),
});

/** `POST /items/:sku/adjustments` with `{ delta, location? }`: adds `delta` to an existing item. */
const adjustStock = defineRoute({
  method: 'POST',
  path: '/items/:sku/adjustments',
  summary: 'Add to or take from the on-hand quantity of an existing item',
  params: skuParams,
  body: z.strictObject({ delta: deltaSchema, location: locationNameSchema.optional() }),
  permission: manageStockPermission,
  handler: ({ params, body, context, db }) =>
    new InventoryService(db).adjustStock({
      storeId: callerStoreId(context, manageStockPermission),
      sku: params.sku,
      ...body,
    }),
});

/** The inventory module's routes by frontend; see the README's "Routes". */
export const inventoryRoutes = {
  store: [listItems, setStock, setStockOfSku, adjustStock],
};
