import { z } from 'zod';

/** The longest SKU Orion accepts: what the narrowest SKU column (catalog's and orders' `varchar(64)`) stores. */
export const maxSkuLength = 64;

/**
 * A stock keeping unit, one rule for every module (catalog, inventory, orders and marketplace feeds):
 * trimmed, then 1 to {@link maxSkuLength} (64) letters, marks, digits, punctuation or symbols: no
 * spaces, no control or format characters (so no NUL). Compared exactly: `a-1` and `A-1` differ.
 *
 * Why 64: one SKU travels from a marketplace feed into catalog and inventory and then into order
 * lines; catalog and orders store `varchar(64)` and inventory `varchar(128)`, so 64 is the longest
 * SKU every module can store. Why no spaces: a SKU is an identifier that is typed, scanned and
 * put in URLs; `TSHIRT RED M` and `TSHIRT  RED M` looking alike is a source of duplicates. Length
 * counts UTF-16 code units, never more than the characters PostgreSQL counts.
 *
 * @example
 * ```ts
 * import { parseInput, skuSchema } from '@orion/contracts';
 *
 * skuSchema.parse(' MUG-01 '); // 'MUG-01'
 * skuSchema.safeParse('MUG 01').success; // false: no spaces
 * const sku = parseInput(skuSchema, 'shirt/blue.xl', 'sku'); // a bad SKU throws ORION_ERR_VALIDATION
 * ```
 */
export const skuSchema = z
  .string()
  .trim()
  .min(1)
  .max(maxSkuLength)
  .regex(
    /^[\p{L}\p{M}\p{N}\p{P}\p{S}]+$/u,
    'Expected a SKU of letters, digits, punctuation or symbols without spaces or control characters, such as "MUG-01"',
  );
