import { describe, expect, it } from 'vitest';
import { conflictOnUniqueViolation, isUniqueViolation } from './unique-violation.js';

describe('isUniqueViolation', () => {
  it('recognises PostgreSQL and SQLite unique violations only', () => {
    expect(isUniqueViolation(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(true);
    expect(
      isUniqueViolation(Object.assign(new Error('UNIQUE constraint failed'), { code: 'SQLITE_CONSTRAINT_UNIQUE' })),
    ).toBe(true);
    expect(
      isUniqueViolation(
        Object.assign(new Error('FOREIGN KEY constraint failed'), { code: 'SQLITE_CONSTRAINT_FOREIGNKEY' }),
      ),
    ).toBe(false);
    expect(isUniqueViolation(Object.assign(new Error('foreign key'), { code: '23503' }))).toBe(false);
    expect(isUniqueViolation(new Error('plain'))).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
    expect(isUniqueViolation('23505')).toBe(false);
  });
});

describe('conflictOnUniqueViolation', () => {
  const unique = { entity: 'Platform', field: 'code', value: 'eu' };

  it('turns a unique violation into ORION_ERR_CONFLICT with the driver error as cause', async () => {
    const driverError = Object.assign(new Error('duplicate key'), { code: '23505' });
    const error = await conflictOnUniqueViolation(unique, () => Promise.reject(driverError)).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'ORION_ERR_CONFLICT',
      details: unique,
      message: 'Platform with code "eu" already exists.',
    });
    expect((error as Error).cause).toBe(driverError);
  });

  it('passes results and other errors through', async () => {
    await expect(conflictOnUniqueViolation(unique, () => Promise.resolve(42))).resolves.toBe(42);
    const other = new Error('connection lost');
    await expect(conflictOnUniqueViolation(unique, () => Promise.reject(other))).rejects.toBe(other);
  });
});
