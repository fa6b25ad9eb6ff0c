/**
 * Several app processes on one database, for the coherence tests and the coherence-delay bench: a
 * fixture app (the BUILT @orion/core, a `widgets` module with a metrics provider, a store route,
 * a menu item and a config schema), a small HTTP server per process reporting what that process sees, and the `orion`
 * CLI run in the same app.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliApp, linkZod, orion, sourceModule, type CliRun } from '../cli/cli-app.js';

export const widgetsModule = sourceModule(
  'fixture-widgets',
  `import { defineModule, defineRoute } from '@orion/contracts';
import { z } from 'zod';
export default defineModule({
  code: 'widgets',
  name: 'Widgets',
  version: '1.0.0',
  config: { schema: z.object({ perPage: z.coerce.number().int().min(1).max(100).default(20) }), envPrefix: 'WIDGETS_' },
  menuItems: [{ id: 'widgets.list', frontend: 'store', label: 'Widgets', path: '/widgets', order: 10 }],
  routes: { store: [defineRoute({ method: 'GET', path: '/ping', handler: () => ({ pong: true }) })] },
  metricsProvider: () => ({
    metricsCategory: 'widgets',
    getStoreMetrics: () => [{ key: 'widgets.count', value: 1, label: 'Widgets', category: 'widgets' }],
    getPlatformMetrics: () => [{ key: 'widgets.count', value: 1, label: 'Widgets', category: 'widgets' }],
  }),
});
`,
);

/** The instance's server: `/state` reports what this process sees; `/enable`, `/disable`, `/config` change it. */
const serverSource = `import { createServer } from 'node:http';
import { createOrion } from '@orion/core';
const say = (level) => (message, fields) => process.stderr.write(level + ': ' + message + ' ' + (fields?.error?.message ?? '') + '\\n');
const logger = { debug() {}, info() {}, warn: say('warn'), error: say('error') };
const orion = await createOrion({ database: process.env.DATABASE_URL, logger });
const events = [];
for (const name of ['module.enabled', 'module.disabled', 'module.config_changed']) {
  orion.events.on(name, (payload) => void events.push({ name, code: payload.code, origin: payload.origin, config: payload.config }));
}
const handle = orion.createRequestHandler({
  resolveContext: (request) => {
    const url = new URL(request.url);
    return { platformId: Number(url.searchParams.get('platform')), storeId: Number(url.searchParams.get('store')), permissions: [] };
  },
});
const server = createServer(async (request, response) => {
  const url = new URL(request.url, 'http://localhost');
  const platformId = Number(url.searchParams.get('platform'));
  const storeId = Number(url.searchParams.get('store'));
  const code = url.searchParams.get('code');
  const send = (status, body) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  try {
    if (url.pathname === '/state') {
      const dashboard = await orion.statsAggregator.getStoreDashboardStats({ storeId, platformId });
      const menu = await orion.menu({ platformId, frontend: 'store', permissions: [] });
      const route = await handle(new Request('http://localhost/api/v1/store/widgets/ping?platform=' + platformId + '&store=' + storeId));
      return send(200, {
        enabled: await orion.modules.listEnabled(platformId),
        categories: Object.keys(dashboard.categories),
        menu: menu.map((item) => item.id),
        route: route.status,
        config: await orion.platformConfig.get(platformId, 'widgets'),
        events,
      });
    }
    if (url.pathname === '/enable' || url.pathname === '/disable') {
      const result = await orion.modules[url.pathname.slice(1)](platformId, code);
      return send(200, result.changed);
    }
    if (url.pathname === '/config') {
      return send(200, await orion.platformConfig.set(platformId, code, JSON.parse(url.searchParams.get('value'))));
    }
    send(404, {});
  } catch (error) {
    send(500, { error: String(error) });
  }
});
server.listen(0, '127.0.0.1', () => console.log('listening on ' + server.address().port));
process.on('SIGTERM', () => {
  server.close();
  orion.close().then(() => process.exit(0), () => process.exit(1));
});
`;

/** What one instance reports. */
export interface InstanceState {
  enabled: string[];
  categories: string[];
  menu: string[];
  route: number;
  config: Record<string, unknown>;
  events: { name: string; code: string; origin: string; config?: Record<string, unknown> }[];
}

export interface Instance {
  port: number;
  state(platformId: number, storeId: number): Promise<InstanceState>;
  call(path: string, query: Record<string, string | number>): Promise<unknown>;
  output(): string;
  stop(): Promise<void>;
}

/** The fixture app (a temporary folder removed by `cleanups`), with the instance server written into it. */
export function instanceApp(cleanups: (() => void)[]): string {
  const app = cliApp(cleanups, [widgetsModule]);
  linkZod(app);
  writeFileSync(join(app, 'server.mjs'), serverSource);
  return app;
}

/** Starts one instance (`node server.mjs`) on the database and resolves once it listens. */
export async function startInstance(app: string, databaseUrl: string): Promise<Instance> {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const child: ChildProcess = spawn(process.execPath, ['server.mjs'], {
    cwd: app,
    env: { ...inherited, DATABASE_URL: databaseUrl, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the instance did not start:\n${output}`)), 60_000);
    const check = () => {
      const match = /listening on (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`the instance exited:\n${output}`));
    });
  });
  const call = async (path: string, query: Record<string, string | number>) => {
    const search = new URLSearchParams(
      Object.entries(query).map(([key, value]): [string, string] => [key, String(value)]),
    );
    const response = await fetch(`http://127.0.0.1:${port}${path}?${search.toString()}`);
    const body = await response.json();
    if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
    return body;
  };
  return {
    port,
    call,
    state: (platformId, storeId) => call('/state', { platform: platformId, store: storeId }) as Promise<InstanceState>,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(killer);
      }
    },
  };
}

/** The `orion` CLI in the app, on the database. */
export function cli(app: string, databaseUrl: string, args: string[]): Promise<CliRun> {
  return orion(app, args, { DATABASE_URL: databaseUrl });
}

/** Whether an instance shows widgets everywhere (`true`), nowhere (`false`), or a mix (`undefined`). */
export function widgetsShown(state: InstanceState): boolean | undefined {
  const seen = [
    state.enabled.includes('widgets'),
    state.categories.includes('widgets'),
    state.menu.includes('widgets.list'),
    state.route === 200,
  ];
  if (seen.every(Boolean)) return true;
  if (seen.every((shown) => !shown)) return false;
  return undefined;
}

/** Polls every instance until `agree(state)` holds for each; resolves the milliseconds it took. */
export async function untilAllAgree(
  instances: Instance[],
  platformId: number,
  storeId: number,
  agree: (state: InstanceState) => boolean,
  capMs = 10_000,
): Promise<number> {
  const started = performance.now();
  for (;;) {
    const last = await Promise.all(instances.map((instance) => instance.state(platformId, storeId)));
    if (last.every(agree)) return performance.now() - started;
    if (performance.now() - started > capMs) {
      throw new Error(`the instances did not agree within ${capMs} ms: ${JSON.stringify(last, null, 2)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
