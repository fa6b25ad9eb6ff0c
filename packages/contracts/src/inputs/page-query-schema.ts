import { z } from 'zod';

/** The most items one page returns. */
export const maxPageLimit = 200;

/** The largest offset a page may skip to: 2³¹ − 1, what PostgreSQL's `integer` holds. */
export const maxPageOffset = 2_147_483_647;

/** A whole number given as a number, or as decimal digits (a query string), within `[min, max]`. */
function wholeNumber(min: number, max: number) {
  return z
    .union([z.number(), z.string()])
    .transform((value, context) => {
      if (typeof value === 'number') return value;
      if (/^\d{1,16}$/.test(value)) return Number(value);
      context.addIssue({ code: 'custom', message: 'Expected a whole number in decimal digits, such as 50' });
      return z.NEVER;
    })
    .pipe(z.number().int().min(min).max(max));
}

/**
 * One page of a list, the same rule for every module route and service: `limit` 1 to
 * {@link maxPageLimit} (200) items, default 50; `offset` 0 to {@link maxPageOffset} (2³¹ − 1),
 * default 0. Each accepts a number or decimal digits (`"50"`, from a query string); `"0x10"`,
 * `"1e3"`, `" 5"` and `"5.0"` are refused.
 *
 * Spread its `shape` into a larger object: `z.strictObject({ storeId: idSchema, ...pageQuerySchema.shape })`.
 *
 * @example
 * ```ts
 * import { pageQuerySchema, parseInput } from '@orion/contracts';
 *
 * parseInput(pageQuerySchema, { limit: '20' }, 'query'); // { limit: 20, offset: 0 }
 * parseInput(pageQuerySchema, {}, 'query'); // { limit: 50, offset: 0 }; limit 500 throws ORION_ERR_VALIDATION
 * ```
 */
export const pageQuerySchema = z.object({
  limit: wholeNumber(1, maxPageLimit).default(50),
  offset: wholeNumber(0, maxPageOffset).default(0),
});

/** What {@link pageQuerySchema} accepts: `{ limit?, offset? }`. */
export type PageQuery = z.input<typeof pageQuerySchema>;
