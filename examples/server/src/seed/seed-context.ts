import type { Orion } from '@orion/core';

/** What every step of the demo seed works with. */
export interface SeedContext {
  orion: Orion;
  /** Progress lines: one per step and a few per long step, never one per row. */
  log: (line: string) => void;
  /** 1 for the full demo; tests pass e.g. 0.05 for fewer orders and products. */
  scale: number;
  /** The moment the demo's year of orders ends. */
  now: Date;
}

/** `12000` → `12,000`. */
export function count(value: number): string {
  return value.toLocaleString('en');
}

/** Seconds since `startedMs`, for progress lines: `3.2 s`. */
export function elapsed(startedMs: number): string {
  return `${((performance.now() - startedMs) / 1000).toFixed(1)} s`;
}

/** Splits `items` into runs of `size`, for one transaction each. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const runs: T[][] = [];
  for (let start = 0; start < items.length; start += size) runs.push(items.slice(start, start + size));
  return runs;
}
