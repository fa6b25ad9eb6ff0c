import type { Kysely, Transaction } from 'kysely';
import type { AnyDatabase, CustomerActivityRecorder, MetricsContext, ModuleEvents } from '@orion/contracts';
import {
  notFoundError,
  conflictOnUniqueViolation,
  idInStore,
  idSchema,
  inTransaction,
  isOrionError,
  nowTimestamp,
  OrionError,
  parseInput,
  selectPage,
} from '@orion/contracts';
import { platformExists, requireStore } from '@orion/tenancy';
import { generateOrderNumber } from './order-number.js';
import { orderPlacedEventRef } from './order-placed-event.js';
import { rebuildOrderTotals } from './order-totals.js';
import { orderStatusTransitions, statusesThatMayBecome, type OrderStatus } from './order-status.js';
import { dailyOrderTotals, type DailyOrderTotals } from './orders-daily-totals.js';
import {
  dailyTotalsScopeSchema,
  listStoreOrdersInputSchema,
  orderScopeSchema,
  orderStatusSchema,
  placeOrderInputSchema,
  type DailyTotalsScope,
  type ListStoreOrdersInput,
  type OrderScope,
  type PlaceOrderInput,
} from './orders-inputs.js';
import { toOrder, toOrderItem, type Order, type OrdersPage, type OrderWithItems } from './orders-records.js';
import type { OrdersDatabase } from './schema.js';

/**
 * Options of {@link OrdersService}: with the orders module's `events` and the platform the orders
 * are placed on, the service publishes `orders.placed` after each order's transaction commits.
 * With `customers` (the `customerActivityRecorderRef` service, where a customers module is
 * installed), each placed order is recorded as its customer's activity in the order's transaction.
 */
export type OrdersServiceOptions = ({ events?: undefined } | { events: ModuleEvents; platformId: number }) & {
  customers?: CustomerActivityRecorder | undefined;
};

/** How often a generated order number is drawn again after clashing with one of the store's. */
const generatedNumberAttempts = 5;

/**
 * Places orders, moves them through their life cycle and reads them back.
 *
 * Every method validates its input at the boundary and returns plain objects with camelCase
 * fields, money as integer minor units and timestamps as ISO-8601 UTC strings, on SQLite and
 * PostgreSQL alike. Orders are never deleted; they end `cancelled` or `refunded`.
 *
 * Errors: `ORION_ERR_VALIDATION` for malformed input and for status changes the life cycle does
 * not allow, `ORION_ERR_NOT_FOUND` `{ entity, id }` for an unknown store or order,
 * `ORION_ERR_CONFLICT` `{ entity, field, value }` for an order number the store already uses.
 *
 * @example
 * ```ts
 * import { OrdersService } from '@orion/orders';
 *
 * const orders = new OrdersService(orion.db);
 * const order = await orders.placeOrder({
 *   storeId: 12,
 *   customerEmail: 'ada@example.com',
 *   currency: 'EUR',
 *   items: [{ sku: 'TSHIRT-M', quantity: 2, unitPrice: 1299 }],
 * });
 * order.totalAmount; // 2598 (cents)
 * await orders.changeStatus(order.id, 'paid');
 * ```
 */
export class OrdersService {
  readonly #db: Kysely<OrdersDatabase>;
  readonly #options: OrdersServiceOptions;

  /**
   * @param db - The host's database, with the tenancy and orders migrations applied.
   * @param options - The orders module's `events` and the platform, to publish `orders.placed`.
   */
  constructor(db: Kysely<AnyDatabase>, options: OrdersServiceOptions = {}) {
    this.#db = db as Kysely<OrdersDatabase>;
    this.#options = options;
  }

  /**
   * Places a `pending` order with its items, in one transaction. The service computes
   * `totalAmount` as the sum of `quantity × unitPrice`. Without `orderNumber` it generates a
   * readable one, `ORD-<yyyymmdd>-<6 characters>`, unique within the store. Without `currency`
   * the order takes the store's default currency; without `createdAt`, the current time. Given a
   * transaction (`new OrdersService(trx)`), the order is written in it, so a batch of orders
   * commits or rolls back together; otherwise each order has a transaction of its own. Given
   * `events` (`new OrdersService(db, { events, platformId })`), `orders.placed` is delivered once
   * that transaction commits, never on rollback; a caller's transaction must then come from
   * `inTransaction`. Given `customers` (`new OrdersService(db, { customers })`, the service of
   * `customerActivityRecorderRef`), the order's customer is created or updated in the same
   * transaction (`recordOrder({ storeId, email: customerEmail, placedAt: createdAt })`).
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for malformed input: no items, a quantity that is
   *   not a positive integer, a price that is not a non-negative integer of minor units, a total
   *   beyond `Number.MAX_SAFE_INTEGER`; `ORION_ERR_NOT_FOUND` when the store does not exist;
   *   `ORION_ERR_CONFLICT` when the store already has an order with `orderNumber`.
   * @example
   * ```ts
   * import { OrdersService } from '@orion/orders';
   * const order = await new OrdersService(db).placeOrder({
   *   storeId: 12,
   *   orderNumber: 'A-1001',
   *   customerEmail: 'ada@example.com',
   *   currency: 'JPY',
   *   items: [{ sku: 'TEA-50G', quantity: 3, unitPrice: 1200 }],
   * });
   * order.totalAmount; // 3600 (yen)
   * ```
   */
  async placeOrder(input: PlaceOrderInput): Promise<OrderWithItems> {
    const order = parseInput(placeOrderInputSchema, input, 'order');
    const store = await this.#db
      .selectFrom('stores')
      .select('default_currency')
      .where('id', '=', order.storeId)
      .executeTakeFirst();
    if (!store) throw notFoundError('Store', order.storeId);

    const createdAt = order.createdAt ?? nowTimestamp();
    // Each product and every partial sum is at most the total, which validation keeps safe.
    const totalAmount = order.items.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0);
    const values = {
      store_id: order.storeId,
      customer_email: order.customerEmail,
      status: 'pending' as const,
      currency: order.currency ?? store.default_currency,
      total_amount: totalAmount,
      created_at: createdAt,
    };
    // Given a transaction, the order commits or rolls back with the caller's other writes.
    const inCallerTransaction = this.#db.isTransaction;
    for (let attempt = 1; ; attempt++) {
      const orderNumber = order.orderNumber ?? generateOrderNumber(createdAt);
      const write = async (trx: Transaction<OrdersDatabase>) => {
        const placed = await insertOrder(trx, { ...values, order_number: orderNumber }, order.items);
        await this.#options.customers?.recordOrder(
          { storeId: placed.storeId, email: placed.customerEmail, placedAt: placed.createdAt },
          { transaction: trx, platformId: this.#options.events === undefined ? undefined : this.#options.platformId },
        );
        this.#publishPlaced(trx, placed);
        return placed;
      };
      try {
        return await conflictOnUniqueViolation({ entity: 'Order', field: 'orderNumber', value: orderNumber }, () =>
          inTransaction(this.#db, write),
        );
      } catch (error) {
        // A clash aborts the caller's transaction on PostgreSQL, so only an own transaction draws again.
        const retry = order.orderNumber === undefined && attempt < generatedNumberAttempts && !inCallerTransaction;
        if (retry && isOrionError(error, 'ORION_ERR_CONFLICT')) continue;
        throw error;
      }
    }
  }

  #publishPlaced(trx: Transaction<OrdersDatabase>, order: OrderWithItems): void {
    if (this.#options.events === undefined) return;
    const payload = {
      orderId: order.id,
      storeId: order.storeId,
      orderNumber: order.orderNumber,
      currency: order.currency,
      totalAmount: order.totalAmount,
    };
    this.#options.events.publish(orderPlacedEventRef, payload, {
      platformId: this.#options.platformId,
      transaction: trx,
    });
  }

  /**
   * Moves an order to `status`, if its life cycle allows it:
   * `pending` → `paid` | `cancelled`; `paid` → `shipped` | `refunded` | `cancelled`;
   * `shipped` → `delivered` | `refunded`; `delivered` → `refunded`. `cancelled` and `refunded` are
   * final. The check and the change are one `UPDATE`, so two concurrent changes can not both pass;
   * the database's triggers change the dashboards' totals rows in the same transaction.
   * With `storeId`, only an order of that store changes: another store's order is reported as
   * not found, exactly like an unknown id.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for a malformed id, status or store id, and for a
   *   change the life cycle does not allow (including to the status the order already has), with
   *   `details.from`, `details.to` and `details.allowed`; `ORION_ERR_NOT_FOUND` when the order does
   *   not exist (or is not `storeId`'s).
   * @example
   * ```ts
   * import { OrdersService } from '@orion/orders';
   * const order = await new OrdersService(db).changeStatus(5, 'shipped');
   * order.status; // 'shipped'
   * await new OrdersService(db).changeStatus(5, 'delivered', { storeId: 12 }); // only if order 5 is store 12's
   * ```
   */
  async changeStatus(orderId: number, status: OrderStatus, options: OrderScope = {}): Promise<Order> {
    const id = parseInput(idSchema, orderId, 'orderId');
    const to = parseInput(orderStatusSchema, status, 'status');
    const { storeId } = parseInput(orderScopeSchema, options, 'order scope');
    const from = statusesThatMayBecome(to);
    // The database's triggers change the totals rows in the same statement.
    const change = async (trx: Transaction<OrdersDatabase>) =>
      trx
        .updateTable('orders')
        .set({ status: to })
        .where(idInStore(id, storeId))
        .where('status', 'in', from)
        .returningAll()
        .executeTakeFirst();
    // No order ever becomes `pending` again, and PostgreSQL rejects an empty `in ()`.
    const row = from.length === 0 ? undefined : await inTransaction(this.#db, change);
    if (row) return toOrder(row);

    const current = await this.#db
      .selectFrom('orders')
      .select('status')
      .where(idInStore(id, storeId))
      .executeTakeFirst();
    if (!current) throw notFoundError('Order', id);
    throw forbiddenStatusChange(id, current.status, to);
  }

  /**
   * Recomputes the dashboards' totals rows (per store and per platform: daily, hourly, all time)
   * of one store (and the platforms it is an active member of), or of everything, from the orders.
   * The database keeps them exact by itself on every write path (triggers of
   * `orders_003_summary_triggers`: the service, plain SQL, `COPY`, membership changes), so this is a
   * repair tool, for instance after a `TRUNCATE` or triggers dropped by hand. Order writes wait while
   * it runs. Also `orion rebuild orders` and the `orders.rebuild-totals` task.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for a malformed store id.
   * @example
   * ```ts
   * import { OrdersService } from '@orion/orders';
   * await new OrdersService(db).rebuildTotals(); // everything
   * await new OrdersService(db).rebuildTotals({ storeId: 12 });
   * ```
   */
  async rebuildTotals(options: OrderScope = {}): Promise<void> {
    const { storeId } = parseInput(orderScopeSchema, options, 'order scope');
    await rebuildOrderTotals(this.#db, storeId);
  }

  /**
   * Reads an order with its items. With `storeId`, only an order of that store is found.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for a malformed id or store id;
   *   `ORION_ERR_NOT_FOUND` when the order does not exist (or is not `storeId`'s).
   * @example
   * ```ts
   * import { OrdersService } from '@orion/orders';
   * const order = await new OrdersService(db).getOrder(5);
   * order.items.map((item) => item.sku); // ['TSHIRT-M']
   * await new OrdersService(db).getOrder(5, { storeId: 12 }); // not found unless order 5 is store 12's
   * ```
   */
  async getOrder(orderId: number, options: OrderScope = {}): Promise<OrderWithItems> {
    const id = parseInput(idSchema, orderId, 'orderId');
    const { storeId } = parseInput(orderScopeSchema, options, 'order scope');
    const row = await this.#db.selectFrom('orders').selectAll().where(idInStore(id, storeId)).executeTakeFirst();
    if (!row) throw notFoundError('Order', id);
    const items = await this.#db
      .selectFrom('order_items')
      .selectAll()
      .where('order_id', '=', id)
      .orderBy('id')
      .execute();
    return { ...toOrder(row), items: items.map(toOrderItem) };
  }

  /**
   * Lists one page of a store's orders, newest first (by `createdAt`, then by id), without their
   * items, and how many orders the store has.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for a malformed store id, a `limit` outside 1 to 200
   *   or a negative `offset`; `ORION_ERR_NOT_FOUND` when the store does not exist.
   * @example
   * ```ts
   * import { OrdersService } from '@orion/orders';
   * const page = await new OrdersService(db).listStoreOrders({ storeId: 12, limit: 20, offset: 0 });
   * page.items[0]?.orderNumber; // the newest order
   * ```
   */
  async listStoreOrders(input: ListStoreOrdersInput): Promise<OrdersPage> {
    const { storeId, limit, offset } = parseInput(listStoreOrdersInputSchema, input, 'order list request');
    await requireStore(this.#db, storeId);
    return selectPage(this.#db.selectFrom('orders').where('store_id', '=', storeId), {
      limit,
      offset,
      rows: (query) => query.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc'),
      toItem: toOrder,
    });
  }

  /**
   * Orders and revenue per UTC day over a window (default: the last 30 days), for one store or
   * for the stores with an active membership in a platform: the series behind a dashboard chart,
   * counted as `orders.count` (every status) and `orders.revenue.<CUR>` (not cancelled or
   * refunded, per currency, in major units). Every day of the window is present.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for a malformed scope or context, or a window
   *   longer than two years; `ORION_ERR_NOT_FOUND` for an unknown store or platform.
   * @example
   * ```ts
   * import { OrdersService } from '@orion/orders';
   * const series = await new OrdersService(db).dailyTotals({ platformId: 1 }, { period: '90d' });
   * series.days.length; // 90 or 91 (the days the window touches)
   * ```
   */
  async dailyTotals(scope: DailyTotalsScope, context: MetricsContext = {}): Promise<DailyOrderTotals> {
    const parsed = parseInput(dailyTotalsScopeSchema, scope, 'daily totals scope');
    if ('storeId' in parsed) await requireStore(this.#db, parsed.storeId);
    else if (!(await platformExists(this.#db, parsed.platformId))) throw notFoundError('Platform', parsed.platformId);
    return dailyOrderTotals(this.#db, parsed, context);
  }
}

async function insertOrder(
  trx: Transaction<OrdersDatabase>,
  values: {
    store_id: number;
    order_number: string;
    customer_email: string;
    status: OrderStatus;
    currency: string;
    total_amount: number;
    created_at: string;
  },
  items: { sku: string; quantity: number; unitPrice: number }[],
): Promise<OrderWithItems> {
  // The database's triggers count the order in the totals rows, in this statement.
  const row = await trx.insertInto('orders').values(values).returningAll().executeTakeFirstOrThrow();
  const itemRows = await trx
    .insertInto('order_items')
    .values(
      items.map((item) => ({ order_id: row.id, sku: item.sku, quantity: item.quantity, unit_price: item.unitPrice })),
    )
    .returningAll()
    .execute();
  const orderItems = itemRows.map(toOrderItem).sort((a, b) => a.id - b.id);
  return { ...toOrder(row), items: orderItems };
}

function forbiddenStatusChange(orderId: number, from: OrderStatus, to: OrderStatus): OrionError {
  const allowed = orderStatusTransitions[from];
  const reason =
    allowed.length === 0
      ? `order ${orderId} is ${from}, a final status, so it can not become ${to}`
      : from === to
        ? `order ${orderId} is already ${from}; a ${from} order can only become ${listOf(allowed)}`
        : `order ${orderId} is ${from} and can only become ${listOf(allowed)}, not ${to}`;
  return new OrionError('ORION_ERR_VALIDATION', {
    subject: 'status change',
    issues: reason,
    orderId,
    from,
    to,
    allowed: [...allowed],
  });
}

function listOf(statuses: readonly string[]): string {
  return statuses.length <= 1 ? statuses.join('') : `${statuses.slice(0, -1).join(', ')} or ${statuses.at(-1)}`;
}
