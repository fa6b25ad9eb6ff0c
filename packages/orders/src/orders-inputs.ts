/**
 * The zod schemas {@link OrdersService} validates its inputs with, and the input types they
 * describe. Failing input becomes `ORION_ERR_VALIDATION` through `parseInput`.
 */
import { currencySchema, idSchema, pageQuerySchema, skuSchema } from '@orion/contracts';
import { z } from 'zod';
import { orderStatuses } from './order-status.js';

/** The most lines one order may have. */
export const maxOrderItems = 1000;

/**
 * An order number: 1 to 64 printable ASCII characters without spaces, such as `ORD-20261122-7KQ2MX`
 * or a marketplace's `302-1234567-7654321`; surrounding whitespace is trimmed.
 *
 * @example
 * ```ts
 * import { orderNumberSchema } from './orders-inputs.js';
 *
 * orderNumberSchema.parse(' A-1001 '); // 'A-1001'
 * ```
 */
export const orderNumberSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\x21-\x7e]+$/, 'Expected printable ASCII characters without spaces, such as "A-1001"');

/**
 * A customer's e-mail address, trimmed and lower-cased.
 *
 * @example
 * ```ts
 * import { customerEmailSchema } from './orders-inputs.js';
 *
 * customerEmailSchema.parse(' Ada@Example.com '); // 'ada@example.com'
 * ```
 */
export const customerEmailSchema = z.string().trim().toLowerCase().pipe(z.email().max(320));

/**
 * An order status, one of `pending`, `paid`, `shipped`, `delivered`, `cancelled`, `refunded`.
 *
 * @example
 * ```ts
 * import { orderStatusSchema } from './orders-inputs.js';
 *
 * orderStatusSchema.parse('paid'); // 'paid'
 * ```
 */
export const orderStatusSchema = z.enum(orderStatuses);

/**
 * One line of a new order: a positive `quantity` (fits an `integer`) of `sku` at `unitPrice`, a
 * non-negative integer amount of minor units (cents for EUR, yen for JPY).
 *
 * @example
 * ```ts
 * import { orderItemInputSchema } from './orders-inputs.js';
 *
 * orderItemInputSchema.parse({ sku: 'TSHIRT-M', quantity: 2, unitPrice: 1299 });
 * ```
 */
export const orderItemInputSchema = z.strictObject({
  sku: skuSchema,
  quantity: z.number().int().positive().max(2_147_483_647),
  unitPrice: z.number().int().nonnegative(),
});

/** One line of {@link PlaceOrderInput}: `{ sku, quantity, unitPrice }`, `unitPrice` in minor units. */
export type OrderItemInput = z.input<typeof orderItemInputSchema>;

/**
 * A moment as ISO-8601 UTC text: a `Date`, or ISO date-time text with `Z` or an offset.
 *
 * @example
 * ```ts
 * import { timestampInputSchema } from './orders-inputs.js';
 *
 * timestampInputSchema.parse('2026-11-22T11:00:00+01:00'); // '2026-11-22T10:00:00.000Z'
 * ```
 */
export const timestampInputSchema = z
  .union([z.date(), z.iso.datetime({ offset: true })], {
    error: 'Expected a Date or an ISO-8601 date-time with a time zone, such as 2026-11-22T10:00:00Z',
  })
  .pipe(z.coerce.date())
  .transform((date) => date.toISOString());

/**
 * What {@link OrdersService.placeOrder} accepts. The total is not an input: the service computes it
 * from the items, and it must stay a safe integer.
 *
 * @example
 * ```ts
 * import { placeOrderInputSchema } from './orders-inputs.js';
 *
 * placeOrderInputSchema.parse({
 *   storeId: 12, customerEmail: 'ada@example.com', currency: 'EUR',
 *   items: [{ sku: 'TSHIRT-M', quantity: 2, unitPrice: 1299 }],
 * });
 * ```
 */
export const placeOrderInputSchema = z
  .strictObject({
    storeId: idSchema,
    /** Unique within the store; generated when omitted. */
    orderNumber: orderNumberSchema.optional(),
    customerEmail: customerEmailSchema,
    /** Defaults to the store's default currency. */
    currency: currencySchema.optional(),
    items: z.array(orderItemInputSchema).min(1, 'An order needs at least one item').max(maxOrderItems),
    /** When the order was placed (for orders imported from elsewhere); defaults to now. */
    createdAt: timestampInputSchema.optional(),
  })
  .superRefine((input, context) => {
    const total = input.items.reduce((sum, item) => sum + BigInt(item.quantity) * BigInt(item.unitPrice), 0n);
    if (total > BigInt(Number.MAX_SAFE_INTEGER)) {
      context.addIssue({
        code: 'custom',
        path: ['items'],
        message: `The order total (${total} minor units) exceeds ${Number.MAX_SAFE_INTEGER}`,
      });
    }
  });

/**
 * What {@link OrdersService.placeOrder} accepts:
 * `{ storeId, orderNumber?, customerEmail, currency?, items, createdAt? }`.
 */
export type PlaceOrderInput = z.input<typeof placeOrderInputSchema>;

/**
 * What {@link OrdersService.listStoreOrders} accepts: a store and a page (the shared
 * `pageQuerySchema`): `limit` 1 to 200 (default 50) orders after skipping `offset` (0 to 2³¹ − 1, default 0).
 *
 * @example
 * ```ts
 * import { listStoreOrdersInputSchema } from './orders-inputs.js';
 *
 * listStoreOrdersInputSchema.parse({ storeId: 12, limit: 20, offset: 40 });
 * ```
 */
export const listStoreOrdersInputSchema = z.strictObject({
  storeId: idSchema,
  ...pageQuerySchema.shape,
});

/** What {@link OrdersService.listStoreOrders} accepts: `{ storeId, limit?, offset? }`. */
export type ListStoreOrdersInput = z.input<typeof listStoreOrdersInputSchema>;

/**
 * Limits {@link OrdersService.getOrder} and {@link OrdersService.changeStatus} to the orders of
 * one store: `{ storeId }`. Routes acting for a store pass it, so a store never reaches another
 * store's orders; without it, any order is found.
 *
 * @example
 * ```ts
 * import { orderScopeSchema } from './orders-inputs.js';
 *
 * orderScopeSchema.parse({ storeId: 12 });
 * ```
 */
export const orderScopeSchema = z.strictObject({
  storeId: idSchema.optional(),
});

/** Which orders a read or change may reach: `{ storeId? }`. */
export type OrderScope = z.input<typeof orderScopeSchema>;

/**
 * Whose orders a daily series covers: one store (`{ storeId }`) or the stores with an active
 * membership in a platform (`{ platformId }`).
 *
 * @example
 * ```ts
 * import { dailyTotalsScopeSchema } from './orders-inputs.js';
 *
 * dailyTotalsScopeSchema.parse({ platformId: 1 });
 * ```
 */
export const dailyTotalsScopeSchema = z.union([
  z.strictObject({ storeId: idSchema }),
  z.strictObject({ platformId: idSchema }),
]);

/** Input of `OrdersService.dailyTotals`: `{ storeId }` or `{ platformId }`. */
export type DailyTotalsScope = z.input<typeof dailyTotalsScopeSchema>;
