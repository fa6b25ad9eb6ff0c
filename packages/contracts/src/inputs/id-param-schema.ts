import { z } from 'zod';
import { idSchema } from '../database/id-schema.js';

/**
 * An id that arrives as text (a path parameter, a header, a command-line option): decimal digits
 * only, without a leading zero, sign, space, exponent, hex prefix or decimal point, parsed into an
 * {@link idSchema} number (1 to 2³¹ − 1). `"12"` is 12; `"0x10"`, `"1e3"`, `" 12"`, `"12.0"`, `""`,
 * `"-1"`, `"0"`, `"012"` and more than 15 digits are refused.
 *
 * @example
 * ```ts
 * import { idParamSchema, parseInput } from '@orion/contracts';
 * import { z } from 'zod';
 *
 * const storeId = parseInput(idParamSchema, '12', 'storeId'); // 12; '0x10' throws ORION_ERR_VALIDATION
 * const params = z.object({ orderId: idParamSchema }); // for a route's path parameters
 * ```
 */
export const idParamSchema = z
  .string()
  .regex(/^[1-9]\d{0,14}$/, 'Expected a positive whole number in decimal digits, such as 12')
  .transform(Number)
  .pipe(idSchema);
