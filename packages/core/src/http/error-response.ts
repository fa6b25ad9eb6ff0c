import { randomUUID } from 'node:crypto';
import {
  hostErrors,
  isHostErrorCode,
  isOrionError,
  type ErrorCode,
  type HostErrorDefinition,
  type Logger,
  type OrionErrorCode,
} from '@orion/contracts';
import type { OrionTranslator } from '../i18n/orion-translator.js';

/**
 * The HTTP status of one of the host's codes, from its entry in the one error table (`hostErrors`
 * in `@orion/contracts`): a code for developers and operators (`audience: 'server'`) is always a
 * server error. A module's codes answer the status their definition declares (see
 * {@link OrionTranslator.errorStatus}).
 */
function hostStatusOf(code: ErrorCode): number {
  const entry: HostErrorDefinition = hostErrors[code];
  return entry.audience === 'server' ? 500 : entry.status;
}

/**
 * The status an error answers with: its code's (the host's table, then the installed modules'
 * declarations when `moduleStatus` is given), or 500 for anything else, unknown codes included.
 *
 * @example
 * ```ts
 * import { OrionError } from '@orion/contracts';
 * import { httpStatusOf } from '@orion/core';
 * httpStatusOf(new OrionError('ORION_ERR_NOT_FOUND', { entity: 'Store', id: 1 })); // 404
 * httpStatusOf(new Error('boom'));                                                 // 500
 * ```
 */
export function httpStatusOf(error: unknown, moduleStatus?: (code: string) => number | undefined): number {
  if (!isOrionError(error)) return 500;
  const hostStatus = isHostErrorCode(error.code) ? hostStatusOf(error.code) : undefined;
  return hostStatus ?? moduleStatus?.(error.code) ?? 500;
}

/** The JSON error body every Orion route answers with. */
export interface ErrorBody {
  error: {
    code: OrionErrorCode;
    message: string;
    details?: Record<string, unknown>;
    /** For `ORION_ERR_VALIDATION`: each problem zod found. */
    issues?: unknown[];
    /** For server errors: quote it to find the logged stack. */
    correlationId?: string;
  };
}

/**
 * Turns an error into a JSON `Response`: a coded client error (4xx, the host's codes and the
 * installed modules') with its details and translated message; a 503 with its code and translated
 * message; or, for anything else, its 5xx status (500 for anything unexpected, unknown codes
 * included) with a correlation id and no stack — the stack goes to the log under that id.
 */
export function errorResponse(
  error: unknown,
  locale: string | undefined,
  translator: OrionTranslator,
  logger: Logger,
  where: Record<string, unknown>,
): Response {
  const status = httpStatusOf(error, (code) => translator.errorStatus(code));
  if (status < 500 && isOrionError(error)) {
    const { validationIssues, ...details } = error.details as Record<string, unknown>;
    const body: ErrorBody = {
      error: {
        code: error.code,
        message: translator.error(locale, error.code, details, error.message),
        details,
        ...(Array.isArray(validationIssues) ? { issues: validationIssues } : {}),
      },
    };
    return json(body, status);
  }
  if (status === 503 && isOrionError(error)) {
    return json(
      { error: { code: error.code, message: translator.error(locale, error.code, error.details, error.message) } },
      503,
    );
  }
  const correlationId = randomUUID();
  logger.error(`Request failed (${correlationId})`, { ...where, correlationId, error });
  const body: ErrorBody = {
    error: {
      code: 'ORION_ERR_INTERNAL',
      message: translator.error(
        locale,
        'ORION_ERR_INTERNAL',
        { correlationId },
        `Something went wrong on our side. Quote ${correlationId} when you report it.`,
      ),
      correlationId,
    },
  };
  return json(body, status, { 'x-correlation-id': correlationId });
}

/** A JSON response. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}
