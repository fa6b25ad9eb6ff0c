/** A seeded random source; see {@link seededRandom}. */
export interface SeededRandom {
  /** A number in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** True with `probability`. */
  chance(probability: number): boolean;
  /** One of `items`, each as likely. */
  pick<T>(items: readonly T[]): T;
  /** One of `items`, each as likely as its weight (`weights` has the same length). */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** A copy of `items` in random order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
}

/**
 * A seeded pseudo-random source (mulberry32: fast, 32-bit state, good enough for test data), so
 * generated data is the same on every run and every machine. The seed is a number, or a text
 * (a store code, say; hashed with FNV-1a) so that each part of a data set draws from a stream of
 * its own and does not change when another part changes. The workspace's tests, the demo's seed
 * and the benchmark's data generator all draw from it.
 *
 * @example
 * ```ts
 * import { seededRandom } from '@orion/testing';
 *
 * const random = seededRandom('orders');
 * const quantity = random.int(1, 6); // the same on every run
 * const status = random.weighted(['paid', 'cancelled'], [0.9, 0.1]);
 * ```
 */
export function seededRandom(seed: number | string): SeededRandom {
  let state = (typeof seed === 'number' ? seed : hashText(seed)) >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    weighted: (items, weights) => {
      const total = weights.reduce((sum, weight) => sum + weight, 0);
      let roll = next() * total;
      for (let index = 0; index < items.length; index++) {
        roll -= weights[index]!;
        if (roll < 0) return items[index]!;
      }
      return items[items.length - 1]!;
    },
    shuffle: (items) => {
      const copy = [...items];
      for (let index = copy.length - 1; index > 0; index--) {
        const other = Math.floor(next() * (index + 1));
        [copy[index], copy[other]] = [copy[other]!, copy[index]!];
      }
      return copy;
    },
  };
}

/** FNV-1a of a text: a 32-bit seed. */
function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
