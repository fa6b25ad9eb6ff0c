import { describe, expect, it } from 'vitest';
import { codeSchema, domainSchema, emailSchema, idSchema, roleSchema } from './tenancy-inputs.js';

describe('tenancy input schemas', () => {
  it('accept ids that fit a PostgreSQL integer', () => {
    expect(idSchema.safeParse(1).success).toBe(true);
    expect(idSchema.safeParse(2_147_483_647).success).toBe(true);
    for (const bad of [0, -1, 1.5, 2_147_483_648, Number.NaN, '1']) expect(idSchema.safeParse(bad).success).toBe(false);
  });

  it('accept lower-case codes and roles only', () => {
    for (const good of ['eu', 'eu-west', 'acme_berlin', '2026']) expect(codeSchema.safeParse(good).success).toBe(true);
    for (const bad of ['EU', 'eu west', '-eu', 'eu-', 'eu--west', '', 'x'.repeat(65)])
      expect(codeSchema.safeParse(bad).success).toBe(false);
    expect(roleSchema.safeParse('admin').success).toBe(true);
    expect(roleSchema.safeParse('Admin').success).toBe(false);
  });

  it('normalise e-mail addresses and domains to lower case', () => {
    expect(emailSchema.parse(' Ada@Example.COM ')).toBe('ada@example.com');
    expect(emailSchema.safeParse('ada@').success).toBe(false);
    expect(domainSchema.parse(' Shop.Example.COM ')).toBe('shop.example.com');
    for (const bad of [
      'localhost',
      'shop..example.com',
      'shop.example.com.',
      'a_b.example.com',
      'https://x.example.com',
    ]) {
      expect(domainSchema.safeParse(bad).success).toBe(false);
    }
  });
});
