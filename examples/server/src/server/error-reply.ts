import { OrionError, errorResponse, isOrionError, type Logger, type OrionTranslator } from '@orion/core';
import type { FastifyReply } from 'fastify';

/**
 * Sends a Web `Response` (what Orion's `errorResponse` and fetch handler return) through Fastify:
 * its status, headers and body.
 */
export async function sendWebResponse(reply: FastifyReply, response: Response): Promise<FastifyReply> {
  reply.code(response.status);
  response.headers.forEach((value, name) => {
    reply.header(name, value);
  });
  return reply.send(await response.text());
}

/**
 * Answers an error in Orion's error body format, with the status, code and translated message the
 * module routes use (core's `errorResponse`). Fastify's own client errors (a body that is not JSON,
 * an unsupported content type, a body too large) become `ORION_ERR_VALIDATION`, so bad input is
 * never a 500; anything unexpected is a 500 with a correlation id, its stack only in the log.
 */
export function sendErrorReply(
  reply: FastifyReply,
  error: unknown,
  locale: string | undefined,
  rendering: { translator: OrionTranslator; logger: Logger },
  where: Record<string, unknown>,
): Promise<FastifyReply> {
  return sendWebResponse(
    reply,
    errorResponse(asOrionError(error), locale, rendering.translator, rendering.logger, where),
  );
}

function asOrionError(error: unknown): unknown {
  if (isOrionError(error)) return error;
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new OrionError(
      'ORION_ERR_VALIDATION',
      { subject: 'request', issues: (error as Error).message },
      { cause: error },
    );
  }
  return error;
}
