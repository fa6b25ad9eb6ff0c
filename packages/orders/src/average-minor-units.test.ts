import { describe, expect, it } from 'vitest';
import { averageMinorUnits, toBigInt } from './average-minor-units.js';

describe('averageMinorUnits', () => {
  it('rounds half away from zero at the minor unit', () => {
    expect(averageMinorUnits(3n, 2n)).toBe(2n);
    expect(averageMinorUnits(5n, 4n)).toBe(1n);
    expect(averageMinorUnits(6n, 4n)).toBe(2n);
    expect(averageMinorUnits(100n, 3n)).toBe(33n);
    expect(averageMinorUnits(200n, 3n)).toBe(67n);
    expect(averageMinorUnits(0n, 7n)).toBe(0n);
    expect(averageMinorUnits(-3n, 2n)).toBe(-2n);
    expect(averageMinorUnits(-100n, 3n)).toBe(-33n);
  });

  it('stays exact beyond 2^53', () => {
    const total = 2n ** 60n + 1n;
    expect(averageMinorUnits(total, 2n)).toBe(2n ** 59n + 1n);
    expect(() => averageMinorUnits(1n, 0n)).toThrow(RangeError);
  });

  it('reads database sums', () => {
    expect(toBigInt(null)).toBe(0n);
    expect(toBigInt(42)).toBe(42n);
    expect(toBigInt('90071992547409930')).toBe(90_071_992_547_409_930n);
  });
});
