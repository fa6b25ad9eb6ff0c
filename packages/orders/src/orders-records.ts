/**
 * The plain objects `OrdersService` returns: camelCase fields, money as integer minor units and
 * timestamps as ISO-8601 UTC strings on both databases, and the functions that read them from rows.
 */
import type { Selectable } from 'kysely';
import { toIsoTimestamp, toNumber } from '@orion/contracts';
import type { OrderStatus } from './order-status.js';
import type { OrderItemsTable, OrdersTable } from './schema.js';

/**
 * An order, without its items.
 *
 * @example
 * ```ts
 * import { OrdersService, type Order } from '@orion/orders';
 * const order: Order = await new OrdersService(db).changeStatus(5, 'paid');
 * ```
 */
export interface Order {
  id: number;
  storeId: number;
  /** Unique within the store. */
  orderNumber: string;
  /** Lower-case. */
  customerEmail: string;
  status: OrderStatus;
  /** ISO 4217 code, such as `EUR`. */
  currency: string;
  /** Sum of the items' `quantity × unitPrice`, in minor units of `currency` (cents, yen). */
  totalAmount: number;
  /** ISO-8601 UTC, such as `2026-11-22T10:00:00.000Z`. */
  createdAt: string;
}

/**
 * One line of an order.
 *
 * @example
 * ```ts
 * import { OrdersService, type OrderItem } from '@orion/orders';
 * const items: OrderItem[] = (await new OrdersService(db).getOrder(5)).items;
 * ```
 */
export interface OrderItem {
  id: number;
  orderId: number;
  sku: string;
  quantity: number;
  /** Price of one unit, in minor units of the order's currency. */
  unitPrice: number;
}

/**
 * An order with its items, in the order they were given.
 *
 * @example
 * ```ts
 * import { OrdersService, type OrderWithItems } from '@orion/orders';
 * const order: OrderWithItems = await new OrdersService(db).getOrder(5);
 * ```
 */
export interface OrderWithItems extends Order {
  items: OrderItem[];
}

/**
 * One page of a store's orders, newest first, and how many orders the store has in all.
 *
 * @example
 * ```ts
 * import { OrdersService, type OrdersPage } from '@orion/orders';
 * const page: OrdersPage = await new OrdersService(db).listStoreOrders({ storeId: 12, limit: 20 });
 * const hasMore = page.offset + page.items.length < page.total;
 * ```
 */
export interface OrdersPage {
  items: Order[];
  /** Every order of the store. */
  total: number;
  limit: number;
  offset: number;
}

/** Reads an {@link Order} from an `orders` row. */
export function toOrder(row: Selectable<OrdersTable>): Order {
  return {
    id: Number(row.id),
    storeId: Number(row.store_id),
    orderNumber: row.order_number,
    customerEmail: row.customer_email,
    status: row.status,
    currency: row.currency,
    totalAmount: toNumber(row.total_amount),
    createdAt: toIsoTimestamp(row.created_at),
  };
}

/** Reads an {@link OrderItem} from an `order_items` row. */
export function toOrderItem(row: Selectable<OrderItemsTable>): OrderItem {
  return {
    id: Number(row.id),
    orderId: Number(row.order_id),
    sku: row.sku,
    quantity: Number(row.quantity),
    unitPrice: toNumber(row.unit_price),
  };
}
