/** The customers module's input schemas: validated at the service's boundary with `parseInput`. */
import { idSchema, pageQuerySchema } from '@orion/contracts';
import { z } from 'zod';

/**
 * An e-mail address: trimmed, lower-cased, then checked as an address of at most 254 characters.
 *
 * @example
 * ```ts
 * import { customerEmailSchema } from '@orion/customers';
 * customerEmailSchema.parse('  Ada@Example.COM '); // 'ada@example.com'
 * ```
 */
export const customerEmailSchema = z.string().trim().toLowerCase().pipe(z.email().max(254));

/** A name part: trimmed, 1 to 100 characters, or `null` to clear it. */
const namePartSchema = z.string().trim().min(1).max(100).nullable();

/** A phone number as the customer gave it: digits, spaces and `+-()./`, 3 to 32 characters. */
const phoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()./-]{3,32}$/, 'Expected a phone number: digits, spaces and + - ( ) . /')
  .max(32)
  .nullable();

/** A BCP 47 language tag such as `de` or `fr-LU`. */
const localeSchema = z
  .string()
  .trim()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'Expected a language tag such as de or fr-LU')
  .max(16)
  .nullable();

/** An ISO-8601 timestamp with an offset, such as `2026-11-22T10:00:00Z`, normalised to UTC. */
const timestampSchema = z
  .union([z.iso.datetime({ offset: true }), z.date()])
  .transform((value) => new Date(value).toISOString());

/** The profile fields a customer has besides the e-mail. */
const profileShape = {
  firstName: namePartSchema.optional(),
  lastName: namePartSchema.optional(),
  phone: phoneSchema.optional(),
  locale: localeSchema.optional(),
};

/**
 * A new customer: the store, the e-mail (unique in the store), optional profile fields, and
 * optionally when it was created (imports; default now).
 *
 * @example
 * ```ts
 * import { createCustomerInputSchema } from '@orion/customers';
 * createCustomerInputSchema.parse({ storeId: 12, email: 'Ada@Example.com', firstName: 'Ada' }).email; // 'ada@example.com'
 * ```
 */
export const createCustomerInputSchema = z.strictObject({
  storeId: idSchema,
  email: customerEmailSchema,
  ...profileShape,
  isActive: z.boolean().optional(),
  createdAt: timestampSchema.optional(),
});

/** What {@link CustomersService.create} takes. */
export type CreateCustomerInput = z.input<typeof createCustomerInputSchema>;

/**
 * Changes to a customer: any of the e-mail and the profile fields; `null` clears a profile field.
 *
 * @example
 * ```ts
 * import { updateCustomerInputSchema } from '@orion/customers';
 * updateCustomerInputSchema.parse({ lastName: 'Lovelace', phone: null });
 * ```
 */
export const updateCustomerInputSchema = z
  .strictObject({ email: customerEmailSchema.optional(), ...profileShape })
  .refine((changes) => Object.values(changes).some((value) => value !== undefined), 'Expected at least one change');

/** What {@link CustomersService.update} takes. */
export type UpdateCustomerInput = z.input<typeof updateCustomerInputSchema>;

/**
 * Limits a read or change of one customer to one store's customers.
 *
 * @example
 * ```ts
 * import { customerScopeSchema } from '@orion/customers';
 * customerScopeSchema.parse({ storeId: 12 }); // { storeId: 12 }
 * ```
 */
export const customerScopeSchema = z.strictObject({ storeId: idSchema.optional() });

/** A store to which a read or change of one customer is limited: another store's customer is not found. */
export type CustomerScope = z.input<typeof customerScopeSchema>;

/**
 * One page of a store's customers, newest first: `search` (an e-mail or name prefix, case does not
 * matter), `limit` (1 to 200, default 50), and either `offset` or the keyset cursor `before` (the
 * `nextBefore` of the previous page), not both.
 *
 * @example
 * ```ts
 * import { listCustomersInputSchema } from '@orion/customers';
 * listCustomersInputSchema.parse({ storeId: 12, search: 'Ada' }).search; // 'ada'
 * ```
 */
export const listCustomersInputSchema = z
  .strictObject({
    storeId: idSchema,
    search: z.string().trim().toLowerCase().min(1).max(254).optional(),
    limit: pageQuerySchema.shape.limit,
    offset: pageQuerySchema.shape.offset.unwrap().optional(),
    before: idSchema.optional(),
  })
  .refine((input) => input.offset === undefined || input.before === undefined, {
    message: 'Give offset or before, not both',
    path: ['before'],
  });

/** What {@link CustomersService.list} takes. */
export type ListCustomersInput = z.input<typeof listCustomersInputSchema>;

/**
 * The order a module reports to the activity recorder.
 *
 * @example
 * ```ts
 * import { customerOrderActivitySchema } from '@orion/customers';
 * customerOrderActivitySchema.parse({ storeId: 12, email: 'ADA@example.com', placedAt: '2026-11-22T10:00:00Z' });
 * ```
 */
export const customerOrderActivitySchema = z.object({
  storeId: idSchema,
  email: customerEmailSchema,
  placedAt: timestampSchema,
});
