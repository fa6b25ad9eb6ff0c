/** The UTC units a rollup table can keep a row per: whole days or whole hours. */
export type WindowUnit = 'day' | 'hour';

const unitMs: Record<WindowUnit, number> = { day: 86_400_000, hour: 3_600_000 };

/**
 * One signed part of a window `[from, to)`, in milliseconds since the epoch: whole units
 * (`source` is the unit, read from the rollup rows of those units) or less than one unit
 * (`source: 'rows'`, counted from the rows themselves). `sign` says whether its count is added
 * (`1`) or taken away (`-1`). See {@link splitWindow}.
 */
export interface WindowPart<Unit extends WindowUnit = WindowUnit> {
  /** `1`: add this part's count; `-1`: take it away. */
  sign: 1 | -1;
  /** The unit: whole units, from the rollup rows; `'rows'`: less than one unit, from the rows themselves. */
  source: Unit | 'rows';
  /** The part's start (included), in milliseconds since the epoch. */
  from: number;
  /** The part's end (excluded), in milliseconds since the epoch. */
  to: number;
}

/** What {@link splitWindow} splits: the window `[from, to)` in milliseconds, and the unit of the rollup rows. */
export interface SplitWindowOptions<Unit extends WindowUnit> {
  /** The window's start (included), in milliseconds since the epoch. */
  from: number;
  /** The window's end (excluded), in milliseconds since the epoch. */
  to: number;
  /** The UTC unit the rollup keeps a row per. */
  unit: Unit;
}

/**
 * Splits the window `[from, to)` into signed parts whose counts add up to exactly the window's,
 * for a dashboard that keeps a rollup row per UTC day or hour: at most one run of whole units, and
 * for each boundary inside a unit the shorter side of that unit, counted from the rows themselves,
 * added (the part inside the window) or taken away (the part outside it, with its whole unit added).
 * So each boundary reads at most half a unit of rows, however long the window is.
 *
 * A window inside one unit is read as its own rows when it is at most half the unit, otherwise as
 * the whole unit less the rows around it. An empty window (`from >= to`) has no parts. The parts
 * come in time order and none is empty.
 *
 * @example
 * ```ts
 * import { splitWindow, type WindowPart } from '@orion/contracts';
 *
 * // the products created in one part: a sum over daily rollup rows, or a count of `products`
 * declare function countProducts(part: WindowPart<'day'>): Promise<number>;
 *
 * const parts = splitWindow({
 *   from: Date.parse('2026-10-01T20:00:00.000Z'),
 *   to: Date.parse('2026-10-04T19:00:00.000Z'),
 *   unit: 'day',
 * });
 * // + rows [10-01T20:00, 10-02T00:00)   the 4 hours after `from`
 * // + day  [10-02T00:00, 10-05T00:00)   three daily rows
 * // - rows [10-04T19:00, 10-05T00:00)   the 5 hours after `to`
 * let created = 0;
 * for (const part of parts) created += part.sign * (await countProducts(part));
 * ```
 */
export function splitWindow<Unit extends WindowUnit>({ from, to, unit }: SplitWindowOptions<Unit>): WindowPart<Unit>[] {
  if (!(from < to)) return [];
  const size = unitMs[unit];
  const floor = (at: number) => Math.floor(at / size) * size;
  const rows = (sign: 1 | -1, a: number, b: number): WindowPart<Unit> => ({ sign, source: 'rows', from: a, to: b });
  const units = (a: number, b: number): WindowPart<Unit> => ({ sign: 1, source: unit, from: a, to: b });

  const first = floor(from);
  if (from !== first && floor(to) === first) {
    // both ends inside one unit: the rows between them, or the unit less the rows around them
    if (to - from <= size / 2) return [rows(1, from, to)];
    return [rows(-1, first, from), units(first, first + size), rows(-1, to, first + size)];
  }
  const before: WindowPart<Unit>[] = [];
  const after: WindowPart<Unit>[] = [];
  let start = from;
  if (from !== first) {
    if (first + size - from <= size / 2) {
      start = first + size;
      before.push(rows(1, from, start));
    } else {
      start = first;
      before.push(rows(-1, first, from));
    }
  }
  let end = to;
  const last = floor(to);
  if (to !== last) {
    if (to - last <= size / 2) {
      end = last;
      after.push(rows(1, last, to));
    } else {
      end = last + size;
      after.push(rows(-1, to, end));
    }
  }
  return [...before, ...(start < end ? [units(start, end)] : []), ...after];
}
