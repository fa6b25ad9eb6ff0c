import { describe, expect, it } from 'vitest';
import { checkFeedRow } from './feed-row.js';

describe('checkFeedRow', () => {
  it('stages a full row; sku from sku, then mpn, then id', () => {
    expect(checkFeedRow({ id: 'A1', title: 'Mug', price: '12.99 EUR', sku: 'MUG-1', quantity: '4' })).toEqual({
      externalId: 'A1',
      sku: 'MUG-1',
      title: 'Mug',
      price: 1299,
      currency: 'EUR',
      quantity: 4,
    });
    expect(checkFeedRow({ id: 'A1', title: 'Mug', price: '1 EUR', mpn: 'MPN-9' })).toMatchObject({
      sku: 'MPN-9',
      quantity: null,
    });
    expect(checkFeedRow({ id: 'A1', title: 'Mug', price: '1 EUR' })).toMatchObject({ sku: 'A1' });
  });

  it('reads availability: out of stock without a quantity is 0', () => {
    expect(checkFeedRow({ id: 'A', title: 'T', price: '1 EUR', availability: 'out_of_stock' })).toMatchObject({
      quantity: 0,
    });
    expect(checkFeedRow({ id: 'A', title: 'T', price: '1 EUR', availability: 'in stock' })).toMatchObject({
      quantity: null,
    });
  });

  it('gives every reason a row can not be staged', () => {
    const reason = checkFeedRow({ id: '', title: '', price: 'free', quantity: '-1', availability: 'maybe' });
    expect(reason).toEqual(expect.stringContaining('id is empty'));
    expect(reason).toEqual(expect.stringContaining('title is empty'));
    expect(reason).toEqual(expect.stringContaining('price "free"'));
    expect(reason).toEqual(expect.stringContaining('quantity "-1"'));
    expect(reason).toEqual(expect.stringContaining('availability "maybe"'));
  });
});
