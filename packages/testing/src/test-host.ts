import {
  createOrion,
  OrionError,
  type AdminDashboardRequest,
  type AnyDatabase,
  type ContextResolver,
  type DashboardStats,
  type FetchHandler,
  type Logger,
  type MetricValue,
  type Orion,
  type OrionOptions,
  type RequestContext,
  type StoreDashboardRequest,
} from '@orion/core';
import type { Kysely } from 'kysely';
import { recordingLogger, type LogEntry } from './recording-logger.js';
import { seedTenancy, type SeedTenancyOptions, type SeededTenancy } from './seed-tenancy.js';
import { createTestDatabase, type TestDatabase, type TestDialect } from './test-database.js';

/** Options of {@link startTestHost}: `createOrion`'s, with the database chosen by the kit. */
export interface TestHostOptions extends Omit<OrionOptions, 'database'> {
  /** Where to run. Default: `sqlite`. Ignored when `database` is given. */
  dialect?: TestDialect;
  /**
   * A database to use instead of a new one, for a second host on the same data (a restart, say).
   * The host does not drop it: its owner does.
   */
  database?: TestDatabase;
  /** The server for a new PostgreSQL database. Default: `ORION_TEST_POSTGRES_URL`, or postgres://postgres@127.0.0.1:5432/test. */
  postgresUrl?: string;
  /**
   * Who is asking when a request did not come through {@link TestHost.request} (when the app serves
   * {@link TestHost.fetch} over HTTP, say). Default: every such request answers 401.
   */
  resolveContext?: ContextResolver;
  /** Where the routes live. Default: `/api/v1`. */
  basePath?: string;
}

/** Options of {@link TestHost.request}. */
export interface TestRequestOptions {
  /** Who is asking. Without one the request is unauthenticated (401). */
  context?: RequestContext;
  /**
   * A JSON body: a value is stringified, a string sent as is (malformed JSON, say); either way with
   * `content-type: application/json` unless `headers` says otherwise.
   */
  body?: unknown;
  /** More request headers. */
  headers?: Record<string, string>;
}

/**
 * An answer of {@link TestHost.request}. Like `Response.json()`, the body is untyped (`any`) unless
 * the caller names its type: a test reads it and its assertions check the shape.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- an untyped JSON body by default, as `Response.json()` gives
export interface TestResponse<T = any> {
  status: number;
  headers: Headers;
  /** The parsed JSON body; the text for other content types; `undefined` when empty. */
  body: T;
}

/** A dashboard, with shortcuts for assertions. */
export interface TestDashboard extends DashboardStats {
  /** Every metric's value by key, across categories. */
  values: Record<string, number | string>;
  /** The metric with this key, in any category. */
  metric(key: string): MetricValue | undefined;
}

/** A running host on a throwaway database; see {@link startTestHost}. */
export interface TestHost {
  /** The host itself, for everything the kit does not wrap. */
  readonly orion: Orion;
  /** The host's database. */
  readonly db: Kysely<AnyDatabase>;
  readonly dialect: TestDialect;
  /** The throwaway database (its URL, for a second host or the CLI). */
  readonly database: TestDatabase;
  /** Everything the host logged (also passed on to `options.logger` when given). */
  readonly logs: LogEntry[];
  /** The host's request handler, as an app would mount it; see `resolveContext`. */
  readonly fetch: FetchHandler;
  /**
   * Calls a route through the request handler, no server: `host.request('GET', '/api/v1/store/notes',
   * { context })`. A trailing `/` on the path is dropped (routes are matched strictly).
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- an untyped JSON body by default, as `Response.json()` gives
  request<T = any>(method: string, path: string, options?: TestRequestOptions): Promise<TestResponse<T>>;
  /** {@link seedTenancy} on this host's database. */
  seedTenancy(options?: SeedTenancyOptions): Promise<SeededTenancy>;
  /** `orion.statsAggregator.getStoreDashboardStats`, with shortcuts. */
  storeDashboard(request: StoreDashboardRequest): Promise<TestDashboard>;
  /** `orion.statsAggregator.getAdminDashboardStats`, with shortcuts. */
  adminDashboard(request: AdminDashboardRequest): Promise<TestDashboard>;
  /** Closes the host, then deletes the SQLite folder or drops the PostgreSQL database it made. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts a host with the given modules on a new SQLite file or PostgreSQL database, with migrations
 * run. Call {@link TestHost.stop} when done (in `afterEach`, say): it closes the host and removes
 * the database. If the host fails to start, the database is removed before the error is rethrown.
 *
 * @throws OrionError whatever `createOrion` throws (`ORION_ERR_MODULE_REQUIREMENT_MISSING`,
 *   `ORION_ERR_CONFIG_INVALID`, `ORION_ERR_MIGRATION_FAILED`, …); Error from `pg` when PostgreSQL is unreachable.
 * @example
 * ```ts
 * import { defineModule } from '@orion/core';
 * import { startTestHost } from '@orion/testing';
 *
 * const helloModule = defineModule({
 *   code: 'hello',
 *   name: 'Hello',
 *   version: '1.0.0',
 *   routes: { store: [{ method: 'GET', path: '/', permission: 'hello.view', handler: () => ({ hello: 'world' }) }] },
 *   permissions: [{ code: 'hello.view', label: 'See hello' }],
 * });
 *
 * const host = await startTestHost({ modules: [helloModule], dialect: 'sqlite' });
 * try {
 *   const { platformId, storeId } = await host.seedTenancy();
 *   const answer = await host.request('GET', '/api/v1/store/hello', {
 *     context: { platformId, storeId, permissions: ['hello.view'] },
 *   });
 *   console.log(answer.status, answer.body); // 200 { hello: 'world' }
 * } finally {
 *   await host.stop();
 * }
 * ```
 */
export async function startTestHost(options: TestHostOptions = {}): Promise<TestHost> {
  const {
    dialect: requested,
    database: given,
    postgresUrl,
    resolveContext,
    basePath,
    logger: forward,
    ...orionOptions
  } = options;
  const database =
    given ?? (await createTestDatabase(requested ?? 'sqlite', postgresUrl === undefined ? {} : { postgresUrl }));
  const dropDatabase = given ? async () => {} : () => database.drop();
  const recorder = recordingLogger();
  const logger = forward ? teeLogger(recorder, forward) : recorder;

  let orion: Orion;
  try {
    orion = await createOrion({ modules: [], ...orionOptions, logger, database: database.url });
  } catch (error) {
    await dropDatabase();
    throw error;
  }

  const contexts = new WeakMap<Request, RequestContext>();
  let handler: FetchHandler | undefined;
  // built on first use: a host that only serves dashboards never builds its router
  const fetch: FetchHandler = (request) => {
    handler ??= orion.createRequestHandler({
      ...(basePath === undefined ? {} : { basePath }),
      resolveContext: (received) => {
        const context = contexts.get(received);
        if (context) return context;
        if (resolveContext) return resolveContext(received);
        throw new OrionError('ORION_ERR_UNAUTHENTICATED', { reason: 'no context given to host.request' });
      },
    });
    return handler(request);
  };

  let stopping: Promise<void> | undefined;
  return {
    orion,
    db: orion.db,
    dialect: database.dialect,
    database,
    logs: recorder.entries,
    fetch,
    async request<T>(method: string, path: string, requestOptions: TestRequestOptions = {}): Promise<TestResponse<T>> {
      const headers = new Headers(requestOptions.headers);
      const { body } = requestOptions;
      if (body !== undefined && !headers.has('content-type')) {
        headers.set('content-type', 'application/json');
      }
      const request = new Request(`http://orion.test${withoutTrailingSlash(path)}`, {
        method: method.toUpperCase(),
        headers,
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      if (requestOptions.context) contexts.set(request, requestOptions.context);
      const response = await fetch(request);
      return { status: response.status, headers: response.headers, body: (await readBody(response)) as T };
    },
    seedTenancy: (seedOptions) => seedTenancy(orion.db, seedOptions),
    storeDashboard: async (request) => withShortcuts(await orion.statsAggregator.getStoreDashboardStats(request)),
    adminDashboard: async (request) => withShortcuts(await orion.statsAggregator.getAdminDashboardStats(request)),
    stop() {
      stopping ??= (async () => {
        try {
          await orion.close();
        } finally {
          await dropDatabase();
        }
      })();
      return stopping;
    },
  };
}

function withoutTrailingSlash(path: string): string {
  const [pathname = '', query] = splitOnce(path, '?');
  const trimmed = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  return query === undefined ? trimmed : `${trimmed}?${query}`;
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at === -1 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  return (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text;
}

function withShortcuts(stats: DashboardStats): TestDashboard {
  const all = Object.values(stats.categories).flat();
  return {
    ...stats,
    values: Object.fromEntries(all.map((metric) => [metric.key, metric.value])),
    metric: (key) => all.find((metric) => metric.key === key),
  };
}

function teeLogger(first: Logger, second: Logger): Logger {
  return {
    debug: (message, meta) => (first.debug(message, meta), second.debug(message, meta)),
    info: (message, meta) => (first.info(message, meta), second.info(message, meta)),
    warn: (message, meta) => (first.warn(message, meta), second.warn(message, meta)),
    error: (message, meta) => (first.error(message, meta), second.error(message, meta)),
  };
}
