/** The orders module's typed parts kit. */
import { moduleKit } from '@orion/contracts';
import type { OrdersDatabase } from './schema.js';

/**
 * Types the orders module's routes, tasks and metrics provider with {@link OrdersDatabase}: their
 * `db` is a `Kysely<OrdersDatabase>`, so a misspelt table or column is a compile error.
 *
 * @example
 * ```ts
 * import { ordersKit } from './orders-kit.js';
 * const countOrders = ordersKit.route({
 *   method: 'GET',
 *   path: '/count',
 *   handler: ({ db }) => db.selectFrom('orders').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
 * });
 * ```
 */
export const ordersKit = moduleKit<OrdersDatabase>();
