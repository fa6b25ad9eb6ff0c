/**
 * The life cycle of an order: its statuses and which changes between them are allowed.
 */

/**
 * Every status an order can have, in life-cycle order. A new order is `pending`.
 *
 * @example
 * ```ts
 * import { orderStatuses } from '@orion/orders';
 * orderStatuses.includes('paid'); // true
 * ```
 */
export const orderStatuses = ['pending', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded'] as const;

/** One of {@link orderStatuses}: `'pending' | 'paid' | 'shipped' | 'delivered' | 'cancelled' | 'refunded'`. */
export type OrderStatus = (typeof orderStatuses)[number];

/**
 * The statuses an order in each status may change to. `cancelled` and `refunded` are final.
 *
 * - `pending` → `paid`, `cancelled`
 * - `paid` → `shipped`, `refunded`, `cancelled`
 * - `shipped` → `delivered`, `refunded`
 * - `delivered` → `refunded`
 *
 * @example
 * ```ts
 * import { orderStatusTransitions } from '@orion/orders';
 * orderStatusTransitions.shipped; // ['delivered', 'refunded']
 * ```
 */
export const orderStatusTransitions: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = Object.freeze({
  pending: Object.freeze(['paid', 'cancelled'] as const),
  paid: Object.freeze(['shipped', 'refunded', 'cancelled'] as const),
  shipped: Object.freeze(['delivered', 'refunded'] as const),
  delivered: Object.freeze(['refunded'] as const),
  cancelled: Object.freeze([] as const),
  refunded: Object.freeze([] as const),
});

/**
 * The statuses from which an order may change to `to`: the inverse of {@link orderStatusTransitions}.
 *
 * @example
 * ```ts
 * import { statusesThatMayBecome } from './order-status.js';
 *
 * statusesThatMayBecome('refunded'); // ['paid', 'shipped', 'delivered']
 * ```
 */
export function statusesThatMayBecome(to: OrderStatus): OrderStatus[] {
  return orderStatuses.filter((from) => orderStatusTransitions[from].includes(to));
}

/**
 * Statuses whose orders are not revenue: the money never arrived or went back.
 *
 * @example
 * ```ts
 * import { nonRevenueStatuses } from './order-status.js';
 *
 * nonRevenueStatuses.includes('refunded'); // true
 * ```
 */
export const nonRevenueStatuses: readonly OrderStatus[] = Object.freeze(['cancelled', 'refunded'] as const);
