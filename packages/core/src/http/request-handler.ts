import {
  OrionError,
  idSchema,
  isRouteResponse,
  parseInput,
  type Logger,
  type RequestContext,
  type RouteDefinition,
  type RouteFrontend,
  type ServiceLocator,
  type TaskEnqueuer,
  type AnyDatabase,
} from '@orion/contracts';
import { hasActiveStoreMembership } from '@orion/tenancy';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { PlatformConfig } from '../config/platform-config.js';
import type { ModuleEnablement } from '../enablement/module-enablement.js';
import type { EventBus } from '../events/event-bus.js';
import type { Translator } from '../i18n/translator.js';
import type { ModuleRegistry, RegisteredModule } from '../registry/module-registry.js';
import { errorResponse, json } from './error-response.js';
import { queryValues, RouteMatcher } from './route-matcher.js';

/** Turns a request into its {@link RequestContext}, from the app's own authentication. */
export type ContextResolver = (request: Request) => RequestContext | Promise<RequestContext>;

/** A Web-standard handler: `Request` in, `Response` out. */
export type FetchHandler = (request: Request) => Promise<Response>;

/** Options of {@link Orion.createRequestHandler}. */
export interface RequestHandlerOptions {
  /**
   * Resolves who is asking, from the app's own authentication. Throw
   * `new OrionError('ORION_ERR_UNAUTHENTICATED', { reason })` to answer 401.
   */
  resolveContext: ContextResolver;
  /** Where the routes live. Default: `/api/v1`. */
  basePath?: string;
  /**
   * The most bytes a JSON request body may have, unless its route sets `bodyLimit`. Larger bodies
   * answer 413 `ORION_ERR_PAYLOAD_TOO_LARGE`: at once when `Content-Length` says so, else as soon as
   * that many bytes have arrived (the rest is never read). Default: 1 MiB (1 048 576).
   */
  bodyLimit?: number;
  /**
   * The same for the streamed bodies of `body: 'stream'` routes (uploads), which are never held in
   * memory. Default: 256 MiB (268 435 456).
   */
  streamBodyLimit?: number;
}

/** The default of {@link RequestHandlerOptions.bodyLimit}: 1 MiB. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;
/** The default of {@link RequestHandlerOptions.streamBodyLimit}: 256 MiB. */
export const DEFAULT_STREAM_BODY_LIMIT = 256 * 1024 * 1024;

interface HandlerDependencies {
  db: Kysely<AnyDatabase>;
  registry: ModuleRegistry;
  modules: ModuleEnablement;
  services: ServiceLocator;
  tasks: TaskEnqueuer;
  events: EventBus;
  platformConfig: PlatformConfig;
  translator: Translator;
  logger: Logger;
}

const frontends: RouteFrontend[] = ['admin', 'store', 'storefront'];
const adminOnly: RouteFrontend[] = ['admin'];

const contextSchema = z.object({
  platformId: idSchema,
  storeId: idSchema.optional(),
  userId: idSchema.optional(),
  permissions: z.array(z.string()).readonly(),
  locale: z.string().max(35).optional(),
});

interface MountedRoute {
  module: RegisteredModule;
  route: RouteDefinition;
  bodyLimit: number;
}

/**
 * Builds one fetch handler for every installed module's routes, at
 * `<basePath>/<frontend>/<module>/<route path>`, backed by a small router over path segments
 * (a static segment is tried before a `:param` one; the method must match, else 404 as for an
 * unknown path; `HEAD` is answered by the `GET` route without its body).
 *
 * Every request is authenticated first (so an unknown route and a disabled module's route can not
 * be told apart); then a route of a module not enabled on the request's platform answers 404 exactly
 * as an unknown route does (so do an internal module's store and storefront routes: they are never
 * mounted), a missing permission 403, invalid input 400 with the zod issues, and an unexpected
 * error 500 with a correlation id (the stack is logged, never sent).
 */
export function createRequestHandler(deps: HandlerDependencies, options: RequestHandlerOptions): FetchHandler {
  const base = (options.basePath ?? '/api/v1').replace(/\/$/, '');
  const limits = {
    json: byteLimit(options.bodyLimit, DEFAULT_BODY_LIMIT, 'bodyLimit'),
    stream: byteLimit(options.streamBodyLimit, DEFAULT_STREAM_BODY_LIMIT, 'streamBodyLimit'),
  };
  const router = new RouteMatcher<MountedRoute>();
  for (const module of deps.registry.all()) {
    // an internal module is the operator's tool: its store and storefront routes are not mounted,
    // so they answer 404 exactly as an unknown route does
    for (const frontend of module.tier === 'internal' ? adminOnly : frontends) {
      for (const route of module.definition.routes[frontend] ?? []) {
        const path = `${base}/${frontend}/${module.code}${route.path === '/' ? '' : route.path}`;
        const bodyLimit = route.bodyLimit ?? (route.body === 'stream' ? limits.stream : limits.json);
        // erased to its schemas' common type: the handler is only ever called with input its own
        // schemas validated, so it gets what its parameter types say
        router.add(route.method, path, { module, route: route as RouteDefinition, bodyLimit });
      }
    }
  }
  const notFound = (request: Request, url: URL, locale: string | undefined) =>
    errorResponse(
      new OrionError('ORION_ERR_ROUTE_NOT_FOUND', { method: request.method, path: url.pathname }),
      locale,
      deps.translator,
      deps.logger,
      {},
    );

  const dispatch = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const path = url.pathname;
    if (path !== base && !path.startsWith(`${base}/`)) return notFound(request, url, undefined);
    let context: RequestContext;
    try {
      const resolved = await options.resolveContext(request);
      if (resolved === undefined || resolved === null) {
        throw new OrionError('ORION_ERR_UNAUTHENTICATED', { reason: 'no credentials' });
      }
      context = parseInput(contextSchema, resolved, 'request context');
    } catch (error) {
      // a context the app's resolver built wrongly is the app's bug, not the caller's
      const appBug = error instanceof OrionError && error.code === 'ORION_ERR_VALIDATION';
      return errorResponse(
        appBug ? new Error(error.message, { cause: error }) : error,
        undefined,
        deps.translator,
        deps.logger,
        { method: request.method, path, stage: 'resolveContext' },
      );
    }
    try {
      // HEAD is answered by the GET route, without its body (as Hono, which served these routes before, does)
      const match = router.match(request.method === 'HEAD' ? 'GET' : request.method, path);
      if (!match) return notFound(request, url, context.locale);
      const routeNotFound = () => notFound(request, url, context.locale);
      return await handle(request, url, context, match.params, match.value, deps, routeNotFound);
    } catch (error) {
      return errorResponse(error, context.locale, deps.translator, deps.logger, { path });
    }
  };

  return async (request) => {
    const response = await dispatch(request);
    return request.method === 'HEAD' ? new Response(null, response) : response;
  };
}

async function handle(
  request: Request,
  url: URL,
  context: RequestContext,
  pathParams: Record<string, string>,
  { module, route, bodyLimit }: MountedRoute,
  deps: HandlerDependencies,
  notFound: () => Response,
): Promise<Response> {
  const where = { module: module.code, method: route.method, path: url.pathname };
  if (!(await deps.modules.isEnabled(context.platformId, module.code))) return notFound();
  try {
    // the app's resolver names the store; the host still checks it is an active member of the
    // platform, as the dashboards do, so a wrong resolver can not reach another platform's store
    if (
      context.storeId !== undefined &&
      !(await hasActiveStoreMembership(deps.db, context.storeId, context.platformId))
    ) {
      throw new OrionError('ORION_ERR_STORE_NOT_IN_PLATFORM', {
        storeId: context.storeId,
        platformId: context.platformId,
      });
    }
    if (route.permission && !context.permissions.includes(route.permission)) {
      throw new OrionError('ORION_ERR_FORBIDDEN', { permission: route.permission });
    }
    const params = route.params ? parseInput(route.params, pathParams, 'path parameters') : undefined;
    const query = route.query ? parseInput(route.query, queryOf(url), 'query') : undefined;
    const body =
      route.body === 'stream'
        ? limitedBody(request, bodyLimit)
        : route.body
          ? parseInput(route.body, await jsonBody(limitedBody(request, bodyLimit)), 'body')
          : undefined;
    const result = await route.handler({
      params,
      query,
      body,
      request,
      context,
      db: deps.db,
      services: deps.services,
      tasks: deps.tasks,
      events: deps.events.forModule(module.code),
      logger: deps.logger,
      config: await deps.platformConfig.get(context.platformId, module.code),
      t: (key, values) => deps.translator.t(context.locale, module.code, key, values),
    });
    if (result instanceof Response) return result;
    if (isRouteResponse(result)) return json(result.body, result.status, result.headers);
    if (result === undefined) return new Response(null, { status: 204 });
    return json(result);
  } catch (error) {
    // the rest of a refused body stays unread here; the server drains what is still in flight after
    // the answer and then closes the connection (the Fastify adapter does, and @hono/node-server)
    return errorResponse(error, context.locale, deps.translator, deps.logger, where);
  }
}

/** The query's values by name: one value as a string, several as an array. */
function queryOf(url: URL): Record<string, string | string[]> {
  return Object.fromEntries(
    [...queryValues(url.search)].map(([key, values]) => [key, values.length === 1 ? values[0]! : values]),
  );
}

function byteLimit(value: number | undefined, fallback: number, option: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new OrionError('ORION_ERR_VALIDATION', {
      subject: 'request handler options',
      issues: `${option}: expected a whole number of bytes`,
    });
  }
  return value;
}

/**
 * The request's body, cut off at `limit` bytes: refused at once when its `Content-Length` is larger,
 * else the stream errors with `ORION_ERR_PAYLOAD_TOO_LARGE` as soon as more than `limit` bytes have
 * arrived, and stops reading (the rest is never read, so never held in memory).
 */
function limitedBody(request: Request, limit: number): ReadableStream<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > limit) {
    throw new OrionError('ORION_ERR_PAYLOAD_TOO_LARGE', { limit });
  }
  if (!request.body) return new Blob([]).stream();
  // a fetch request's body is bytes (its type says `any` chunks)
  const reader = (request.body as ReadableStream<Uint8Array>).getReader();
  let received = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) return controller.close();
        received += value.byteLength;
        if (received > limit) {
          reader.releaseLock();
          controller.error(new OrionError('ORION_ERR_PAYLOAD_TOO_LARGE', { limit }));
          return;
        }
        controller.enqueue(value);
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
}

async function jsonBody(body: ReadableStream<Uint8Array>): Promise<unknown> {
  const text = await new Response(body).text();
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new OrionError('ORION_ERR_VALIDATION', { subject: 'body', issues: 'the body is not valid JSON' });
  }
}
