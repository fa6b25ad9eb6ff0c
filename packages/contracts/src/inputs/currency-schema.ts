import { z } from 'zod';

let currencyCodes: ReadonlySet<string> | undefined;

/**
 * Whether `code` is an ISO 4217 currency code in use, as Node's ICU lists them
 * (`Intl.supportedValuesOf('currency')`): `EUR`, `JPY` and `KWD` are, `QQQ`, `XYZ` and `eur` are not.
 *
 * @example
 * ```ts
 * import { isCurrencyCode } from '@orion/contracts';
 *
 * isCurrencyCode('EUR'); // true
 * isCurrencyCode('QQQ'); // false
 * ```
 */
export function isCurrencyCode(code: string): boolean {
  currencyCodes ??= new Set(Intl.supportedValuesOf('currency'));
  return currencyCodes.has(code);
}

/**
 * An ISO 4217 currency code in upper case that is in use, such as `EUR`, checked against
 * `Intl.supportedValuesOf('currency')` (a list the ICU project keeps current), so made-up codes such
 * as `QQQ` or `XYZ` are refused. Amounts are integer minor units: {@link currencyMinorDigits} gives
 * each currency's real number of minor digits (2 for EUR, 0 for JPY, 3 for KWD).
 *
 * @example
 * ```ts
 * import { currencySchema, parseInput } from '@orion/contracts';
 *
 * const currency = parseInput(currencySchema, 'JPY', 'currency'); // 'JPY'; 'QQQ' throws ORION_ERR_VALIDATION
 * ```
 */
export const currencySchema = z
  .string()
  .refine(isCurrencyCode, 'Expected an ISO 4217 currency code in use, such as "EUR"');
