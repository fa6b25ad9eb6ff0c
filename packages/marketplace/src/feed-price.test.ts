import { describe, expect, it } from 'vitest';
import { parseFeedPrice } from './feed-price.js';

describe('parseFeedPrice', () => {
  it.each([
    ['12.99 EUR', { amount: 1299, currency: 'EUR' }],
    ['12,99 EUR', { amount: 1299, currency: 'EUR' }],
    ['12.9 usd', { amount: 1290, currency: 'USD' }],
    ['7 EUR', { amount: 700, currency: 'EUR' }],
    ['1299 JPY', { amount: 1299, currency: 'JPY' }],
    ['0.10 EUR', { amount: 10, currency: 'EUR' }],
    ['1.234 KWD', { amount: 1234, currency: 'KWD' }],
    [' 19.99EUR ', { amount: 1999, currency: 'EUR' }],
    ['999999999999.99 EUR', { amount: 99_999_999_999_999, currency: 'EUR' }],
  ])('%s → %o, exactly', (text, expected) => {
    expect(parseFeedPrice(text)).toEqual(expected);
  });

  it.each([
    ['12.999 EUR', 'more decimals than EUR allows (2)'],
    ['12.5 JPY', 'more decimals than JPY allows (0)'],
    ['-3.00 EUR', 'is not "<amount> <ISO currency>"'],
    ['12.99', 'is not "<amount> <ISO currency>"'],
    ['EUR 12.99', 'is not "<amount> <ISO currency>"'],
    ['', 'is not "<amount> <ISO currency>"'],
    ['1e3 EUR', 'is not "<amount> <ISO currency>"'],
  ])('refuses %s with a reason', (text, reason) => {
    expect(parseFeedPrice(text)).toContain(reason);
  });
});
