import { currencyMinorDigits, isCurrencyCode } from '@orion/contracts';

/** A feed price in minor units of its currency. */
export interface FeedPrice {
  amount: number;
  currency: string;
}

const pricePattern = /^(\d{1,12})(?:[.,](\d+))?\s*([A-Za-z]{3})$/;

/**
 * Parses a merchant-feed price such as `12.99 EUR` (or `12,99 EUR`, `1299 JPY`) into exact minor
 * units, without floating point. Returns a reason when it can not.
 *
 * @example
 * ```ts
 * import { parseFeedPrice } from '@orion/marketplace';
 *
 * parseFeedPrice('12.99 EUR'); // { amount: 1299, currency: 'EUR' }
 * parseFeedPrice('12.999 EUR'); // 'price "12.999 EUR" has more decimals than EUR allows (2)'
 * ```
 */
export function parseFeedPrice(text: string): FeedPrice | string {
  const match = pricePattern.exec(text.trim());
  if (!match) return `price "${text}" is not "<amount> <ISO currency>", such as "12.99 EUR"`;
  const [, whole, fraction = '', code] = match as unknown as [string, string, string | undefined, string];
  const currency = code.toUpperCase();
  if (!isCurrencyCode(currency)) return `price "${text}" has no ISO 4217 currency code in use (such as EUR)`;
  let digits: number;
  try {
    digits = currencyMinorDigits(currency);
  } catch {
    return `price "${text}" has an unknown currency "${currency}"`;
  }
  if (fraction.length > digits) return `price "${text}" has more decimals than ${currency} allows (${digits})`;
  return { amount: Number(whole + fraction.padEnd(digits, '0')), currency };
}
