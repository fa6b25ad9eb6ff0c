import { z } from 'zod';

/**
 * A database id: a positive integer that fits PostgreSQL's `integer` (Orion's ids are `integer`
 * on both databases, so the pg driver returns them as numbers).
 *
 * @example
 * ```ts
 * import { idSchema, parseInput } from '@orion/contracts';
 * const storeId = parseInput(idSchema, input, 'storeId');
 * ```
 */
export const idSchema = z.number().int().positive().max(2_147_483_647);
