/**
 * Serves a host's fetch handler over real HTTP on 127.0.0.1 (a free port) for the route tests, with
 * the app-side authentication reduced to headers.
 */
import { serve } from '@hono/node-server';
import { OrionError, type RequestContext } from '../../packages/contracts/src/index.js';

/** A running test server: its base URL, and `close()`. */
export interface RouteServer {
  url: string;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1, port 0, and answers every request with `handler` (through @hono/node-server). */
export function serveOverHttp(handler: (request: Request) => Promise<Response>): Promise<RouteServer> {
  return new Promise((resolve) => {
    const server = serve({ fetch: handler, port: 0, hostname: '127.0.0.1' }, (info) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

/**
 * The test app's authentication: `x-platform` (required), `x-store` (optional: no header, no
 * store), `x-permissions` (comma-separated) and `x-locale`.
 */
export function headerContext(request: Request): RequestContext {
  const platform = request.headers.get('x-platform');
  if (!platform) throw new OrionError('ORION_ERR_UNAUTHENTICATED', { reason: 'no token' });
  const store = request.headers.get('x-store');
  const locale = request.headers.get('x-locale');
  return {
    platformId: Number(platform),
    ...(store ? { storeId: Number(store) } : {}),
    permissions: (request.headers.get('x-permissions') ?? '').split(',').filter(Boolean),
    ...(locale ? { locale } : {}),
  };
}

/** Who calls in a test: the platform, the store (none when `null`), the permissions and the locale. */
export interface Caller {
  platform: number;
  store?: number | null;
  permissions?: readonly string[];
  locale?: string;
}

/** A JSON answer: its status and parsed body. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- an untyped JSON body, read loosely by tests that pass no T
export interface JsonAnswer<T = any> {
  status: number;
  body: T;
}

/** `call(caller, method, path, body?)`: one request to `server` as `caller`, its JSON answer. */
export function caller(server: () => RouteServer) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as JsonAnswer: tests that pass no T read the body loosely
  return async function call<T = any>(
    who: Caller,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<JsonAnswer<T>> {
    const headers = new Headers({ 'x-platform': String(who.platform) });
    if (who.store !== undefined && who.store !== null) headers.set('x-store', String(who.store));
    if (who.permissions?.length) headers.set('x-permissions', who.permissions.join(','));
    if (who.locale) headers.set('x-locale', who.locale);
    if (body !== undefined) headers.set('content-type', 'application/json');
    const response = await fetch(`${server().url}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T };
  };
}
