import { describe, expect, it } from 'vitest';
import { currencyMinorDigits, minorToMajor, roundTo } from './money.js';

describe('money', () => {
  it('knows each currency’s minor digits', () => {
    expect(currencyMinorDigits('EUR')).toBe(2);
    expect(currencyMinorDigits('JPY')).toBe(0);
    expect(currencyMinorDigits('KWD')).toBe(3);
    expect(() => currencyMinorDigits('eur')).toThrow(RangeError);
  });

  it('turns minor units into major units rounded to the currency', () => {
    expect(minorToMajor(1299, 'EUR')).toBe(12.99);
    expect(minorToMajor(1299, 'JPY')).toBe(1299);
    expect(minorToMajor(12345, 'KWD')).toBe(12.345);
    expect(minorToMajor(-5, 'EUR')).toBe(-0.05);
    expect(minorToMajor(900_719_925_474, 'EUR')).toBe(9_007_199_254.74);
  });

  it('rounds half away from zero without binary drift', () => {
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(2.675, 2)).toBe(2.68);
    expect(roundTo(-1.005, 2)).toBe(-1.01);
    expect(roundTo(10 / 3, 1)).toBe(3.3);
  });
});
