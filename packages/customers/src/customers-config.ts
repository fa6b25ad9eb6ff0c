import { z } from 'zod';

/**
 * The customers module's configuration. Environment variables arrive as text, so numbers use
 * `z.coerce`: `CUSTOMERS_PAGE_SIZE=20` sets `pageSize`.
 *
 * @example
 * ```ts
 * import { customersConfigSchema } from '@orion/customers';
 * customersConfigSchema.parse({ pageSize: '20' }).pageSize; // 20
 * ```
 */
export const customersConfigSchema = z.object({
  /** How many customers a list route answers with when the request gives no `limit` (1 to 200). */
  pageSize: z.coerce.number().int().min(1).max(200),
});

/** The customers module's validated configuration. */
export type CustomersConfig = z.output<typeof customersConfigSchema>;
