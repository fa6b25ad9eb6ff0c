/**
 * Exact averages of money amounts in minor units.
 */

/**
 * `totalMinor / count`, computed exactly and rounded half away from zero to a whole minor unit:
 * `averageMinorUnits(3n, 2n) === 2n` (1.5 cents → 2 cents), `averageMinorUnits(100n, 3n) === 33n`,
 * `averageMinorUnits(-3n, 2n) === -2n`. `BigInt` keeps it exact for totals beyond 2^53.
 *
 * @throws RangeError when `count` is not positive.
 * @example
 * ```ts
 * import { averageMinorUnits } from './average-minor-units.js';
 * import { minorToMajor } from '@orion/contracts';
 * const aov = minorToMajor(Number(averageMinorUnits(10_001n, 2n)), 'EUR'); // 50.01
 * ```
 */
export function averageMinorUnits(totalMinor: bigint, count: bigint): bigint {
  if (count <= 0n) throw new RangeError(`Can not average over ${count} orders`);
  const magnitude = totalMinor < 0n ? -totalMinor : totalMinor;
  const quotient = magnitude / count;
  const rounded = (magnitude % count) * 2n >= count ? quotient + 1n : quotient;
  return totalMinor < 0n ? -rounded : rounded;
}

/**
 * A count or sum of minor units as the database returns it (a number from SQLite, a string from
 * PostgreSQL's `bigint` and `numeric`, `null` for an empty sum) as a `BigInt`.
 *
 * @example
 * ```ts
 * import { toBigInt } from './average-minor-units.js';
 *
 * toBigInt('90071992547409930'); // 90071992547409930n
 * toBigInt(null); // 0n
 * ```
 */
export function toBigInt(value: unknown): bigint {
  if (value === null || value === undefined) return 0n;
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return BigInt(Math.trunc(value));
  return BigInt(value as string);
}
