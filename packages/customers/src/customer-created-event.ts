import { createEventRef } from '@orion/contracts';
import { z } from 'zod';

/**
 * The payload of `customers.created`, validated when the customers module publishes it. `via` says
 * how the customer came to be: `create` (the service or the store route) or `order` (its first
 * recorded order).
 *
 * @example
 * ```ts
 * import { customerCreatedEventSchema } from '@orion/customers';
 * customerCreatedEventSchema.parse({ customerId: 7, storeId: 12, email: 'ada@example.com', via: 'order' });
 * ```
 */
export const customerCreatedEventSchema = z.object({
  customerId: z.number().int().positive(),
  storeId: z.number().int().positive(),
  /** Trimmed and lower-case. */
  email: z.string(),
  via: z.enum(['create', 'order']),
});

/** What a subscriber of `customers.created` receives as `payload`. */
export type CustomerCreated = z.infer<typeof customerCreatedEventSchema>;

/**
 * `customers.created`: published by the customers module once a new customer is written (after the
 * transaction commits, when there is one), on the platform the service was given. Subscribers in
 * other packages may write `createEventRef<{ customerId: number; storeId: number }>('customers.created')`
 * instead of importing `@orion/customers`.
 *
 * @example
 * ```ts
 * import { customerCreatedEventRef } from '@orion/customers';
 * orion.events.on(customerCreatedEventRef, ({ platformId, payload }) => console.log(platformId, payload.email));
 * ```
 */
export const customerCreatedEventRef = createEventRef('customers.created', customerCreatedEventSchema);
