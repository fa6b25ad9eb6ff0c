// A local host with this module, for development: `npm run dev` builds the module and starts Orion
// with it on a SQLite file (.orion/dev.sqlite, or ORION_DATABASE=postgres://…), seeds a platform and
// a store on first run, prints both dashboards and the store menu, and serves the module's routes at
// http://127.0.0.1:3000/api/v1/store/__code__/… (PORT to change). Every request is the store's
// clerk with every permission; an Accept-Language header or ?locale=de picks the language.
// `npm run dev -- --once` prints and exits.
//
// @orion/core, @orion/contracts and @orion/tenancy come from this folder's node_modules, the same
// copies the module imports: one copy of each.
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { createOrion } from '@orion/core';
import { TenancyService } from '@orion/tenancy';
import { __camel__Module } from '../dist/index.js';

mkdirSync('.orion', { recursive: true });
const orion = await createOrion({
  database: process.env.ORION_DATABASE ?? 'sqlite:.orion/dev.sqlite',
  modules: [__camel__Module],
});

const tenancy = new TenancyService(orion.db);
let [platform] = await tenancy.listPlatforms();
if (!platform) {
  platform = await tenancy.createPlatform({ code: 'dev', name: 'Development' });
  const merchant = await tenancy.createMerchant({ name: 'Dev merchant' });
  const store = await tenancy.createStore({
    merchantId: merchant.id,
    code: 'dev',
    name: 'Dev store',
    defaultCurrency: 'EUR',
  });
  await tenancy.addStoreToPlatform(store.id, platform.id);
}
const [store] = await tenancy.listPlatformStores(platform.id);
const permissions = orion.permissions().map((permission) => permission.code);

const storeStats = await orion.statsAggregator.getStoreDashboardStats({ storeId: store.id, platformId: platform.id });
const adminStats = await orion.statsAggregator.getAdminDashboardStats({ platformId: platform.id });
console.log(
  JSON.stringify(
    {
      modules: orion.registry.codes(),
      storeDashboard: storeStats.categories['__code__'],
      adminDashboard: adminStats.categories['__code__'],
      menu: await orion.menu({ platformId: platform.id, frontend: 'store', permissions }),
    },
    null,
    2,
  ),
);
if (process.argv.includes('--once')) {
  await orion.close();
} else {
  const handle = orion.createRequestHandler({
    resolveContext: (request) => ({
      platformId: platform.id,
      storeId: store.id,
      permissions,
      locale: new URL(request.url).searchParams.get('locale') ?? request.headers.get('accept-language') ?? 'en',
    }),
  });
  const server = createServer(async (incoming, outgoing) => {
    const chunks = [];
    for await (const chunk of incoming) chunks.push(chunk);
    const body = chunks.length === 0 ? undefined : Buffer.concat(chunks);
    const headers = Object.entries(incoming.headers).flatMap(([name, value]) =>
      (Array.isArray(value) ? value : [value ?? '']).map((one) => [name, one]),
    );
    const response = await handle(
      new Request(`http://localhost${incoming.url}`, { method: incoming.method, headers, body }),
    );
    outgoing.writeHead(response.status, Object.fromEntries(response.headers));
    outgoing.end(Buffer.from(await response.arrayBuffer()));
  });
  const port = Number(process.env.PORT ?? 3000);
  server.listen(port, '127.0.0.1', () => {
    console.log(`Serving http://127.0.0.1:${port}/api/v1/store/__code__/items (Ctrl-C to stop)`);
  });
  process.once('SIGINT', () => server.close(() => orion.close()));
}
