import type { Kysely } from 'kysely';
import type { AnyDatabase } from '../database/any-database.js';
import type { AnyModuleConfig } from '../module/any-module-config.js';
import type { z } from 'zod';
import type { ModuleEvents } from '../events/module-events.js';
import type { Logger } from '../logging/logger.js';
import type { ServiceLocator } from '../services/service-ref.js';
import type { TaskEnqueuer } from '../tasks/task-definition.js';
import type { RequestContext } from './request-context.js';

/** The HTTP methods a module route may answer. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The frontends a module's routes are mounted under: `/api/v1/<frontend>/<module>/…`. */
export type RouteFrontend = 'admin' | 'store' | 'storefront';

/**
 * What a route handler receives: validated input, the caller, and the host's parts. `TDatabase`
 * and `TConfig` are the module's (see {@link moduleKit}); {@link AnyDatabase} and
 * {@link AnyModuleConfig} when not declared.
 */
export interface RouteHandlerArgs<
  P = unknown,
  Q = unknown,
  B = unknown,
  TDatabase = AnyDatabase,
  TConfig = AnyModuleConfig,
> {
  params: P;
  query: Q;
  /** The validated JSON body, or, for `body: 'stream'`, the request's body stream. */
  body: B;
  /** The Web-standard request, as received. */
  request: Request;
  context: RequestContext;
  /** The host's database, typed with the module's tables. */
  db: Kysely<TDatabase>;
  services: ServiceLocator;
  /** Enqueues background tasks (`tasks.enqueue({ module, task, platformId, payload })`). */
  tasks: TaskEnqueuer;
  /** Publishes the module's declared events (`{ platformId: context.platformId }`) and subscribes to others'. */
  events: ModuleEvents;
  logger: Logger;
  /** The module's configuration on the request's platform. */
  config: TConfig;
  /** Translates one of the module's message keys into the request's locale. */
  t: (key: string, values?: Record<string, unknown>) => string;
}

/**
 * What a handler returns, or a promise of it: a `Response` as it is, a {@link RouteResponse} for a status other than
 * 200 (see {@link routeResponse}), `undefined` for 204, or any JSON value for 200. Since any JSON
 * value is allowed, the type is `unknown`; the host awaits a promise and tells the cases apart at
 * run time.
 */
export type RouteResult = unknown;

/** A JSON answer with a status other than 200. */
export interface RouteResponse {
  readonly $$type: '@orion/RouteResponse';
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * Answers a route with `status` and a JSON `body`: `return routeResponse(201, order)`.
 *
 * @example
 * ```ts
 * import { defineRoute, routeResponse } from '@orion/contracts';
 * import { z } from 'zod';
 *
 * export const addNote = defineRoute({
 *   method: 'POST', path: '/notes', permission: 'notes.manage',
 *   body: z.object({ text: z.string().min(1) }),
 *   handler: async ({ body, context, db }) => {
 *     const note = await db.insertInto('notes').values({ store_id: context.storeId!, text: body.text }).returningAll().executeTakeFirstOrThrow();
 *     return routeResponse(201, note);
 *   },
 * });
 * ```
 */
export function routeResponse(status: number, body: unknown, headers?: Record<string, string>): RouteResponse {
  return { $$type: '@orion/RouteResponse', status, body, ...(headers ? { headers } : {}) };
}

/** Whether a handler's result is a {@link RouteResponse} (from any copy of this package). */
export function isRouteResponse(value: unknown): value is RouteResponse {
  return (
    typeof value === 'object' && value !== null && (value as { $$type?: unknown }).$$type === '@orion/RouteResponse'
  );
}

/**
 * One HTTP route of a module. Paths are relative to `/api/v1/<frontend>/<module>` and use `:name`
 * parameters. `TDatabase` and `TConfig` type the handler's `db` and `config` (see {@link moduleKit}).
 */
export interface RouteDefinition<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType | 'stream' = z.ZodType | 'stream',
  TDatabase = AnyDatabase,
  TConfig = AnyModuleConfig,
> {
  method: HttpMethod;
  /** `/` or `/orders/:orderId`. */
  path: string;
  /** One line for people reading the route list. */
  summary?: string;
  /** Validates path parameters (strings; use {@link idParamSchema} for ids: decimal digits only). */
  params?: P;
  /** Validates the query string (values are strings; repeated keys become arrays). */
  query?: Q;
  /** Validates the JSON body, or `'stream'` to get the raw body stream (uploads). */
  body?: B;
  /**
   * The most bytes this route's body may have; a larger one answers 413
   * `ORION_ERR_PAYLOAD_TOO_LARGE` and is never read past the limit. Default: the host's (1 MiB for
   * JSON bodies, 256 MiB for `'stream'` bodies; see the request handler's `bodyLimit` and
   * `streamBodyLimit` options).
   */
  bodyLimit?: number;
  /** The permission the caller must hold; none for public routes. */
  permission?: string;
  handler: (
    args: RouteHandlerArgs<
      P extends z.ZodType ? z.output<P> : undefined,
      Q extends z.ZodType ? z.output<Q> : undefined,
      B extends 'stream' ? ReadableStream<Uint8Array> : B extends z.ZodType ? z.output<B> : undefined,
      TDatabase,
      TConfig
    >,
  ) => RouteResult;
}

/** A module's routes by frontend; `TDatabase` and `TConfig` type their handlers' `db` and `config`. */
export type ModuleRoutes<TDatabase = AnyDatabase, TConfig = AnyModuleConfig> = Partial<
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- routes of any schemas: their types are the handler's parameter, so `z.ZodType` would reject typed routes
  Record<RouteFrontend, RouteDefinition<any, any, any, TDatabase, TConfig>[]>
>;

/**
 * Declares a route with its input types inferred from its schemas; its `db` is
 * `Kysely<AnyDatabase>` and its `config` is {@link AnyModuleConfig}. For a route typed with the module's tables and configuration, use
 * `route` of {@link moduleKit}.
 *
 * @example
 * ```ts
 * import { defineRoute, idParamSchema } from '@orion/contracts';
 * import { OrdersService } from '@orion/orders';
 * import { z } from 'zod';
 *
 * export const getOrder = defineRoute({
 *   method: 'GET',
 *   path: '/orders/:orderId',
 *   params: z.object({ orderId: idParamSchema }),
 *   permission: 'orders.view',
 *   handler: ({ params, db }) => new OrdersService(db).getOrder(params.orderId),
 * });
 * ```
 */
export function defineRoute<
  P extends z.ZodType = z.ZodType<undefined>,
  Q extends z.ZodType = z.ZodType<undefined>,
  B extends z.ZodType | 'stream' = z.ZodType<undefined>,
>(route: RouteDefinition<P, Q, B>): RouteDefinition<P, Q, B> {
  return route;
}
