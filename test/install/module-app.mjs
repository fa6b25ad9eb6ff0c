// An app that installed a module made by create-orion-module: start Orion from this folder's
// package.json (discovery finds the module), seed a store on first run, serve the routes with
// Fastify, and print what the module shows: its metric on both dashboards, its menu item, its
// routes' answers (one in German), as JSON. MODULE is the module code, such as my-notes.
import Fastify from 'fastify';
import { createOrion, orionFastify, TenancyService } from '@orion/core';

const code = process.env.MODULE;
const orion = await createOrion({
  database: process.env.ORION_DATABASE,
  logger: { debug() {}, info() {}, warn: console.error, error: console.error },
});
try {
  const tenancy = new TenancyService(orion.db);
  let [platform] = await tenancy.listPlatforms();
  if (!platform) {
    platform = await tenancy.createPlatform({ code: 'main', name: 'Main' });
    const merchant = await tenancy.createMerchant({ name: 'Acme' });
    const store = await tenancy.createStore({
      merchantId: merchant.id,
      code: 'acme',
      name: 'Acme',
      defaultCurrency: 'EUR',
    });
    await tenancy.addStoreToPlatform(store.id, platform.id);
  }
  const [store] = await tenancy.listPlatformStores(platform.id);
  const permissions = orion.permissions().map((permission) => permission.code);

  const app = Fastify();
  await app.register(
    orionFastify(
      orion.createRequestHandler({
        // the app's own authentication would go here; this app trusts everyone with every permission
        resolveContext: (request) => ({
          platformId: platform.id,
          storeId: store.id,
          permissions,
          locale: request.headers.get('accept-language') ?? 'en',
        }),
      }),
    ),
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${app.server.address().port}/api/v1/store/${code}/items`;
  const call = async (path, init) => {
    const response = await fetch(`${base}${path}`, init);
    return { status: response.status, body: await response.json() };
  };
  const added = await call('', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Hello' }),
  });
  const list = await call('');
  const missing = await call('/999999', { headers: { 'accept-language': 'de' } });
  await app.close();

  const metric = (stats) =>
    Object.values(stats.categories)
      .flat()
      .find((value) => value.key === `${code}.items`) ?? null;
  const storeStats = await orion.statsAggregator.getStoreDashboardStats({
    storeId: store.id,
    platformId: platform.id,
    context: { locale: 'de' },
  });
  const adminStats = await orion.statsAggregator.getAdminDashboardStats({ platformId: platform.id });
  const menu = await orion.menu({ platformId: platform.id, frontend: 'store', permissions, locale: 'de' });
  console.log(
    JSON.stringify({
      modules: orion.registry.codes(),
      added: added.status,
      list: { status: list.status, count: list.body.items?.length ?? null },
      missing,
      storeMetric: metric(storeStats),
      adminMetric: metric(adminStats),
      failures: [...storeStats.failures, ...adminStats.failures].map((failure) => failure.message),
      menu: menu.filter((item) => item.module === code),
    }),
  );
} finally {
  await orion.close();
}
