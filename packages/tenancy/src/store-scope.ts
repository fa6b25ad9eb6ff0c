/**
 * The two store checks every module's routes start with: a store route acts on the caller's own
 * store, and an admin route may only reach stores on the caller's platform.
 */
import type { Kysely } from 'kysely';
import { OrionError, type AnyDatabase, type RequestContext } from '@orion/contracts';
import { hasActiveStoreMembership } from './active-store-memberships.js';

/**
 * The store a store-frontend route acts on: the caller's `context.storeId`, never a store id from
 * the path, query or body, so a store's token only ever reaches its own store.
 *
 * @param permission - The route's permission, named in the error.
 * @throws OrionError `ORION_ERR_FORBIDDEN` `{ permission }` when the context has no store (403).
 * @example
 * ```ts
 * import { OrdersService } from '@orion/orders';
 * import { defineRoute } from '@orion/contracts';
 * import { callerStoreId } from '@orion/tenancy';
 * defineRoute({
 *   method: 'GET', path: '/orders', permission: 'orders.view',
 *   handler: ({ context, db }) => new OrdersService(db).listStoreOrders({ storeId: callerStoreId(context, 'orders.view') }),
 * });
 * ```
 */
export function callerStoreId(context: RequestContext, permission: string): number {
  if (context.storeId === undefined) throw new OrionError('ORION_ERR_FORBIDDEN', { permission });
  return context.storeId;
}

/**
 * Lets an admin route reach store `storeId` only while it has an active membership in the caller's
 * platform. Any other store, existing or not, is reported as not found, so an operator learns
 * nothing about other platforms' stores.
 *
 * @throws OrionError `ORION_ERR_NOT_FOUND` `{ entity: 'Store', id }` (404) when the store is not on
 *   the platform.
 * @example
 * ```ts
 * import { OrdersService } from '@orion/orders';
 * import { defineRoute, idParamSchema } from '@orion/contracts';
 * import { requirePlatformStore } from '@orion/tenancy';
 * import { z } from 'zod';
 *
 * export const listStoreOrders = defineRoute({
 *   method: 'GET',
 *   path: '/stores/:storeId/orders',
 *   params: z.object({ storeId: idParamSchema }),
 *   handler: async ({ params, context, db }) => {
 *     await requirePlatformStore(db, params.storeId, context.platformId);
 *     return new OrdersService(db).listStoreOrders({ storeId: params.storeId });
 *   },
 * });
 * ```
 */
export async function requirePlatformStore(
  db: Kysely<AnyDatabase>,
  storeId: number,
  platformId: number,
): Promise<void> {
  if (!(await hasActiveStoreMembership(db, storeId, platformId))) {
    throw new OrionError('ORION_ERR_NOT_FOUND', { entity: 'Store', id: storeId });
  }
}
