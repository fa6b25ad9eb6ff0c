import { errorCodes, type ErrorCode } from './error-codes.js';

const ORION_ERROR_TYPE = '@orion/OrionError';

/** Values that fill an error code's message template and travel with the error. */
export type ErrorDetails = Record<string, unknown>;

/** Options for {@link OrionError}. */
export interface OrionErrorOptions {
  /** The error this one wraps. */
  cause?: unknown;
  /** Overrides the message built from the code's template. */
  message?: string;
}

/**
 * The one error class every Orion package raises: a stable {@link ErrorCode}, a message that says
 * what to do, and structured `details`.
 *
 * Recognise it with {@link isOrionError}, not `instanceof`: two installed copies of
 * `@orion/contracts` create different classes, but both carry the same `$$type` brand.
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
export class OrionError extends Error {
  readonly $$type = ORION_ERROR_TYPE;
  readonly $$version = 1;
  override readonly name = 'OrionError';
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, details: ErrorDetails = {}, options: OrionErrorOptions = {}) {
    super(options.message ?? formatErrorMessage(code, details), { cause: options.cause });
    this.code = code;
    this.details = details;
  }

  /** The error as plain JSON, safe to send to a client (no stack, no cause). */
  toJSON(): { code: ErrorCode; message: string; details: ErrorDetails } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

/** The shape {@link isOrionError} recognises, from any copy of `@orion/contracts`. */
export interface OrionErrorLike extends Error {
  readonly $$type: typeof ORION_ERROR_TYPE;
  readonly code: ErrorCode;
  readonly details: ErrorDetails;
}

/**
 * Whether `value` is an Orion error, optionally with the given code; works across package copies.
 *
 * @example
 * ```ts
 * import { isOrionError } from '@orion/contracts';
 * if (isOrionError(error, 'ORION_ERR_VALIDATION')) reply.status(400).send(error.toJSON());
 * ```
 */
export function isOrionError(value: unknown, code?: ErrorCode): value is OrionErrorLike {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { $$type?: unknown; code?: unknown };
  if (candidate.$$type !== ORION_ERROR_TYPE || typeof candidate.code !== 'string') return false;
  return code === undefined || candidate.code === code;
}

/** Fills a code's message template from `details`; unknown placeholders stay visible. */
export function formatErrorMessage(code: ErrorCode, details: ErrorDetails): string {
  return errorCodes[code].replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    name in details ? formatDetail(details[name]) : placeholder,
  );
}

function formatDetail(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value) ?? String(value);
}
