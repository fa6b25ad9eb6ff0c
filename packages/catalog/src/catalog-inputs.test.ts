import { describe, expect, it } from 'vitest';
import { priceSchema, productBatchSchema, titleSchema, updateProductInputSchema } from './catalog-inputs.js';

describe('catalog input schemas', () => {
  it('accept titles without NUL characters', () => {
    expect(titleSchema.parse('  Blue mug ')).toBe('Blue mug');
    for (const bad of ['', '   ', 'Blue\u0000mug', 'x'.repeat(256)])
      expect(titleSchema.safeParse(bad).success).toBe(false);
  });

  it('accept prices as safe non-negative integers of minor units', () => {
    for (const good of [0, 1, 1299, Number.MAX_SAFE_INTEGER]) expect(priceSchema.safeParse(good).success).toBe(true);
    for (const bad of [-1, 12.99, Number.MAX_SAFE_INTEGER + 1, Number.NaN, Number.POSITIVE_INFINITY, '1299']) {
      expect(priceSchema.safeParse(bad).success).toBe(false);
    }
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
