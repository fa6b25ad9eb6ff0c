/** The customers module's typed parts kit. */
import { moduleKit } from '@orion/contracts';
import type { CustomersConfig } from './customers-config.js';
import type { CustomersDatabase } from './schema.js';

/**
 * Types the customers module's routes, service provision and metrics provider, written in their
 * own files: their `db` is a `Kysely<CustomersDatabase>` and a route's `config` a `CustomersConfig`.
 *
 * @example
 * ```ts
 * import { customersKit } from './customers-kit.js';
 * const countCustomers = customersKit.route({
 *   method: 'GET',
 *   path: '/count',
 *   handler: ({ db }) => db.selectFrom('customers').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
 * });
 * ```
 */
export const customersKit = moduleKit<CustomersDatabase, CustomersConfig>();
