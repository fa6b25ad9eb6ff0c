import { z } from 'zod';

/**
 * The module's configuration. Environment variables arrive as text, so numbers use `z.coerce`:
 * `__CONST___PAGE_SIZE=20` sets `pageSize`.
 */
export const __camel__ConfigSchema = z.object({
  /** How many items the list route answers with at most. */
  pageSize: z.coerce.number().int().min(1).max(200),
});

/** The module's validated configuration. */
export type __Pascal__Config = z.output<typeof __camel__ConfigSchema>;
