import {
  hostErrors,
  isHostErrorCode,
  type ErrorCode,
  type ModuleErrorCode,
  type OrionErrorCode,
} from './error-codes.js';

const ORION_ERROR_TYPE = '@orion/OrionError';

/** Values that fill an error code's message template and travel with the error. */
export type ErrorDetails = Record<string, unknown>;

/**
 * `C` when it is a known code: one of the host's (`ORION_ERR_…` in {@link hostErrors}) or anything
 * shaped like a {@link ModuleErrorCode}. A misspelt host code becomes the host's code list, so the
 * compiler names the valid ones.
 */
export type KnownErrorCode<C extends string> = C extends `ORION_ERR_${string}`
  ? C extends ErrorCode
    ? C
    : ErrorCode
  : C extends ModuleErrorCode
    ? C
    : OrionErrorCode;

/** Options for {@link OrionError}. */
export interface OrionErrorOptions {
  /** The error this one wraps. */
  cause?: unknown;
  /** Overrides the message built from the code's template. */
  message?: string;
  /**
   * The English message template (`{name}` placeholders) of a code outside the host's table. The
   * error sets of {@link defineErrors} pass their module's, so the message is right without a host
   * (in unit tests and scripts). A code with neither reads as the code and its details.
   */
  template?: string;
}

/**
 * The one error class every Orion package and module raises: a stable code (the host's
 * {@link ErrorCode}, or a module's own {@link ModuleErrorCode}), a message that says what to do, and
 * structured `details`.
 *
 * Recognise it with {@link isOrionError}, not `instanceof`: two installed copies of
 * `@orion/contracts` create different classes, but both carry the same `$$type` brand. A module
 * creates its own codes through the set {@link defineErrors} returns, which passes the template.
 *
 * @example
 * ```ts
 * import { OrionError, isOrionError } from '@orion/contracts';
 *
 * try {
 *   throw new OrionError('ORION_ERR_PLATFORM_NOT_FOUND', { platformId: 7 });
 * } catch (error) {
 *   if (isOrionError(error, 'ORION_ERR_PLATFORM_NOT_FOUND')) console.log(error.details.platformId);
 * }
 * ```
 */
export class OrionError<
  TCode extends OrionErrorCode = OrionErrorCode,
  TDetails extends ErrorDetails = ErrorDetails,
> extends Error {
  readonly $$type = ORION_ERROR_TYPE;
  readonly $$version = 1;
  override readonly name = 'OrionError';
  readonly code: TCode;
  readonly details: TDetails;

  constructor(
    code: TCode & KnownErrorCode<TCode>,
    details: TDetails = {} as TDetails,
    options: OrionErrorOptions = {},
  ) {
    super(options.message ?? formatErrorMessage(code, details, options.template), { cause: options.cause });
    this.code = code;
    this.details = details;
  }

  /** The error as plain JSON, safe to send to a client (no stack, no cause). */
  toJSON(): { code: TCode; message: string; details: TDetails } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

/** The shape {@link isOrionError} recognises, from any copy of `@orion/contracts`. */
export interface OrionErrorLike<
  TCode extends OrionErrorCode = OrionErrorCode,
  TDetails extends ErrorDetails = ErrorDetails,
> extends Error {
  /** The brand, written out so the published types need no unexported constant. */
  readonly $$type: '@orion/OrionError';
  readonly code: TCode;
  readonly details: TDetails;
}

/**
 * Whether `value` is an Orion error, optionally with the given code (the host's or a module's);
 * works across package copies. For a module's codes with typed details, use its set's
 * {@link ErrorSet.is}.
 *
 * @example
 * ```ts
 * import { isOrionError } from '@orion/contracts';
 * declare const error: unknown;
 * if (isOrionError(error, 'ORION_ERR_VALIDATION')) console.log(error.details.issues);
 * if (isOrionError(error, 'ORDER_NOTES_ERR_TOO_LONG')) console.log(error.code);
 * ```
 */
export function isOrionError<TCode extends OrionErrorCode = OrionErrorCode>(
  value: unknown,
  code?: TCode & KnownErrorCode<TCode>,
): value is OrionErrorLike<TCode> {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { $$type?: unknown; code?: unknown };
  if (candidate.$$type !== ORION_ERROR_TYPE || typeof candidate.code !== 'string') return false;
  return code === undefined || candidate.code === code;
}

/**
 * Fills a code's message template from `details`; unknown placeholders stay visible.
 *
 * The template is `template` when given, else the host's for its own codes. A code with neither
 * never throws: it reads as the code followed by its details, `NOTES_ERR_TOO_LONG (max: 5)`.
 *
 * @example
 * ```ts
 * import { formatErrorMessage } from '@orion/contracts';
 * formatErrorMessage('ORION_ERR_NOT_FOUND', { entity: 'Store', id: 4 }); // 'Store 4 does not exist.'
 * formatErrorMessage('NOTES_ERR_TOO_LONG', { max: 5 });                  // 'NOTES_ERR_TOO_LONG (max: 5)'
 * ```
 */
export function formatErrorMessage(code: string, details: ErrorDetails, template?: string): string {
  const chosen = template ?? (isHostErrorCode(code) ? hostErrors[code].message : undefined);
  if (chosen === undefined) {
    const listed = Object.entries(details).map(([name, value]) => `${name}: ${formatDetail(value)}`);
    return listed.length === 0 ? code : `${code} (${listed.join(', ')})`;
  }
  return fillTemplate(chosen, details);
}

/** Replaces each `{name}` of `template` with `details[name]`; unknown placeholders stay visible. */
export function fillTemplate(template: string, details: ErrorDetails): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    Object.hasOwn(details, name) ? formatDetail(details[name]) : placeholder,
  );
}

function formatDetail(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value) ?? String(value);
}
