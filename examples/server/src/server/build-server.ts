import { fileURLToPath } from 'node:url';
import {
  OrionError,
  createConsoleLogger,
  createHealthHandler,
  createTranslator,
  orionClientErrorHandler,
  orionFastify,
  type Logger,
  type Orion,
} from '@orion/core';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { registerApiRoutes } from './api-routes.js';
import { sendErrorReply } from './error-reply.js';
import { createLiveOrion, type LiveOrion } from './live-orion.js';
import { requestLocale } from './request-locale.js';
import { registerStaticRoutes } from './static-routes.js';

/** Options of {@link buildServer}; every one has a default. */
export interface BuildServerOptions {
  /** Where unexpected errors (500s, with their correlation id) are logged. Default: core's console logger. */
  logger?: Logger;
  /** Fastify's own request log (pino, to stdout). Default: off. */
  requestLog?: boolean;
  /** The page's folder: `index.html` and `assets/`. Default: `examples/server/public`. */
  publicDir?: string;
  /** How long one computation of the `/metrics` dashboard gauges serves scrapes. Default: 15 000 ms. */
  metricsCacheMs?: number;
  /** Node's default process metrics on `/metrics` as well. Default: true. */
  processMetrics?: boolean;
}

/** The demo server {@link buildServer} returns. */
export interface DemoServer {
  /** The Fastify instance, every route registered: `listen()` on it right away. */
  app: FastifyInstance;
  /**
   * Serves the API on a started Orion (migrated, start-up hooks run, seeded): from then on
   * `/health/ready` answers 200 and the other routes answer instead of 503.
   */
  attach(orion: Orion): void;
  /** Marks the server as stopping: `/health/ready` answers 503 again; requests still get answers. */
  markStopping(): void;
  /** Whether `/health/ready` answers 200. */
  readonly ready: boolean;
}

const healthPaths = new Set(['/health', '/health/live', '/health/ready']);

/**
 * Builds the demo's HTTP server (Fastify 5), which can listen before Orion has started: until
 * {@link DemoServer.attach}, `/health/live` answers 200, `/health` and `/health/ready` 503, and
 * every other route 503 with `ORION_ERR_NOT_READY`.
 *
 * Routes: the JSON API under `/api/v1` (see `api-routes.ts`), every installed module's routes at
 * `/api/v1/<frontend>/<module>/…` through Orion's Fastify adapter, `/health`, `/health/live`,
 * `/health/ready`, `/metrics` (Prometheus text, no token), `/` and `/assets/*` (the page).
 *
 * @example
 * ```ts
 * import { createOrion } from '@orion/core';
 * import { buildServer } from './server/build-server.js';
 *
 * const server = buildServer();
 * await server.app.listen({ port: 3000 });       // /health/ready: 503
 * server.attach(await createOrion({ ... }));      // /health/ready: 200
 * ```
 */
export function buildServer(options: BuildServerOptions = {}): DemoServer {
  const logger = options.logger ?? createConsoleLogger();
  // the host's error messages in every locale, before any host exists (for ORION_ERR_NOT_READY)
  const startingTranslator = createTranslator();
  const registry = new Registry();
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry });
  let live: LiveOrion | undefined;
  let stopping = false;

  const localeOf = (request: FastifyRequest) => {
    const query = request.query as { locale?: unknown } | undefined;
    const locale = typeof query?.locale === 'string' ? query.locale : undefined;
    return requestLocale(locale, request.headers['accept-language']);
  };
  const sendError = (request: FastifyRequest, reply: FastifyReply, error: unknown) =>
    sendErrorReply(
      reply,
      error,
      localeOf(request),
      { translator: live?.orion.translator ?? startingTranslator, logger },
      {
        method: request.method,
        path: request.url.split('?')[0],
      },
    );
  const notReadyBody = (locale: string | undefined) => ({
    error: {
      code: 'ORION_ERR_NOT_READY',
      message: startingTranslator.error(
        locale,
        'ORION_ERR_NOT_READY',
        {},
        new OrionError('ORION_ERR_NOT_READY').message,
      ),
    },
  });

  const app = Fastify({
    logger: options.requestLog === true,
    // a request line or headers over Node's 16 KiB answer Orion's error body (431), not Fastify's
    clientErrorHandler: orionClientErrorHandler(),
    frameworkErrors: (error, request, reply) => void sendError(request, reply, error),
  });

  app.addHook('onRequest', (request, reply, done) => {
    if (live || healthPaths.has(request.url.split('?')[0]!)) return done();
    reply
      .code(503)
      .header('retry-after', '5')
      .send(notReadyBody(localeOf(request)));
  });
  app.setErrorHandler((error, request, reply) => sendError(request, reply, error));
  app.setNotFoundHandler((request, reply) =>
    sendError(
      request,
      reply,
      new OrionError('ORION_ERR_ROUTE_NOT_FOUND', { method: request.method, path: request.url.split('?')[0] }),
    ),
  );

  const current = (): LiveOrion => {
    if (!live) throw new Error('The server is not attached to Orion yet');
    return live;
  };

  // the library's health routes: readiness follows the database, and the body carries no driver text
  const health = createHealthHandler({ orion: () => live?.orion, stopping: () => stopping, logger });
  for (const path of healthPaths) {
    app.get(path, async (_request, reply) => {
      const answer = await health(new Request(`http://localhost${path}`));
      answer.headers.forEach((value, name) => void reply.header(name, value));
      return reply.code(answer.status).send(await answer.text());
    });
  }
  app.get('/metrics', async (_request, reply) => {
    await current().gauges.refresh();
    return reply.type(registry.contentType).send(await registry.metrics());
  });
  registerApiRoutes(app, current);
  app.register(
    orionFastify(async (request) =>
      live
        ? live.moduleRoutes(request)
        : Response.json(notReadyBody(undefined), { status: 503, headers: { 'retry-after': '5' } }),
    ),
  );
  registerStaticRoutes(app, {
    publicDir: options.publicDir ?? fileURLToPath(new URL('../../public/', import.meta.url)),
  });

  return {
    app,
    attach(orion) {
      if (live) throw new Error('The server is already attached to an Orion host');
      live = createLiveOrion(orion, {
        registry,
        ...(options.metricsCacheMs === undefined ? {} : { metricsCacheMs: options.metricsCacheMs }),
        onMetricsError: (error) => logger.error('Computing the /metrics dashboard gauges failed', { error }),
      });
    },
    markStopping() {
      stopping = true;
    },
    get ready() {
      return live !== undefined && !stopping;
    },
  };
}
