import type { Logger } from '@orion/contracts';
import type { FetchHandler } from '../http/request-handler.js';
import type { HealthCheckResult, HealthReport, HealthStatus } from './health-check.js';

/** What {@link createHealthHandler} needs of the host: its health report. */
export interface HealthSource {
  health(): Promise<HealthReport>;
}

/** Options of {@link createHealthHandler}. */
export interface HealthHandlerOptions {
  /**
   * The host ({@link Orion}), or a function returning it once it has started and `undefined` before
   * (an app that listens before Orion has started: readiness and `/health` answer 503 `starting`).
   */
  orion: HealthSource | (() => HealthSource | undefined);
  /** Whether the app is shutting down: readiness answers 503 `stopping`. Default: never. */
  stopping?: () => boolean;
  /** Where unhealthy checks are logged with their messages (never answered to the caller). */
  logger?: Logger;
}

/** One check in the unauthenticated health body: its status and duration, never its message. */
export interface PublicHealthCheck {
  status: HealthStatus;
  durationMs: number;
}

/**
 * The body of `/health`: the report of {@link Orion.health} without any check's message or details,
 * since anyone may read it (a database's error text names the database and its server).
 */
export interface PublicHealthReport {
  status: HealthStatus;
  checkedAt: string;
  database: PublicHealthCheck;
  modules: Record<string, PublicHealthCheck>;
}

/**
 * The health routes every app needs, as one Web-standard handler that answers by the request's path:
 *
 * - `…/health/live`: 200 `{ status: 'live' }` while the process answers at all;
 * - `…/health/ready`: 200 `{ status: 'ready' }` when the host has started, is not stopping and its
 *   health report is not `unhealthy` (the database answers, every core module's check passes);
 *   otherwise 503 `{ status: 'starting' | 'stopping' | 'unhealthy' }`;
 * - `…/health`: the health report without messages ({@link PublicHealthReport}), 200 unless it is
 *   `unhealthy` (503); 503 `{ status: 'starting' }` before the host has started.
 *
 * No answer carries a check's message: an unhealthy check is logged with it instead. Any other path
 * answers 404. The handler needs no authentication; mount it at `/health`, `/health/live` and
 * `/health/ready` (with {@link orionHono}'s app, or a route per path on any server).
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * import { createHealthHandler, createOrion } from '@orion/core';
 *
 * const orion = await createOrion();
 * const health = createHealthHandler({ orion });
 * const app = new Hono();
 * for (const path of ['/health', '/health/live', '/health/ready']) app.get(path, (c) => health(c.req.raw));
 * ```
 */
export function createHealthHandler(options: HealthHandlerOptions): FetchHandler {
  const host = typeof options.orion === 'function' ? options.orion : () => options.orion as HealthSource;
  const stopping = options.stopping ?? (() => false);
  const answer = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    });
  const report = async (source: HealthSource): Promise<PublicHealthReport> => {
    const full = await source.health();
    const failing = [['database', full.database] as const, ...Object.entries(full.modules)].filter(
      ([, check]) => check.status !== 'healthy',
    );
    for (const [name, check] of failing) {
      options.logger?.warn(`Health check "${name}" is ${check.status}`, {
        ...(check.message === undefined ? {} : { message: check.message }),
      });
    }
    return {
      status: full.status,
      checkedAt: full.checkedAt,
      database: publicCheck(full.database),
      modules: Object.fromEntries(Object.entries(full.modules).map(([code, check]) => [code, publicCheck(check)])),
    };
  };

  return async (request) => {
    const path = new URL(request.url).pathname.replace(/\/+$/, '');
    if (path.endsWith('/health/live')) return answer(200, { status: 'live' });
    const ready = path.endsWith('/health/ready');
    if (!ready && !path.endsWith('/health')) return answer(404, { status: 'not found' });
    const source = host();
    if (source === undefined) return answer(503, { status: 'starting' });
    if (ready && stopping()) return answer(503, { status: 'stopping' });
    const health = await report(source);
    if (ready)
      return health.status === 'unhealthy' ? answer(503, { status: 'unhealthy' }) : answer(200, { status: 'ready' });
    return answer(health.status === 'unhealthy' ? 503 : 200, health);
  };
}

function publicCheck(check: HealthCheckResult): PublicHealthCheck {
  return { status: check.status, durationMs: check.durationMs };
}
