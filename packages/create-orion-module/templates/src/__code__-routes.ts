/**
 * The module's HTTP routes, mounted by the host at `/api/v1/store/__code__/…` on the platforms where
 * the module is enabled. A store route acts on the caller's own store (`context.storeId`) only.
 */
import { idParamSchema, nowTimestamp, routeResponse, toIsoTimestamp } from '@orion/contracts';
import { callerStoreId } from '@orion/tenancy';
import { z } from 'zod';
import { __camel__Errors } from './__code__-errors.js';
import { __camel__Kit } from './__code__-kit.js';

/** The permissions the routes check; declared with their labels in the module definition. */
export const __camel__Permissions = {
  view: '__code__.view',
  manage: '__code__.manage',
} as const;

/** An item as the routes answer it. */
export interface __Pascal__Item {
  id: number;
  title: string;
  createdAt: string;
}

const toItem = (row: { id: number; title: string; created_at: Date | string }): __Pascal__Item => ({
  id: row.id,
  title: row.title,
  createdAt: toIsoTimestamp(row.created_at),
});

const listItems = __camel__Kit.route({
  method: 'GET',
  path: '/items',
  summary: 'The store’s newest items',
  permission: __camel__Permissions.view,
  handler: async ({ db, context, config }) => {
    const storeId = callerStoreId(context, __camel__Permissions.view);
    const rows = await db
      .selectFrom('__snake___items')
      .select(['id', 'title', 'created_at'])
      .where('store_id', '=', storeId)
      .orderBy('id', 'desc')
      .limit(config.pageSize)
      .execute();
    return { items: rows.map(toItem) };
  },
});

const getItem = __camel__Kit.route({
  method: 'GET',
  path: '/items/:itemId',
  summary: 'One of the store’s items',
  params: z.object({ itemId: idParamSchema }),
  permission: __camel__Permissions.view,
  handler: async ({ db, context, params }) => {
    const storeId = callerStoreId(context, __camel__Permissions.view);
    const row = await db
      .selectFrom('__snake___items')
      .select(['id', 'title', 'created_at'])
      .where('store_id', '=', storeId)
      .where('id', '=', params.itemId)
      .executeTakeFirst();
    if (!row) throw __camel__Errors.create('__CONST___ERR_ITEM_NOT_FOUND', { itemId: params.itemId });
    return toItem(row);
  },
});

const addItem = __camel__Kit.route({
  method: 'POST',
  path: '/items',
  summary: 'Adds an item to the store',
  body: z.strictObject({ title: z.string().trim().min(1).max(200) }),
  permission: __camel__Permissions.manage,
  handler: async ({ db, context, body }) => {
    const storeId = callerStoreId(context, __camel__Permissions.manage);
    const row = await db
      .insertInto('__snake___items')
      .values({ store_id: storeId, title: body.title, created_at: nowTimestamp() })
      .returning(['id', 'title', 'created_at'])
      .executeTakeFirstOrThrow();
    return routeResponse(201, toItem(row));
  },
});

/** The module's routes by frontend. */
export const __camel__Routes = __camel__Kit.routes({ store: [listItems, getItem, addItem] });
