import type { ModuleErrorCode } from './error-codes.js';
import {
  errorDefinitionsSchema,
  type ErrorDefinition,
  type ErrorDefinitions,
  type ErrorDetailsFor,
  type ErrorPlaceholders,
} from './error-definition.js';
import {
  OrionError,
  isOrionError,
  type ErrorDetails,
  type OrionErrorLike,
  type OrionErrorOptions,
} from './orion-error.js';
import { parseInput } from './validation-error.js';

const ERROR_SET_TYPE = '@orion/ErrorSet';

/** The arguments after the code of {@link ErrorSet.create}: details are required when the template has placeholders. */
export type ErrorCreateArgs<TDefinition extends ErrorDefinition> = [ErrorPlaceholders<TDefinition['message']>] extends [
  never,
]
  ? [details?: ErrorDetails, options?: Omit<OrionErrorOptions, 'template'>]
  : [details: ErrorDetailsFor<TDefinition>, options?: Omit<OrionErrorOptions, 'template'>];

/**
 * A module's error codes, built by {@link defineErrors}: create its errors type-safely, recognise
 * them, and pass the same object to `defineModule({ errors })` so the host answers each code with
 * its status and translated message.
 *
 * Branded (`$$type`), so any copy of `@orion/contracts` recognises it ({@link isErrorSet}).
 */
export interface ErrorSet<TDefinitions extends ErrorDefinitions = ErrorDefinitions> {
  /** The brand, written out so the published types need no unexported constant. */
  readonly $$type: '@orion/ErrorSet';
  readonly $$version: 1;
  /** The validated definitions by code (translations default to `{}`). */
  readonly definitions: Readonly<TDefinitions>;
  /**
   * A new {@link OrionError} with `code`, whose message is filled from the code's English template
   * (no host needed); the host translates it per request.
   */
  create<TCode extends keyof TDefinitions & ModuleErrorCode>(
    code: TCode,
    ...args: ErrorCreateArgs<TDefinitions[TCode]>
  ): OrionError<TCode, ErrorDetailsFor<TDefinitions[TCode]>>;
  /** Whether `value` is an Orion error with `code` (from any copy of `@orion/contracts`), with typed details. */
  is<TCode extends keyof TDefinitions & ModuleErrorCode>(
    value: unknown,
    code: TCode,
  ): value is OrionErrorLike<TCode, ErrorDetailsFor<TDefinitions[TCode]>>;
}

/**
 * Declares a module's own error codes, each `<MODULE>_ERR_<NAME>` with an English message
 * template, an HTTP status (400–599) and translations, and returns an {@link ErrorSet} that creates
 * them type-safely.
 *
 * Pass the set to `defineModule({ errors })`: the module's code must then match the prefix
 * (module `order-notes` → `ORDER_NOTES_ERR_…`), and the host collects every installed module's
 * codes at start-up. `ORION_ERR_` is reserved for the host.
 *
 * @throws OrionError `ORION_ERR_VALIDATION` when a code, status or translation is invalid.
 * @example
 * ```ts
 * import { defineErrors, defineModule } from '@orion/contracts';
 *
 * export const orderNotesErrors = defineErrors({
 *   ORDER_NOTES_ERR_TOO_LONG: {
 *     message: 'A note has at most {max} characters; this one has {length}.',
 *     status: 422,
 *     messages: {
 *       de: 'Eine Notiz hat höchstens {max} Zeichen; diese hat {length}.',
 *       fr: 'Une note a au plus {max} caractères ; celle-ci en a {length}.',
 *       lb: 'Eng Notiz huet héchstens {max} Zeechen; dës huet {length}.',
 *     },
 *   },
 * });
 *
 * export function checkNote(text: string, max = 500): void {
 *   if (text.length > max) {
 *     throw orderNotesErrors.create('ORDER_NOTES_ERR_TOO_LONG', { max, length: text.length });
 *   }
 * }
 *
 * export const orderNotesModule = defineModule({
 *   code: 'order-notes',
 *   name: 'Order notes',
 *   version: '1.0.0',
 *   errors: orderNotesErrors,
 * });
 * ```
 */
export function defineErrors<const TDefinitions extends Record<string, ErrorDefinition>>(
  definitions: TDefinitions & Record<Exclude<keyof TDefinitions, ModuleErrorCode>, never>,
): ErrorSet<TDefinitions> {
  const parsed = parseInput(errorDefinitionsSchema, definitions, 'error definitions') as ErrorDefinitions;
  const frozen = Object.freeze(
    Object.fromEntries(Object.entries(parsed).map(([code, definition]) => [code, Object.freeze(definition)])),
  ) as unknown as Readonly<TDefinitions>;
  const set: ErrorSet<TDefinitions> = {
    $$type: ERROR_SET_TYPE,
    $$version: 1,
    definitions: frozen,
    create(code, ...[details, options]) {
      const definition = (frozen as ErrorDefinitions)[code];
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- tsc needs the widened code (TS2345 without it)
      return new OrionError(code as ModuleErrorCode, details ?? {}, {
        ...options,
        ...(definition ? { template: definition.message } : {}),
      }) as never;
    },
    is(value, code): value is never {
      return isOrionError(value, code as ModuleErrorCode);
    },
  };
  return Object.freeze(set);
}

/** Whether `value` carries the error-set brand of {@link defineErrors} (from any copy of `@orion/contracts`). */
export function isErrorSet(value: unknown): value is ErrorSet {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { $$type?: unknown }).$$type === ERROR_SET_TYPE &&
    (value as { $$version?: unknown }).$$version === 1 &&
    typeof (value as { definitions?: unknown }).definitions === 'object'
  );
}
