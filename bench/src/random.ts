/**
 * Seeded randomness for the generator and the harness: the same seed gives the same dataset and
 * the same sample of stores on every machine.
 */

/** A seeded pseudo-random source (mulberry32: fast, 32-bit state, good enough for test data). */
export class Random {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One of `items`, by `weights` (same length). */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    let pick = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      pick -= weights[i]!;
      if (pick < 0) return items[i]!;
    }
    return items[items.length - 1]!;
  }

  /** A Fisher–Yates shuffle of `items`, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
}

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
