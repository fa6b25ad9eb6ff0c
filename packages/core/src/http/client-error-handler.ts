import { maxHeaderSize as nodeMaxHeaderSize } from 'node:http';
import type { Duplex } from 'node:stream';
import { OrionError } from '@orion/contracts';
import type { ErrorBody } from './error-response.js';

/** Options of {@link orionClientErrorHandler}. */
export interface ClientErrorHandlerOptions {
  /** The server's `maxHeaderSize`, named in the 431 answer. Default: Node's (`http.maxHeaderSize`, 16 KiB). */
  maxHeaderSize?: number;
}

/**
 * A handler for the `clientError` event of Node's HTTP server: requests that never reach a router
 * because Node could not parse them. A request line or headers over the server's `maxHeaderSize`
 * answers 431 with Orion's error body (`ORION_ERR_REQUEST_HEADERS_TOO_LARGE`), other malformed
 * requests 400 (`ORION_ERR_VALIDATION`), a request that took too long 408 with no body, as Node does.
 * The message is English: the headers that would name a language are the ones that did not parse.
 *
 * Pass it to Fastify as `clientErrorHandler`, or add it with `server.on('clientError', …)` to the
 * server of `@hono/node-server`'s `serve()`.
 *
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import { orionClientErrorHandler } from '@orion/core';
 *
 * const app = Fastify({ clientErrorHandler: orionClientErrorHandler() });
 * ```
 */
export function orionClientErrorHandler(
  options: ClientErrorHandlerOptions = {},
): (error: Error & { code?: string }, socket: Duplex) => void {
  const limit = options.maxHeaderSize ?? nodeMaxHeaderSize;
  return (error, socket) => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    let status: number;
    let reason: string;
    let body = '';
    if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
      status = 408;
      reason = 'Request Timeout';
    } else {
      const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
      const orionError = tooLarge
        ? new OrionError('ORION_ERR_REQUEST_HEADERS_TOO_LARGE', { limit })
        : new OrionError('ORION_ERR_VALIDATION', { subject: 'request', issues: 'the request is not valid HTTP/1.1' });
      status = tooLarge ? 431 : 400;
      reason = tooLarge ? 'Request Header Fields Too Large' : 'Bad Request';
      const answer: ErrorBody = {
        error: { code: orionError.code, message: orionError.message, details: { ...orionError.details } },
      };
      body = JSON.stringify(answer);
    }
    if (socket.writable) {
      socket.write(
        `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\n` +
          (body
            ? `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
            : 'Content-Length: 0\r\n\r\n'),
      );
    }
    socket.end();
    socket.once('finish', () => socket.destroy());
  };
}
