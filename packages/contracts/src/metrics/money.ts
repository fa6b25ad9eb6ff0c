/**
 * Money helpers. Orion stores money as integer minor units (cents) with an ISO 4217 code and
 * reports it in major units, rounded to the currency's own number of minor digits (2 for EUR,
 * 0 for JPY, 3 for KWD), which Node's ICU knows.
 */

const digitsCache = new Map<string, number>();

/** ISO 4217 codes: three upper-case letters. */
export const currencyCodePattern = /^[A-Z]{3}$/;

/**
 * How many minor digits a currency has: `currencyMinorDigits('EUR') === 2`, `('JPY') === 0`.
 *
 * @throws RangeError for a code that is not three upper-case letters.
 */
export function currencyMinorDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    if (!currencyCodePattern.test(currency)) throw new RangeError(`Not an ISO 4217 currency code: "${currency}"`);
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

/**
 * Minor units to major units, rounded to the currency's minor digits:
 * `minorToMajor(1299, 'EUR') === 12.99`, `minorToMajor(1299, 'JPY') === 1299`.
 *
 * @example
 * ```ts
 * import { minorToMajor } from '@orion/contracts';
 *
 * const value = minorToMajor(129_900, 'EUR'); // 1299; minorToMajor(1299, 'JPY') is 1299
 * ```
 */
export function minorToMajor(amountMinor: number, currency: string): number {
  const digits = currencyMinorDigits(currency);
  return roundTo(amountMinor / 10 ** digits, digits);
}

/** Rounds half away from zero to `digits` decimals, without binary drift (`roundTo(1.005, 2) === 1.01`). */
export function roundTo(value: number, digits: number): number {
  const factor = 10 ** digits;
  const shifted = Number(`${Math.abs(value)}e${digits}`);
  const rounded = Number.isFinite(shifted)
    ? Math.round(shifted) / factor
    : Math.round(Math.abs(value) * factor) / factor;
  return value < 0 ? -rounded : rounded;
}
