import { z } from 'zod';

/**
 * A database id: a positive integer that fits PostgreSQL's `integer` (Orion's ids are `integer`
 * on both databases, so the pg driver returns them as numbers).
 *
 * @example
 * ```ts
 * import { idSchema, parseInput } from '@orion/contracts';
 *
 * const storeId = parseInput(idSchema, 12, 'storeId'); // 12; 0, -1 and 1.5 throw ORION_ERR_VALIDATION
 * ```
 */
export const idSchema = z.number().int().positive().max(2_147_483_647);
