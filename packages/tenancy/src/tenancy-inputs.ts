/**
 * The zod schemas {@link TenancyService} validates its inputs with, and the input types they
 * describe. Failing input becomes `ORION_ERR_VALIDATION` through `parseInput`.
 */
import { z } from 'zod';

import { currencySchema, idSchema } from '@orion/contracts';

export { idSchema };

/**
 * A platform or store code: lower-case letters and digits, words joined by `-` or `_`, such as
 * `eu-west` or `acme_berlin`.
 *
 * @example
 * ```ts
 * import { codeSchema } from './tenancy-inputs.js';
 *
 * codeSchema.parse('eu-west'); // 'eu-west'
 * ```
 */
export const codeSchema = z
  .string()
  .max(64)
  .regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/, 'Expected a lower-case code such as "eu-west"');

/**
 * A display name: trimmed, 1 to 255 characters.
 *
 * @example
 * ```ts
 * import { nameSchema } from './tenancy-inputs.js';
 *
 * nameSchema.parse('  Acme  '); // 'Acme'
 * ```
 */
export const nameSchema = z.string().trim().min(1).max(255);

/**
 * An e-mail address, trimmed and lower-cased so that uniqueness ignores case.
 *
 * @example
 * ```ts
 * import { emailSchema } from './tenancy-inputs.js';
 *
 * emailSchema.parse(' Ada@Example.com '); // 'ada@example.com'
 * ```
 */
export const emailSchema = z.string().trim().toLowerCase().pipe(z.email().max(320));

/**
 * A host name with at least two labels, trimmed and lower-cased, such as `shop.example.com`.
 *
 * @example
 * ```ts
 * import { domainSchema } from './tenancy-inputs.js';
 *
 * domainSchema.parse('Shop.Example.com'); // 'shop.example.com'
 * ```
 */
export const domainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(
    /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
    'Expected a host name such as "shop.example.com"',
  );

/**
 * A team role code, such as `owner`, `admin` or `staff`; modules define what each role may do.
 *
 * @example
 * ```ts
 * import { roleSchema } from './tenancy-inputs.js';
 *
 * roleSchema.parse('admin'); // 'admin'
 * ```
 */
export const roleSchema = z
  .string()
  .max(64)
  .regex(/^[a-z][a-z0-9_-]*$/, 'Expected a lower-case role code such as "admin"');

/**
 * Whether something is active (or verified): a JavaScript boolean.
 *
 * @example
 * ```ts
 * import { flagSchema } from './tenancy-inputs.js';
 *
 * flagSchema.parse(true); // true
 * ```
 */
export const flagSchema = z.boolean();

/**
 * What {@link TenancyService.createPlatform} accepts.
 *
 * @example
 * ```ts
 * import { createPlatformInputSchema } from './tenancy-inputs.js';
 *
 * createPlatformInputSchema.parse({ code: 'eu', name: 'Europe' });
 * ```
 */
export const createPlatformInputSchema = z.strictObject({ code: codeSchema, name: nameSchema });

/** What {@link TenancyService.createPlatform} accepts: `{ code, name }`. */
export type CreatePlatformInput = z.input<typeof createPlatformInputSchema>;

/**
 * What {@link TenancyService.createMerchant} accepts.
 *
 * @example
 * ```ts
 * import { createMerchantInputSchema } from './tenancy-inputs.js';
 *
 * createMerchantInputSchema.parse({ name: 'Acme' });
 * ```
 */
export const createMerchantInputSchema = z.strictObject({ name: nameSchema });

/** What {@link TenancyService.createMerchant} accepts: `{ name }`. */
export type CreateMerchantInput = z.input<typeof createMerchantInputSchema>;

/**
 * What {@link TenancyService.createStore} accepts.
 *
 * @example
 * ```ts
 * import { createStoreInputSchema } from './tenancy-inputs.js';
 *
 * createStoreInputSchema.parse({ merchantId: 1, code: 'acme-berlin', name: 'Acme Berlin', defaultCurrency: 'EUR' });
 * ```
 */
export const createStoreInputSchema = z.strictObject({
  merchantId: idSchema,
  code: codeSchema,
  name: nameSchema,
  defaultCurrency: currencySchema,
});

/** What {@link TenancyService.createStore} accepts: `{ merchantId, code, name, defaultCurrency }`. */
export type CreateStoreInput = z.input<typeof createStoreInputSchema>;

/**
 * What {@link TenancyService.createUser} accepts.
 *
 * @example
 * ```ts
 * import { createUserInputSchema } from './tenancy-inputs.js';
 *
 * createUserInputSchema.parse({ email: 'ada@example.com', name: 'Ada' });
 * ```
 */
export const createUserInputSchema = z.strictObject({ email: emailSchema, name: nameSchema });

/** What {@link TenancyService.createUser} accepts: `{ email, name }`. */
export type CreateUserInput = z.input<typeof createUserInputSchema>;

/**
 * What {@link TenancyService.addStoreUser} accepts.
 *
 * @example
 * ```ts
 * import { addStoreUserInputSchema } from './tenancy-inputs.js';
 *
 * addStoreUserInputSchema.parse({ storeId: 12, userId: 3, role: 'admin' });
 * ```
 */
export const addStoreUserInputSchema = z.strictObject({ storeId: idSchema, userId: idSchema, role: roleSchema });

/** What {@link TenancyService.addStoreUser} accepts: `{ storeId, userId, role }`. */
export type AddStoreUserInput = z.input<typeof addStoreUserInputSchema>;

/**
 * What {@link TenancyService.addDomain} accepts.
 *
 * @example
 * ```ts
 * import { addDomainInputSchema } from './tenancy-inputs.js';
 *
 * addDomainInputSchema.parse({ storeId: 12, domain: 'shop.example.com' });
 * ```
 */
export const addDomainInputSchema = z.strictObject({ storeId: idSchema, domain: domainSchema });

/** What {@link TenancyService.addDomain} accepts: `{ storeId, domain }`. */
export type AddDomainInput = z.input<typeof addDomainInputSchema>;
