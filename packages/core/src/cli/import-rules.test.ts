import { describe, expect, it } from 'vitest';
import { packageNameOf } from './import-rules.js';

describe('packageNameOf', () => {
  it.each([
    ['fixture-alpha', 'fixture-alpha'],
    ['fixture-alpha/index.js', 'fixture-alpha'],
    ['@orion/orders', '@orion/orders'],
    ['@orion/orders/dist/x.js', '@orion/orders'],
    ['./local.js', undefined],
    ['../up.js', undefined],
    ['/abs/file.js', undefined],
    ['node:fs', undefined],
    ['file:///x.js', undefined],
    ['#internal', undefined],
    ['@scope', undefined],
  ])('%s → %s', (specifier, name) => {
    expect(packageNameOf(specifier)).toBe(name);
  });
});
