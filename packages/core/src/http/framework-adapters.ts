import { Readable } from 'node:stream';
import type { FetchHandler } from './request-handler.js';

/** The slice of a Fastify instance {@link orionFastify} uses (Fastify itself stays the app's dependency). */
export interface FastifyLike {
  removeAllContentTypeParsers(): void;
  addContentTypeParser(
    type: string,
    handler: (request: unknown, payload: unknown, done: (error: Error | null, body?: unknown) => void) => void,
  ): void;
  route(options: { method: string[]; url: string; handler: (request: any, reply: any) => Promise<unknown> }): unknown;
}

/**
 * A Fastify plugin that serves Orion's routes: register it with
 * `app.register(orionFastify(handler))`. Bodies stay unparsed streams (feed uploads stream through),
 * and only inside this plugin: the app's own routes keep Fastify's parsers.
 *
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import { createOrion, orionFastify } from '@orion/core';
 *
 * const orion = await createOrion();
 * const app = Fastify();
 * await app.register(orionFastify(orion.createRequestHandler({ resolveContext: (request) => myAuth(request) })));
 * await app.listen({ port: 3000 });
 * ```
 */
export function orionFastify(
  handler: FetchHandler,
  options: { basePath?: string } = {},
): (fastify: FastifyLike) => Promise<void> {
  const base = (options.basePath ?? '/api/v1').replace(/\/$/, '');
  return async function orionRoutes(fastify: FastifyLike): Promise<void> {
    // inside this plugin only: leave every body unread, so it reaches Orion as a stream
    fastify.removeAllContentTypeParsers();
    fastify.addContentTypeParser('*', (_request, _payload, done) => done(null));
    fastify.route({
      method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      url: `${base}/*`,
      handler: async (request, reply) => {
        const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
        const webRequest = new Request(`${request.protocol}://${request.host}${request.raw.url}`, {
          method: request.method,
          headers: toHeaders(request.headers),
          ...(hasBody ? { body: Readable.toWeb(request.raw) as ReadableStream, duplex: 'half' } : {}),
        } as RequestInit);
        const response = await handler(webRequest);
        reply.status(response.status);
        response.headers.forEach((value, name) => reply.header(name, value));
        return reply.send(
          response.body ? Readable.fromWeb(response.body as import('node:stream/web').ReadableStream) : null,
        );
      },
    });
  };
}

/** The slice of a Hono app {@link orionHono} uses. */
export interface HonoLike {
  all(path: string, handler: (c: { req: { raw: Request } }) => Promise<Response>): unknown;
}

/**
 * Mounts Orion's routes on a Hono app: `orionHono(app, handler)`.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * import { createOrion, orionHono } from '@orion/core';
 *
 * const orion = await createOrion();
 * const app = new Hono();
 * orionHono(app, orion.createRequestHandler({ resolveContext: (request) => myAuth(request) }));
 * ```
 */
export function orionHono<T extends HonoLike>(app: T, handler: FetchHandler, options: { basePath?: string } = {}): T {
  const base = (options.basePath ?? '/api/v1').replace(/\/$/, '');
  app.all(`${base}/*`, (c) => handler(c.req.raw));
  return app;
}

function toHeaders(headers: Record<string, string | string[] | undefined>): Headers {
  const result = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (Array.isArray(value)) for (const item of value) result.append(name, item);
    else if (value !== undefined) result.set(name, value);
  }
  return result;
}
