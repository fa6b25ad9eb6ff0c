import { describe, expect, it } from 'vitest';
import { isOrionError } from '../errors/orion-error.js';
import { defineModule } from './define-module.js';
import { reservedModuleCodeReason, reservedModuleCodes } from './reserved-module-codes.js';

function definitionError(input: object): { message: string; paths: string[] } {
  try {
    defineModule({ code: 'notes', name: 'Notes', version: '1.0.0', ...input });
  } catch (error) {
    expect(isOrionError(error, 'ORION_ERR_MODULE_DEFINITION_INVALID')).toBe(true);
    const issues = (error as { details: { validationIssues: { path: string }[] } }).details.validationIssues;
    return { message: (error as Error).message, paths: issues.map((issue) => issue.path) };
  }
  throw new Error('expected defineModule to throw');
}

describe('reserved module codes', () => {
  it.each([
    ['core', 'orion_migrations_core'],
    ['orion', 'namespace "orion"'],
    ['module', 'module.<what>'],
    ['orion-billing', 'kept for the host'],
    ['notes-lock', 'orion_migrations_notes_lock is the migration lock table of module "notes"'],
    ['core-lock', 'orion_migrations_core_lock'],
  ])('rejects the code %s with ORION_ERR_MODULE_DEFINITION_INVALID saying why it is reserved', (code, why) => {
    const { message, paths } = definitionError({ code });
    expect(paths).toEqual(['code']);
    expect(message).toContain(`The module code "${code}" is reserved: `);
    expect(message).toContain(why);
  });

  it('leaves every other code alone', () => {
    for (const code of ['notes', 'core-banking', 'orionx', 'my-orion', 'lock', 'locker', 'unlock-codes', 'modules']) {
      expect(reservedModuleCodeReason(code)).toBeUndefined();
      expect(defineModule({ code, name: code, version: '1.0.0' }).code).toBe(code);
    }
    expect(Object.keys(reservedModuleCodes)).toEqual(['core', 'orion', 'module']);
    expect(reservedModuleCodeReason('constructor')).toBeUndefined();
  });
});

describe('features', () => {
  it('accepts kebab-case names, optionally dotted, and keeps them on the definition', () => {
    const features = ['bulk-import', 'orders.bulk-export', 'v2', 'a.b.c-d'];
    expect(defineModule({ code: 'notes', name: 'Notes', version: '1.0.0', features }).features).toEqual(features);
    expect(defineModule({ code: 'notes', name: 'Notes', version: '1.0.0' }).features).toEqual([]);
  });

  it.each([['Bulk-Import'], ['bulk import'], ['bulk_import'], ['.bulk'], ['bulk.'], ['bulk--import'], ['1st'], ['']])(
    'rejects the feature name %o',
    (feature) => {
      expect(definitionError({ features: [feature] }).paths).toEqual(['features.0']);
    },
  );

  it('rejects a feature declared twice', () => {
    const { message, paths } = definitionError({ features: ['bulk-import', 'bulk-import'] });
    expect(paths).toEqual(['features.1']);
    expect(message).toContain('Feature "bulk-import" is declared twice');
  });
});
