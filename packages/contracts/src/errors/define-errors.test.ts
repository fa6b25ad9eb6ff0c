import { describe, expect, expectTypeOf, it } from 'vitest';
import { defineModule } from '../module/define-module.js';
import { defineErrors, isErrorSet } from './define-errors.js';
import { errorCodePrefixOf } from './error-definition.js';
import { OrionError, isOrionError } from './orion-error.js';

const orderNotesErrors = defineErrors({
  ORDER_NOTES_ERR_TOO_LONG: {
    message: 'A note has at most {max} characters; this one has {length}.',
    status: 422,
    messages: {
      de: 'Eine Notiz hat höchstens {max} Zeichen; diese hat {length}.',
      fr: 'Une note a au plus {max} caractères ; celle-ci en a {length}.',
      lb: 'Eng Notiz huet héchstens {max} Zeechen; dës huet {length}.',
    },
  },
  ORDER_NOTES_ERR_LOCKED: { message: 'Notes of a shipped order can not change.', status: 409 },
});

function issuePaths(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    return ((error as OrionError).details.validationIssues as { path: string }[]).map((issue) => issue.path);
  }
  throw new Error('expected a validation error');
}

describe('defineErrors', () => {
  it('creates a module’s error with its template filled, without any host', () => {
    const error = orderNotesErrors.create('ORDER_NOTES_ERR_TOO_LONG', { max: 500, length: 612 });
    expect(error).toBeInstanceOf(OrionError);
    expect(error.message).toBe('A note has at most 500 characters; this one has 612.');
    expect(error.toJSON()).toEqual({
      code: 'ORDER_NOTES_ERR_TOO_LONG',
      message: error.message,
      details: { max: 500, length: 612 },
    });
    expect(isOrionError(error, 'ORDER_NOTES_ERR_TOO_LONG')).toBe(true);
    expect(isOrionError(error, 'ORDER_NOTES_ERR_LOCKED')).toBe(false);
    expect(orderNotesErrors.is(error, 'ORDER_NOTES_ERR_TOO_LONG')).toBe(true);
    expect(orderNotesErrors.create('ORDER_NOTES_ERR_LOCKED').message).toBe('Notes of a shipped order can not change.');
    const wrapped = orderNotesErrors.create('ORDER_NOTES_ERR_LOCKED', {}, { cause: error });
    expect(wrapped.cause).toBe(error);
  });

  it('types the code and the details each template needs', () => {
    const error = orderNotesErrors.create('ORDER_NOTES_ERR_TOO_LONG', { max: 1, length: 2 });
    expectTypeOf(error.code).toEqualTypeOf<'ORDER_NOTES_ERR_TOO_LONG'>();
    expectTypeOf(error.details).toHaveProperty('max');
    // @ts-expect-error a placeholder's value is missing
    orderNotesErrors.create('ORDER_NOTES_ERR_TOO_LONG', { max: 1 });
    // @ts-expect-error not a code of this set
    orderNotesErrors.create('ORDER_NOTES_ERR_MISSING');
    // @ts-expect-error a misspelt host code is not taken for a module code
    isOrionError(error, 'ORION_ERR_NOT_FOUNDD');
    // @ts-expect-error codes look like <MODULE>_ERR_<NAME>
    expect(() => defineErrors({ TooLong: { message: 'x', status: 400 } })).toThrow(/TooLong/);
    const caught: unknown = error;
    if (orderNotesErrors.is(caught, 'ORDER_NOTES_ERR_TOO_LONG')) expectTypeOf(caught.details.length).toBeUnknown();
  });

  it('recognises a set by its brand, as one from another copy of @orion/contracts would be', () => {
    expect(isErrorSet(orderNotesErrors)).toBe(true);
    expect(isErrorSet({ ...orderNotesErrors, $$type: 'other' })).toBe(false);
    expect(isErrorSet({ ORDER_NOTES_ERR_LOCKED: { message: 'x', status: 409 } })).toBe(false);
    expect(Object.isFrozen(orderNotesErrors.definitions)).toBe(true);
  });

  it.each([
    [{ ORION_ERR_MINE: { message: 'Mine', status: 400 } }, 'ORION_ERR_MINE'],
    [{ order_notes_err_x: { message: 'x', status: 400 } }, 'order_notes_err_x'],
    [{ ORDER_NOTES_TOO_LONG: { message: 'x', status: 400 } }, 'ORDER_NOTES_TOO_LONG'],
    [{ ORDER_NOTES_ERR_X: { message: 'x', status: 302 } }, 'ORDER_NOTES_ERR_X.status'],
    [{ ORDER_NOTES_ERR_X: { message: 'x', status: 600 } }, 'ORDER_NOTES_ERR_X.status'],
    [{ ORDER_NOTES_ERR_X: { message: 'x', status: 422.5 } }, 'ORDER_NOTES_ERR_X.status'],
    [{ ORDER_NOTES_ERR_X: { message: '', status: 400 } }, 'ORDER_NOTES_ERR_X.message'],
    [
      { ORDER_NOTES_ERR_X: { message: 'At most {max}', status: 400, messages: { de: 'Höchstens {maximum}' } } },
      'ORDER_NOTES_ERR_X.messages.de',
    ],
    [{ ORDER_NOTES_ERR_X: { message: 'x', status: 400, messages: { it: 'x' } } }, 'ORDER_NOTES_ERR_X.messages'],
  ])('rejects %o with ORION_ERR_VALIDATION at %s', (definitions, path) => {
    expect(issuePaths(() => defineErrors(definitions as never))).toContain(path);
  });

  it('lets a translation leave out a placeholder of the English message', () => {
    const errors = defineErrors({
      SHELF_ERR_FULL: { message: 'Shelf {name} is full.', status: 409, messages: { de: 'Das Regal ist voll.' } },
    });
    expect(errors.definitions.SHELF_ERR_FULL.messages).toEqual({ de: 'Das Regal ist voll.' });
  });
});

describe('module error codes in defineModule', () => {
  const base = { code: 'order-notes', name: 'Order notes', version: '1.0.0' };

  it('takes an error set or inline definitions, and keeps the definitions', () => {
    const fromSet = defineModule({ ...base, errors: orderNotesErrors });
    expect(Object.keys(fromSet.errors)).toEqual(['ORDER_NOTES_ERR_TOO_LONG', 'ORDER_NOTES_ERR_LOCKED']);
    expect(fromSet.errors.ORDER_NOTES_ERR_TOO_LONG).toMatchObject({
      status: 422,
      messages: { de: expect.stringContaining('{max}') },
    });
    const inline = defineModule({ ...base, errors: { ORDER_NOTES_ERR_LOCKED: { message: 'Locked.', status: 409 } } });
    expect(inline.errors).toEqual({ ORDER_NOTES_ERR_LOCKED: { message: 'Locked.', status: 409, messages: {} } });
    expect(defineModule(base).errors).toEqual({});
  });

  it('derives the prefix from the module code', () => {
    expect(errorCodePrefixOf('order-notes')).toBe('ORDER_NOTES_ERR_');
    expect(errorCodePrefixOf('orders')).toBe('ORDERS_ERR_');
  });

  it.each([
    [{ ORDERS_ERR_TOO_LONG: { message: 'x', status: 422 } }, 'errors.ORDERS_ERR_TOO_LONG'],
    [{ NOTES_ERR_TOO_LONG: { message: 'x', status: 422 } }, 'errors.NOTES_ERR_TOO_LONG'],
    [{ ORION_ERR_NOT_FOUND: { message: 'x', status: 404 } }, 'errors.ORION_ERR_NOT_FOUND'],
    [{ ORDER_NOTES_ERR_X: { message: 'x', status: 200 } }, 'errors.ORDER_NOTES_ERR_X.status'],
    [
      { ORDER_NOTES_ERR_X: { message: '{a}', status: 400, messages: { fr: '{b}' } } },
      'errors.ORDER_NOTES_ERR_X.messages.fr',
    ],
  ])('rejects %o with ORION_ERR_MODULE_DEFINITION_INVALID at %s', (errors, path) => {
    try {
      defineModule({ ...base, errors });
      expect.unreachable();
    } catch (error) {
      expect(isOrionError(error, 'ORION_ERR_MODULE_DEFINITION_INVALID')).toBe(true);
      const issues = (error as OrionError).details.validationIssues as { path: string }[];
      expect(issues.map((issue) => issue.path)).toContain(path);
    }
  });

  it('says which prefix a module’s codes need', () => {
    expect(() => defineModule({ ...base, errors: { NOTES_ERR_X: { message: 'x', status: 400 } } })).toThrow(
      /errors\.NOTES_ERR_X: Error codes of module "order-notes" start with ORDER_NOTES_ERR_/,
    );
  });
});
