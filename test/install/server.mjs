// The app's HTTP server: Fastify with Orion's routes mounted, as in the README. It asks itself for
// each path in PATHS and prints the statuses, then stops. A PATHS entry may also be a request
// `{ method, path, body }`; its key is `METHOD path`. With BODIES=1 it prints `{ statuses, bodies }`,
// the JSON answers by the same keys.
import Fastify from 'fastify';
import { createOrion, orionFastify, TenancyService } from '@orion/core';

const orion = await createOrion({
  database: process.env.ORION_DATABASE,
  logger: { debug() {}, info() {}, warn() {}, error: console.error },
});
const tenancy = new TenancyService(orion.db);
const [platform] = await tenancy.listPlatforms();
const [store] = await tenancy.listPlatformStores(platform.id);

const app = Fastify();
await app.register(
  orionFastify(
    orion.createRequestHandler({
      // the app's own authentication would go here; this app trusts everyone with every permission
      resolveContext: () => ({
        platformId: platform.id,
        storeId: store.id,
        permissions: orion.permissions().map((p) => p.code),
      }),
    }),
  ),
);
await app.listen({ port: 0, host: '127.0.0.1' });
const { port } = app.server.address();
const statuses = {};
const bodies = {};
for (const entry of JSON.parse(process.env.PATHS)) {
  const { method = 'GET', path, body } = typeof entry === 'string' ? { path: entry } : entry;
  const key = typeof entry === 'string' ? path : `${method} ${path}`;
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  statuses[key] = response.status;
  bodies[key] = response.headers.get('content-type')?.includes('json') ? await response.json() : null;
}
console.log(JSON.stringify(process.env.BODIES === '1' ? { statuses, bodies } : statuses));
await app.close();
await orion.close();
