/**
 * The orders module's HTTP routes, mounted by the host at `/api/v1/<frontend>/orders/…`. Store
 * routes act on the caller's store (`context.storeId`) only; the admin route reaches the stores of
 * the caller's platform.
 */
import {
  currencySchema,
  customerActivityRecorderRef,
  idParamSchema,
  pageQuerySchema,
  routeResponse,
  type ModuleRoutes,
} from '@orion/contracts';
import { callerStoreId, requirePlatformStore } from '@orion/tenancy';
import { z } from 'zod';
import {
  customerEmailSchema,
  maxOrderItems,
  orderItemInputSchema,
  orderNumberSchema,
  orderStatusSchema,
} from './orders-inputs.js';
import { ordersKit } from './orders-kit.js';
import { OrdersService } from './orders-service.js';
import type { OrdersDatabase } from './schema.js';

/** The permission codes the routes check; declared with their labels in the module definition. */
export const ordersPermissions = {
  view: 'orders.view',
  place: 'orders.place',
  manage: 'orders.manage',
  platformView: 'orders.platform.view',
} as const;

const orderParamsSchema = z.object({ orderId: idParamSchema });

/** A new order as a store sends it: never a `storeId` (the caller's store is used) nor a `createdAt`. */
const placeOrderBodySchema = z.strictObject({
  orderNumber: orderNumberSchema.optional(),
  customerEmail: customerEmailSchema,
  currency: currencySchema.optional(),
  items: z.array(orderItemInputSchema).min(1, 'An order needs at least one item').max(maxOrderItems),
});

const listOrders = ordersKit.route({
  method: 'GET',
  path: '/orders',
  summary: 'One page of the store’s orders, newest first, with the total count',
  query: pageQuerySchema,
  permission: ordersPermissions.view,
  handler: ({ query, context, db }) =>
    new OrdersService(db).listStoreOrders({ storeId: callerStoreId(context, ordersPermissions.view), ...query }),
});

const getOrder = ordersKit.route({
  method: 'GET',
  path: '/orders/:orderId',
  summary: 'One of the store’s orders with its items',
  params: orderParamsSchema,
  permission: ordersPermissions.view,
  handler: ({ params, context, db }) =>
    new OrdersService(db).getOrder(params.orderId, { storeId: callerStoreId(context, ordersPermissions.view) }),
});

const placeOrder = ordersKit.route({
  method: 'POST',
  path: '/orders',
  summary: 'Places a pending order in the store',
  body: placeOrderBodySchema,
  permission: ordersPermissions.place,
  handler: async ({ body, context, db, events, services }) => {
    const storeId = callerStoreId(context, ordersPermissions.place);
    // Where a customers module is installed, the order's customer is recorded in the order's transaction.
    const customers = await services.get(customerActivityRecorderRef, { platformId: context.platformId });
    const orders = new OrdersService(db, { events, platformId: context.platformId, customers });
    return routeResponse(201, await orders.placeOrder({ ...body, storeId }));
  },
});

const changeOrderStatus = ordersKit.route({
  method: 'PATCH',
  path: '/orders/:orderId/status',
  summary: 'Moves one of the store’s orders to another status of its life cycle',
  params: orderParamsSchema,
  body: z.strictObject({ status: orderStatusSchema }),
  permission: ordersPermissions.manage,
  handler: ({ params, body, context, db }) =>
    new OrdersService(db).changeStatus(params.orderId, body.status, {
      storeId: callerStoreId(context, ordersPermissions.manage),
    }),
});

/** `?period=&dateFrom=&dateTo=` of a daily series, validated by the service as a dashboard window. */
const dailyQuerySchema = z.object({
  period: z.string().optional(),
  dateFrom: z.string().optional(),
  dateTo: z.string().optional(),
});

const storeDailyTotals = ordersKit.route({
  method: 'GET',
  path: '/stats/daily',
  summary: 'The store’s orders and revenue per currency, per UTC day of the window',
  query: dailyQuerySchema,
  permission: ordersPermissions.view,
  handler: ({ query, context, db }) =>
    new OrdersService(db).dailyTotals({ storeId: callerStoreId(context, ordersPermissions.view) }, query),
});

const platformDailyTotals = ordersKit.route({
  method: 'GET',
  path: '/stats/daily',
  summary: 'The platform’s orders and revenue per currency, per UTC day of the window',
  query: dailyQuerySchema,
  permission: ordersPermissions.platformView,
  handler: ({ query, context, db }) => new OrdersService(db).dailyTotals({ platformId: context.platformId }, query),
});

const listPlatformStoreOrders = ordersKit.route({
  method: 'GET',
  path: '/stores/:storeId/orders',
  summary: 'One page of the orders of a store on the caller’s platform',
  params: z.object({ storeId: idParamSchema }),
  query: pageQuerySchema,
  permission: ordersPermissions.platformView,
  handler: async ({ params, query, context, db }) => {
    await requirePlatformStore(db, params.storeId, context.platformId);
    return new OrdersService(db).listStoreOrders({ storeId: params.storeId, ...query });
  },
});

/**
 * The orders routes by frontend:
 *
 * - store: `GET /orders`, `GET /orders/:orderId`, `POST /orders`, `PATCH /orders/:orderId/status`,
 *   `GET /stats/daily`;
 * - admin: `GET /stores/:storeId/orders`, `GET /stats/daily`.
 *
 * See the package README for their permissions, inputs and answers.
 */
export const ordersRoutes: ModuleRoutes<OrdersDatabase> = {
  store: [listOrders, getOrder, placeOrder, changeOrderStatus, storeDailyTotals],
  admin: [listPlatformStoreOrders, platformDailyTotals],
};
