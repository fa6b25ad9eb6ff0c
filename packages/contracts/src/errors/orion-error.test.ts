import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorCodes } from './error-codes.js';
import { OrionError, formatErrorMessage, isOrionError } from './orion-error.js';
import { parseInput } from './validation-error.js';

describe('OrionError', () => {
  it('fills the code’s template and serialises without stack or cause', () => {
    const error = new OrionError(
      'ORION_ERR_STORE_NOT_IN_PLATFORM',
      { storeId: 4, platformId: 2 },
      { cause: new Error('x') },
    );
    expect(error.message).toBe('Store 4 has no active membership in platform 2.');
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      code: 'ORION_ERR_STORE_NOT_IN_PLATFORM',
      message: error.message,
      details: { storeId: 4, platformId: 2 },
    });
  });

  it('is recognised without instanceof, as an error from another copy of the package would be', () => {
    const fromOtherCopy = Object.assign(new Error('from elsewhere'), {
      $$type: '@orion/OrionError',
      code: 'ORION_ERR_VALIDATION',
      details: {},
    });
    expect(fromOtherCopy instanceof OrionError).toBe(false);
    expect(isOrionError(fromOtherCopy)).toBe(true);
    expect(isOrionError(fromOtherCopy, 'ORION_ERR_VALIDATION')).toBe(true);
    expect(isOrionError(fromOtherCopy, 'ORION_ERR_CONFLICT')).toBe(false);
    expect(isOrionError(new Error('plain'))).toBe(false);
    expect(isOrionError({ code: 'ORION_ERR_VALIDATION' })).toBe(false);
  });

  it('has a template for every code, and every code starts with ORION_ERR_', () => {
    for (const [code, template] of Object.entries(errorCodes)) {
      expect(code).toMatch(/^ORION_ERR_[A-Z_]+$/);
      expect(template.length).toBeGreaterThan(10);
    }
    expect(formatErrorMessage('ORION_ERR_NOT_FOUND', { entity: 'Store' })).toBe('Store {id} does not exist.');
  });

  it('parseInput turns zod issues into ORION_ERR_VALIDATION with each path', () => {
    const schema = z.object({ storeId: z.number().int().positive(), period: z.string() });
    try {
      parseInput(schema, { storeId: -1, period: 3 }, 'request');
      expect.unreachable();
    } catch (error) {
      expect(isOrionError(error, 'ORION_ERR_VALIDATION')).toBe(true);
      const { details, message } = error as OrionError;
      expect(message).toMatch(/^Invalid request: storeId: .+; period: .+/);
      expect((details.validationIssues as { path: string }[]).map((issue) => issue.path)).toEqual([
        'storeId',
        'period',
      ]);
    }
  });
});

describe('OrionError with a code outside the host’s table', () => {
  it('never throws a TypeError: an unknown code reads as the code and its details', () => {
    const error = new OrionError('NOTES_ERR_TOO_LONG', { max: 5, length: 7, text: 'abc' });
    expect(error.message).toBe('NOTES_ERR_TOO_LONG (max: 5, length: 7, text: abc)');
    expect(new OrionError('NOTES_ERR_TOO_LONG').message).toBe('NOTES_ERR_TOO_LONG');
    expect(error.toJSON()).toEqual({
      code: 'NOTES_ERR_TOO_LONG',
      message: error.message,
      details: { max: 5, length: 7, text: 'abc' },
    });
    expect(isOrionError(error, 'NOTES_ERR_TOO_LONG')).toBe(true);
    // a code a newer host knows, or a prototype key: still no TypeError
    expect(formatErrorMessage('ORION_ERR_FROM_THE_FUTURE', {})).toBe('ORION_ERR_FROM_THE_FUTURE');
    expect(formatErrorMessage('constructor', { a: 1 })).toBe('constructor (a: 1)');
  });

  it('fills the template it is given at construction', () => {
    const error = new OrionError(
      'NOTES_ERR_TOO_LONG',
      { max: 5 },
      { template: 'At most {max} characters, not {length}.' },
    );
    expect(error.message).toBe('At most 5 characters, not {length}.');
    expect(
      new OrionError('ORION_ERR_NOT_FOUND', { entity: 'Store', id: 1 }, { template: 'Gone: {entity}' }).message,
    ).toBe('Gone: Store');
  });
});
