import { describe, expect, it } from 'vitest';
import {
  deltaSchema,
  listItemsInputSchema,
  locationSchema,
  quantitySchema,
  stockLevelsSchema,
  thresholdSchema,
  unitsSchema,
} from './inventory-inputs.js';

describe('inventory input schemas', () => {
  it('accept locations as written, without surrounding spaces or control characters', () => {
    expect(locationSchema.parse(undefined)).toBe('default');
    expect(locationSchema.parse('Berlin 1')).toBe('Berlin 1');
    for (const bad of ['', ' shop', 'x'.repeat(65)]) expect(locationSchema.safeParse(bad).success).toBe(false);
  });

  it('bound quantities to ±1,000,000,000 and reservations and thresholds to their sign', () => {
    for (const good of [-1_000_000_000, -1, 0, 1_000_000_000]) {
      expect(quantitySchema.safeParse(good).success).toBe(true);
      expect(deltaSchema.safeParse(good).success).toBe(true);
    }
    for (const bad of [1_000_000_001, -1_000_000_001, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '1']) {
      expect(quantitySchema.safeParse(bad).success).toBe(false);
    }
    expect(unitsSchema.safeParse(0).success).toBe(false);
    expect(unitsSchema.safeParse(1).success).toBe(true);
    expect(thresholdSchema.safeParse(0).success).toBe(true);
    expect(thresholdSchema.safeParse(-1).success).toBe(false);
  });

  it('list every location unless one is named', () => {
    expect(listItemsInputSchema.parse({ storeId: 1 })).toEqual({ storeId: 1 });
  });

  it('refuse the same (sku, location) twice in one batch of stock levels, "default" implied or named', () => {
    expect(
      stockLevelsSchema.parse([
        { sku: 'A', quantity: 1 },
        { sku: 'A', location: 'shop', quantity: 2 },
        { sku: 'a', quantity: 3 },
      ]),
    ).toEqual([
      { sku: 'A', location: 'default', quantity: 1 },
      { sku: 'A', location: 'shop', quantity: 2 },
      { sku: 'a', location: 'default', quantity: 3 },
    ]);
    const result = stockLevelsSchema.safeParse([
      { sku: 'A', quantity: 1 },
      { sku: 'B', quantity: 1 },
      { sku: 'A', location: 'default', quantity: 2 },
    ]);
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: [2], message: 'SKU "A" at location "default" is already set by item 0' }),
    ]);
  });
});
