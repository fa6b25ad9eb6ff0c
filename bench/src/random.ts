/**
 * Seeded randomness for the generator and the harness: the same seed gives the same dataset and
 * the same sample of stores on every machine. The random source itself is `seededRandom` from
 * @orion/testing; this file adds the samplers and statistics the benchmark needs.
 */
import type { SeededRandom } from '@orion/testing';

/** The workspace's seeded random source, from @orion/testing (the tests and the demo seed use it too). */
export type Random = SeededRandom;

/**
 * A Zipf-like law over `n` items: item of rank r (1-based) has weight 1/r^s. The ranks are mapped
 * to item indexes through `order` (a permutation), so the big items are not simply the first ids.
 */
export class ZipfSampler {
  readonly #cumulative: Float64Array;
  readonly #order: readonly number[];

  constructor(order: readonly number[], exponent: number) {
    this.#order = order;
    this.#cumulative = new Float64Array(order.length);
    let sum = 0;
    for (let rank = 1; rank <= order.length; rank++) {
      sum += 1 / rank ** exponent;
      this.#cumulative[rank - 1] = sum;
    }
  }

  /** The weight share of each item index (sums to 1). */
  shares(): Float64Array {
    const total = this.#cumulative[this.#cumulative.length - 1]!;
    const shares = new Float64Array(this.#order.length);
    let previous = 0;
    for (let rank = 0; rank < this.#order.length; rank++) {
      shares[this.#order[rank]!] = (this.#cumulative[rank]! - previous) / total;
      previous = this.#cumulative[rank]!;
    }
    return shares;
  }

  /** One item index drawn by the law. */
  sample(random: Random): number {
    const cumulative = this.#cumulative;
    const target = random.next() * cumulative[cumulative.length - 1]!;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (cumulative[middle]! <= target) low = middle + 1;
      else high = middle;
    }
    return this.#order[low]!;
  }
}

/**
 * Splits `total` into whole counts proportional to `shares` (largest remainder), so the counts
 * sum exactly to `total`.
 */
export function distribute(total: number, shares: ArrayLike<number>): number[] {
  const counts: number[] = [];
  const remainders: { index: number; remainder: number }[] = [];
  let assigned = 0;
  for (let i = 0; i < shares.length; i++) {
    const exact = total * shares[i]!;
    const whole = Math.floor(exact);
    counts.push(whole);
    assigned += whole;
    remainders.push({ index: i, remainder: exact - whole });
  }
  remainders.sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (let k = 0; k < total - assigned; k++) counts[remainders[k % remainders.length]!.index]! += 1;
  return counts;
}

/** The p-th percentile (0–100) of `values`, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}
