import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isOrionError } from '../errors/orion-error.js';
import { parseInput } from '../errors/validation-error.js';
import { currencySchema } from './currency-schema.js';
import { idParamSchema } from './id-param-schema.js';
import { pageQuerySchema } from './page-query-schema.js';
import { skuSchema } from './sku-schema.js';
import { textSchema } from './text-schema.js';

/** Ids from text that every route, the demo and the CLI refuse (shared by the cross-package tests). */
const badIdTexts = [
  '0x10',
  '1e3',
  ' 12',
  '12 ',
  '12.0',
  '',
  '-1',
  '0',
  '+12',
  '012',
  '1_000',
  '１２',
  '1234567890123456',
];

describe('shared input schemas', () => {
  it('idParamSchema takes decimal digits only', () => {
    expect(idParamSchema.parse('12')).toBe(12);
    expect(idParamSchema.parse('2147483647')).toBe(2_147_483_647);
    for (const bad of [...badIdTexts, '2147483648', '999999999999999']) {
      expect(idParamSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(idParamSchema.safeParse(12).success).toBe(false);
  });

  it('skuSchema: trimmed, 1 to 64 characters, no spaces or control characters', () => {
    for (const good of ['MUG-01', 'shirt/blue.xl', 'Ü/7', 'a-1', 'x'.repeat(64), '€5', 'café']) {
      expect(skuSchema.parse(good)).toBe(good);
    }
    expect(skuSchema.parse('  MUG-01 ')).toBe('MUG-01');
    for (const bad of ['', '   ', 'MUG 01', 'x'.repeat(65), 'A\u0000B', 'A\tB', 'A\u200bB', 'A\u00a0B']) {
      expect(skuSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('currencySchema takes ISO 4217 codes in use and refuses made-up ones', () => {
    for (const good of ['EUR', 'JPY', 'KWD', 'USD', 'CHF']) expect(currencySchema.parse(good)).toBe(good);
    for (const bad of ['QQQ', 'XYZ', 'eur', 'EURO', 'E1R', '', 'AAA']) {
      expect(currencySchema.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('pageQuerySchema: limit 1-200 (default 50), offset 0 to 2^31-1 (default 0), numbers or digits', () => {
    expect(pageQuerySchema.parse({})).toEqual({ limit: 50, offset: 0 });
    expect(pageQuerySchema.parse({ limit: '200', offset: '2147483647' })).toEqual({
      limit: 200,
      offset: 2_147_483_647,
    });
    expect(pageQuerySchema.parse({ limit: 1, offset: 0 })).toEqual({ limit: 1, offset: 0 });
    for (const bad of [
      { limit: 0 },
      { limit: '201' },
      { limit: 1.5 },
      { limit: '0x10' },
      { limit: '1e2' },
      { limit: ' 5' },
      { offset: -1 },
      { offset: '-1' },
      { offset: 2_147_483_648 },
      { offset: '5.0' },
    ]) {
      expect(pageQuerySchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('textSchema and parseInput refuse NUL characters with ORION_ERR_VALIDATION', () => {
    expect(textSchema.safeParse('a\u0000b').success).toBe(false);
    expect(textSchema.parse('a b')).toBe('a b');
    const schema = z.object({ title: z.string(), tags: z.array(z.string()) });
    expect(parseInput(schema, { title: 'ok', tags: ['a'] }, 'body')).toEqual({ title: 'ok', tags: ['a'] });
    try {
      parseInput(schema, { title: 'ok', tags: ['a', 'b\u0000'] }, 'body');
      expect.unreachable();
    } catch (error) {
      expect(isOrionError(error) && error.code).toBe('ORION_ERR_VALIDATION');
      expect(String((error as Error).message)).toContain('tags.1');
    }
  });
});
