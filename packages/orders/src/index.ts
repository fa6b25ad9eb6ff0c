/**
 * `@orion/orders`: Orion's orders module, orders and their items in a store, their life cycle and
 * exact per-currency order metrics. This file is the package's only public door.
 *
 * @packageDocumentation
 */
export { ordersModule } from './orders-module.js';
export { OrdersService, type OrdersServiceOptions } from './orders-service.js';
export { orderPlacedEventRef, orderPlacedEventSchema, type OrderPlaced } from './order-placed-event.js';
export { orderStatuses, orderStatusTransitions, type OrderStatus } from './order-status.js';
export type { Order, OrderItem, OrdersPage, OrderWithItems } from './orders-records.js';
export type { DailyOrderTotal, DailyOrderTotals } from './orders-daily-totals.js';
export {
  dailyTotalsScopeSchema,
  listStoreOrdersInputSchema,
  orderItemInputSchema,
  orderScopeSchema,
  placeOrderInputSchema,
  type DailyTotalsScope,
  type ListStoreOrdersInput,
  type OrderItemInput,
  type OrderScope,
  type PlaceOrderInput,
} from './orders-inputs.js';
export type {
  OrderItemsTable,
  OrdersCurrencyTotalsColumns,
  OrdersDailyTotalsTable,
  OrdersDatabase,
  OrdersHourlyTotalsTable,
  OrdersPlatformDailyTotalsTable,
  OrdersPlatformHourlyTotalsTable,
  OrdersPlatformTotalsTable,
  OrdersStoreTotalsTable,
  OrdersTable,
  StoredMinorUnits,
} from './schema.js';
