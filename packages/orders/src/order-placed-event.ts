import { createEventRef } from '@orion/contracts';
import { z } from 'zod';

/**
 * The payload of `orders.placed`, validated when the orders module publishes it.
 *
 * @example
 * ```ts
 * import { orderPlacedEventSchema } from '@orion/orders';
 * orderPlacedEventSchema.parse({ orderId: 1, storeId: 12, orderNumber: 'A-1001', currency: 'EUR', totalAmount: 2598 });
 * ```
 */
export const orderPlacedEventSchema = z.object({
  orderId: z.number().int().positive(),
  storeId: z.number().int().positive(),
  orderNumber: z.string(),
  /** ISO 4217 code, such as `EUR`. */
  currency: z.string(),
  /** In minor units of `currency`. */
  totalAmount: z.number().int().nonnegative(),
});

/** What a subscriber of `orders.placed` receives as `payload`. */
export type OrderPlaced = z.infer<typeof orderPlacedEventSchema>;

/**
 * `orders.placed`: published by the orders module after the transaction that placed an order
 * commits (when its `OrdersService` was given `events` and `platformId`). Subscribers in other
 * packages may instead write `createEventRef<{ orderId: number; storeId: number }>('orders.placed')`
 * without importing `@orion/orders`.
 *
 * @example
 * ```ts
 * import { orderPlacedEventRef } from '@orion/orders';
 * orion.events.on(orderPlacedEventRef, ({ platformId, payload }) => console.log(platformId, payload.orderNumber));
 * ```
 */
export const orderPlacedEventRef = createEventRef('orders.placed', orderPlacedEventSchema);
