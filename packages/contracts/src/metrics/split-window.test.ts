import { describe, expect, it } from 'vitest';
import { splitWindow, type WindowPart } from './split-window.js';

const hour = 3_600_000;
const day = 24 * hour;
const at = (iso: string) => Date.parse(iso);

/** How many times the signed parts cover the instant `t`: 1 inside the window, 0 outside, when exact. */
function coverage(parts: WindowPart[], t: number): number {
  return parts.reduce((sum, part) => sum + (part.from <= t && t < part.to ? part.sign : 0), 0);
}

describe('splitWindow', () => {
  it('reads whole days from the rollup and the shorter side of each cut day from the rows', () => {
    expect(
      splitWindow({ from: at('2026-10-01T20:00:00.000Z'), to: at('2026-10-04T19:00:00.000Z'), unit: 'day' }),
    ).toEqual([
      { sign: 1, source: 'rows', from: at('2026-10-01T20:00:00.000Z'), to: at('2026-10-02T00:00:00.000Z') },
      { sign: 1, source: 'day', from: at('2026-10-02T00:00:00.000Z'), to: at('2026-10-05T00:00:00.000Z') },
      { sign: -1, source: 'rows', from: at('2026-10-04T19:00:00.000Z'), to: at('2026-10-05T00:00:00.000Z') },
    ]);
    expect(
      splitWindow({ from: at('2026-10-01T04:00:00.000Z'), to: at('2026-10-04T05:00:00.000Z'), unit: 'day' }),
    ).toEqual([
      { sign: -1, source: 'rows', from: at('2026-10-01T00:00:00.000Z'), to: at('2026-10-01T04:00:00.000Z') },
      { sign: 1, source: 'day', from: at('2026-10-01T00:00:00.000Z'), to: at('2026-10-04T00:00:00.000Z') },
      { sign: 1, source: 'rows', from: at('2026-10-04T00:00:00.000Z'), to: at('2026-10-04T05:00:00.000Z') },
    ]);
  });

  it('reads a window on whole units from the rollup alone', () => {
    const from = at('2026-10-01T00:00:00.000Z');
    expect(splitWindow({ from, to: from + 30 * day, unit: 'day' })).toEqual([
      { sign: 1, source: 'day', from, to: from + 30 * day },
    ]);
    expect(splitWindow({ from, to: from + 5 * hour, unit: 'hour' })).toEqual([
      { sign: 1, source: 'hour', from, to: from + 5 * hour },
    ]);
  });

  it('reads a window inside one unit as its own rows, or as the unit less the rows around it', () => {
    const midnight = at('2026-10-01T00:00:00.000Z');
    expect(splitWindow({ from: midnight + 2 * hour, to: midnight + 9 * hour, unit: 'day' })).toEqual([
      { sign: 1, source: 'rows', from: midnight + 2 * hour, to: midnight + 9 * hour },
    ]);
    expect(splitWindow({ from: midnight + 2 * hour, to: midnight + 21 * hour, unit: 'day' })).toEqual([
      { sign: -1, source: 'rows', from: midnight, to: midnight + 2 * hour },
      { sign: 1, source: 'day', from: midnight, to: midnight + day },
      { sign: -1, source: 'rows', from: midnight + 21 * hour, to: midnight + day },
    ]);
  });

  it('has no parts for an empty or reversed window', () => {
    const from = at('2026-10-01T10:00:00.000Z');
    expect(splitWindow({ from, to: from, unit: 'day' })).toEqual([]);
    expect(splitWindow({ from, to: from - hour, unit: 'hour' })).toEqual([]);
    expect(splitWindow({ from: Number.NaN, to: from, unit: 'day' })).toEqual([]);
  });

  // Every window whose ends lie on a grid finer than the unit (before and after the epoch, on and
  // off unit boundaries): the parts are whole units or under half a unit of rows per boundary, and
  // their signs cover each instant of the window exactly once and each instant outside it not at all.
  // Part ends lie on the grid too, so checking the grid points and the points between them is exhaustive.
  it.each([
    ['day', 3 * hour, -2 * day, 3 * day],
    ['hour', 10 * 60_000, -2 * hour, 3 * hour],
    ['hour', 7 * 60_000, 5 * day - 1 * hour, 5 * day + 2 * hour],
  ] as const)('adds up to exactly the window: unit %s, every pair on a %d ms grid', (unit, step, first, last) => {
    const size = unit === 'day' ? day : hour;
    const grid: number[] = [];
    for (let t = first; t <= last; t += step) grid.push(t);
    let windows = 0;
    for (const from of grid)
      for (const to of grid) {
        if (to <= from) continue;
        windows++;
        const parts = splitWindow({ from, to, unit });
        const rows = parts.filter((part) => part.source === 'rows');
        const units = parts.filter((part) => part.source === unit);
        expect(parts.every((part) => part.from < part.to)).toBe(true);
        expect(parts.map((part) => part.from)).toEqual(parts.map((part) => part.from).sort((a, b) => a - b));
        expect(units.length).toBeLessThanOrEqual(1);
        for (const part of units) {
          expect(part.sign).toBe(1);
          expect(Math.abs(part.from % size)).toBe(0);
          expect(Math.abs(part.to % size)).toBe(0);
        }
        expect(rows.length).toBeLessThanOrEqual(2);
        for (const part of rows) expect(Math.floor(part.from / size)).toBe(Math.floor((part.to - 1) / size));
        expect(rows.reduce((sum, part) => sum + part.to - part.from, 0)).toBeLessThanOrEqual(size);
        for (const t of grid.flatMap((point) => [point - step / 2, point, point + step / 2]))
          if (coverage(parts, t) !== (from <= t && t < to ? 1 : 0))
            expect.fail(`[${from}, ${to}) covers ${t} ${coverage(parts, t)} times: ${JSON.stringify(parts)}`);
      }
    expect(windows).toBeGreaterThan(100);
  });

  it('reads at most half a unit of rows at each boundary', () => {
    const midnight = at('2026-10-01T00:00:00.000Z');
    for (let offset = 1; offset < day; offset += 997_331) {
      const parts = splitWindow({ from: midnight + offset, to: midnight + 3 * day + offset, unit: 'day' });
      for (const part of parts.filter((p) => p.source === 'rows'))
        expect(part.to - part.from).toBeLessThanOrEqual(day / 2);
    }
  });
});
