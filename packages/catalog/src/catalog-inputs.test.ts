import { describe, expect, it } from 'vitest';
import {
  currencySchema,
  priceSchema,
  productBatchSchema,
  skuSchema,
  updateProductInputSchema,
} from './catalog-inputs.js';

describe('catalog input schemas', () => {
  it('accept trimmed SKUs without spaces, up to 64 characters, keeping their case', () => {
    for (const good of ['MUG-01', 'mug-01', 'shirt/blue.xl', 'A', 'ÄPFEL_1', '#42', 'x'.repeat(64)]) {
      expect(skuSchema.safeParse(good).success).toBe(true);
    }
    expect(skuSchema.parse('  MUG-01 ')).toBe('MUG-01');
    for (const bad of ['', '   ', 'MUG 01', 'MUG\t01', 'MUG\u000001', 'x'.repeat(65), 42]) {
      expect(skuSchema.safeParse(bad).success).toBe(false);
    }
  });

  it('accept prices as safe non-negative integers of minor units', () => {
    for (const good of [0, 1, 1299, Number.MAX_SAFE_INTEGER]) expect(priceSchema.safeParse(good).success).toBe(true);
    for (const bad of [-1, 12.99, Number.MAX_SAFE_INTEGER + 1, Number.NaN, Number.POSITIVE_INFINITY, '1299']) {
      expect(priceSchema.safeParse(bad).success).toBe(false);
    }
  });

  it('accept upper-case ISO 4217 codes', () => {
    expect(currencySchema.safeParse('JPY').success).toBe(true);
    for (const bad of ['jpy', 'EURO', 'E1R', '']) expect(currencySchema.safeParse(bad).success).toBe(false);
  });

  it('change price and currency only together, and never nothing', () => {
    expect(updateProductInputSchema.safeParse({ price: 1, currency: 'EUR' }).success).toBe(true);
    expect(updateProductInputSchema.safeParse({ title: 'New' }).success).toBe(true);
    expect(updateProductInputSchema.safeParse({ price: 1 }).success).toBe(false);
    expect(updateProductInputSchema.safeParse({ currency: 'EUR' }).success).toBe(false);
    expect(updateProductInputSchema.safeParse({}).success).toBe(false);
    expect(updateProductInputSchema.safeParse({ title: undefined }).success).toBe(false);
  });

  it('reject a batch that names a SKU twice (after trimming), and leave isActive unset unless given', () => {
    const product = { sku: 'A', title: 'A', price: 1, currency: 'EUR' };
    expect(productBatchSchema.parse([product])).toEqual([product]);
    expect(productBatchSchema.parse([{ ...product, isActive: false }])).toEqual([{ ...product, isActive: false }]);
    const twice = productBatchSchema.safeParse([product, { ...product, sku: ' A' }]);
    expect(twice.success).toBe(false);
    expect(twice.error!.issues[0]!.path).toEqual([1, 'sku']);
    expect(productBatchSchema.safeParse([product, { ...product, sku: 'a' }]).success).toBe(true);
  });
});
