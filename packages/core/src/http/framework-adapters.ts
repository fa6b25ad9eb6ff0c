import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { FetchHandler } from './request-handler.js';

/** The slice of a Fastify request {@link orionFastify} reads (Fastify's `FastifyRequest` fits it). */
export interface FastifyRequestLike {
  readonly method: string;
  /** `http` or `https`, as Fastify tells it (behind a proxy, with `trustProxy`). */
  readonly protocol: string;
  readonly headers: Record<string, string | string[] | undefined>;
  /** Node's request, whose body stream Orion reads. */
  readonly raw: IncomingMessage;
}

/** The slice of a Fastify reply {@link orionFastify} uses (Fastify's `FastifyReply` fits it). */
export interface FastifyReplyLike {
  /** Node's response, watched for the end of the answer. */
  readonly raw: ServerResponse;
  status(statusCode: number): this;
  header(name: string, value: string): this;
  send(payload?: unknown): this;
}

/** The slice of a Fastify instance {@link orionFastify} uses (Fastify itself stays the app's dependency). */
export interface FastifyLike {
  removeAllContentTypeParsers(): void;
  addContentTypeParser(
    type: string,
    handler: (request: unknown, payload: unknown, done: (error: Error | null, body?: unknown) => void) => void,
  ): void;
  route(options: {
    method: string[];
    url: string;
    handler: (request: FastifyRequestLike, reply: FastifyReplyLike) => Promise<unknown>;
  }): unknown;
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
  // Fastify waits for a plugin's promise (a plugin without one must take a `done` callback).
  return function orionRoutes(fastify: FastifyLike): Promise<void> {
    // inside this plugin only: leave every body unread, so it reaches Orion as a stream
    fastify.removeAllContentTypeParsers();
    fastify.addContentTypeParser('*', (_request, _payload, done) => done(null));
    fastify.route({
      method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      url: `${base}/*`,
      handler: async (request, reply) => {
        const path = (request.raw.url ?? '/').split('?')[0]!;
        if (dotSegment.test(path)) {
          // URL parsing would resolve `..` to another path than the one Fastify (and the app's hooks) routed
          return reply.status(404).send({
            error: { code: 'ORION_ERR_ROUTE_NOT_FOUND', message: `No route answers ${request.method} ${path}.` },
          });
        }
        const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
        const webRequest = new Request(requestUrl(request.protocol, request.headers.host, request.raw.url), {
          method: request.method,
          headers: toHeaders(request.headers),
          ...(hasBody ? { body: Readable.toWeb(request.raw) as ReadableStream, duplex: 'half' } : {}),
        });
        const response = await handler(webRequest);
        if (hasBody) reply.raw.once('finish', () => drainUnread(request.raw));
        reply.status(response.status);
        response.headers.forEach((value, name) => reply.header(name, value));
        // The assertion is needed where an app's types also declare the DOM's ReadableStream (the
        // demo's do); in core's own build it is redundant.
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
        const body = response.body as import('node:stream/web').ReadableStream | null;
        return reply.send(body ? Readable.fromWeb(body) : null);
      },
    });
    return Promise.resolve();
  };
}

/** The slice of a Hono app {@link orionHono} uses. */
export interface HonoLike {
  all(path: string, handler: (c: { req: { raw: Request } }) => Promise<Response>): unknown;
}

/**
 * Mounts Orion's routes on a Hono app: `orionHono(app, handler)`. Hono is an optional peer of
 * `@orion/core`: the app that uses this adapter installs `hono` itself (`npm install hono`); the
 * adapter only calls the app it is given, so nothing loads Hono for an app that does not.
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

/**
 * How much of a body left unread (a 413, a route that answered early) is read and dropped after the
 * answer: more than a fast client can have in flight (about 4 MB on loopback was measured), as
 * `@hono/node-server` drains. Dropped as it arrives, so it costs no memory.
 */
const maxDrainBytes = 64 * 1024 * 1024;
/** How long that may take before the connection is closed. */
const drainTimeoutMs = 2000;

/**
 * After the answer, reads and drops what is left of a request body nobody read (at most
 * {@link maxDrainBytes}, for at most {@link drainTimeoutMs}), then closes the connection if the body
 * has not ended. Closing at once, with the client still sending, makes the kernel reset the
 * connection, and the client loses the answer it had not read yet; never closing would leave the
 * connection stuck behind the unread body.
 */
function drainUnread(raw: IncomingMessage): void {
  if (raw.readableEnded || raw.destroyed) return;
  let drained = 0;
  const cleanup = () => {
    clearTimeout(timer);
    raw.off('data', onData);
    raw.off('end', cleanup);
    raw.off('error', cleanup);
  };
  const close = () => {
    cleanup();
    if (!raw.socket.destroyed) raw.socket.destroySoon();
  };
  const onData = (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > maxDrainBytes) close();
  };
  const timer = setTimeout(close, drainTimeoutMs);
  timer.unref();
  // the abandoned web stream's listener would pause the request again as soon as its queue is full
  raw.removeAllListeners('data');
  raw.on('data', onData);
  raw.once('end', cleanup);
  raw.once('error', cleanup);
  raw.resume();
}

/** A `.` or `..` path segment, plain or percent-encoded, which URL parsing would resolve away. */
const dotSegment = /(?:^|\/)(?:\.|%2e){1,2}(?:\/|$)/i;

/** A `Host` header worth echoing in the URL: a host name, IPv4 or bracketed IPv6 address, and an optional port. */
const plainHost = /^(?:[a-z0-9]([a-z0-9.-]*[a-z0-9])?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The URL Orion's routes see: the path and query Fastify routed (the request target), never a path
 * taken from the client's `Host` header. The origin echoes `Host` only when it is a plain host name
 * and port (`localhost` otherwise), and is appended as text, so it can not move the path.
 */
function requestUrl(protocol: string, host: string | string[] | undefined, target: string | undefined): string {
  const origin = typeof host === 'string' && plainHost.test(host) ? host : 'localhost';
  const path = target?.startsWith('/') ? target : `/${target ?? ''}`;
  return `${protocol === 'https' ? 'https' : 'http'}://${origin}${path}`;
}

function toHeaders(headers: Record<string, string | string[] | undefined>): Headers {
  const result = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (Array.isArray(value)) for (const item of value) result.append(name, item);
    else if (value !== undefined) result.set(name, value);
  }
  return result;
}
