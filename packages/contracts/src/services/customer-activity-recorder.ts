import type { Kysely } from 'kysely';
import type { AnyDatabase } from '../database/any-database.js';
import { createServiceRef } from './service-ref.js';

/**
 * One placed order, as a module that places orders reports it to the customers module.
 *
 * @public
 */
export interface CustomerOrderActivity {
  /** The store the order was placed in. */
  storeId: number;
  /** The customer's e-mail address; the recorder trims and lower-cases it. */
  email: string;
  /** When the order was placed: an ISO-8601 timestamp or a `Date`. */
  placedAt: string | Date;
}

/**
 * Options of {@link CustomerActivityRecorder.recordOrder}.
 *
 * @public
 */
export interface RecordCustomerOrderOptions {
  /**
   * The caller's open transaction (or database): the customer is written in it, so it commits or
   * rolls back with the order. Without it, the recorder writes in a transaction of its own.
   */
  transaction?: Kysely<AnyDatabase>;
  /**
   * The platform the order was placed on, where the recorder announces a customer it creates
   * (`customers.created`). A given `transaction` must then come from `inTransaction`.
   */
  platformId?: number;
}

/**
 * What {@link CustomerActivityRecorder.recordOrder} wrote.
 *
 * @public
 */
export interface RecordedCustomerOrder {
  /** The customer's id (created by this call when `created`). */
  customerId: number;
  /** Whether the store had no customer with this e-mail before. */
  created: boolean;
  /** The customer's number of recorded orders, this one included. */
  ordersCount: number;
}

/**
 * The customers module's order-activity side for other modules (orders reports each placed order),
 * provided by `@orion/customers` under {@link customerActivityRecorderRef}.
 *
 * @public
 */
export interface CustomerActivityRecorder {
  /**
   * Records one placed order: creates the store's customer with this e-mail if there is none, and
   * updates its `first_order_at`, `last_order_at` and `orders_count`.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for a malformed store id, e-mail or time.
   */
  recordOrder(activity: CustomerOrderActivity, options?: RecordCustomerOrderOptions): Promise<RecordedCustomerOrder>;
}

/**
 * Ask for the customers module's activity recorder without importing `@orion/customers`:
 * `await services.get(customerActivityRecorderRef, { platformId })` is `undefined` where customers
 * is not installed.
 *
 * @example
 * ```ts
 * import { customerActivityRecorderRef, inTransaction } from '@orion/contracts';
 *
 * const recorder = await services.get(customerActivityRecorderRef, { platformId: 1 });
 * await inTransaction(db, async (trx) => {
 *   // … insert the order with trx …
 *   await recorder?.recordOrder({ storeId: 12, email: 'ada@example.com', placedAt: new Date() }, { transaction: trx });
 * });
 * ```
 * @public
 */
export const customerActivityRecorderRef = createServiceRef<CustomerActivityRecorder>({
  id: 'customers.activity-recorder',
  description: 'Records a customer’s placed orders (first and last order, number of orders).',
});
