/**
 * Readable order numbers for orders placed without one.
 */
import { randomInt } from 'node:crypto';

/** Crockford's base 32: digits and upper-case letters without I, L, O and U, easy to read aloud. */
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A new order number `ORD-<yyyymmdd>-<6 random characters>`, such as `ORD-20261122-7KQ2MX`, from
 * the UTC date of `createdAt`. Six characters give 2^30 numbers per day; the service retries on
 * the rare clash within a store.
 *
 * @example
 * ```ts
 * import { generateOrderNumber } from './order-number.js';
 *
 * generateOrderNumber('2026-11-22T10:00:00.000Z'); // 'ORD-20261122-7KQ2MX'
 * ```
 */
export function generateOrderNumber(createdAt: string): string {
  let suffix = '';
  for (let i = 0; i < 6; i++) suffix += alphabet[randomInt(alphabet.length)];
  return `ORD-${createdAt.slice(0, 10).replace(/-/g, '')}-${suffix}`;
}
