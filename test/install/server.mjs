// The app's HTTP server: Fastify with Orion's routes mounted, as in the README. It asks itself for
// each path in PATHS and prints the statuses, then stops.
import Fastify from 'fastify';
import { createOrion, orionFastify, TenancyService } from '@orion/core';

const orion = await createOrion({ database: process.env.ORION_DATABASE, logger: { debug() {}, info() {}, warn() {}, error: console.error } });
const tenancy = new TenancyService(orion.db);
const [platform] = await tenancy.listPlatforms();
const [store] = await tenancy.listPlatformStores(platform.id);

const app = Fastify();
await app.register(
  orionFastify(
    orion.createRequestHandler({
      // the app's own authentication would go here; this app trusts everyone with every permission
      resolveContext: () => ({ platformId: platform.id, storeId: store.id, permissions: orion.permissions().map((p) => p.code) }),
    }),
  ),
);
await app.listen({ port: 0, host: '127.0.0.1' });
const { port } = app.server.address();
const statuses = {};
for (const path of JSON.parse(process.env.PATHS)) statuses[path] = (await fetch(`http://127.0.0.1:${port}${path}`)).status;
console.log(JSON.stringify(statuses));
await app.close();
await orion.close();
