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

  it('refuses what publishing would refuse, naming the SKU: the shared SKU rule, long titles, NUL, unknown currencies (issue 14)', () => {
    const row = { id: 'A1', title: 'Mug', price: '1 EUR' };
    expect(checkFeedRow({ ...row, sku: 'MUG 01' })).toMatch(/^SKU "MUG 01": /);
    expect(checkFeedRow({ ...row, sku: 'x'.repeat(129) })).toMatch(/^SKU "x{79}…": /);
    expect(checkFeedRow({ ...row, id: 'has space' })).toMatch(/^SKU "has space": /);
    expect(checkFeedRow({ ...row, title: 't'.repeat(256) })).toBe('title is longer than 255 characters');
    expect(checkFeedRow({ ...row, title: 't'.repeat(255) })).toMatchObject({ title: 't'.repeat(255) });
    expect(checkFeedRow({ ...row, title: 'Mu\u0000g' })).toBe('the row contains a NUL character');
    expect(checkFeedRow({ ...row, price: '1 XYZ' })).toMatch(/price "1 XYZ"/);
    expect(checkFeedRow({ ...row, title: 'Cr\uFDD0me' })).toBe(
      'the row is not valid UTF-8 text (save the feed as UTF-8)',
    );
    expect(Buffer.byteLength(checkFeedRow({ ...row, price: 'p'.repeat(100_000) }) as string)).toBeLessThanOrEqual(1024);
  });
});
