/**
 * A child process for the HTTP tests that measure the server itself: Orion on `DATABASE_URL` with one
 * module (`probe`), mounted through `ADAPTER` (`fastify` or `hono`) on 127.0.0.1, a free port. It
 * prints `listening <url> <platformId> <storeId>` once ready. `GET /memory` answers its resident set
 * size now and the highest one sampled (every 2 ms) since the last `GET /memory?reset=1`, in bytes:
 * `{ rss, peakRss }`. `BODY_LIMIT` sets the host's body limit.
 */
import { serve } from '@hono/node-server';
import { defineModule, defineRoute, type RequestContext } from '@orion/contracts';
import { TenancyService } from '@orion/tenancy';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { z } from 'zod';
import { createOrion, orionFastify, orionHono } from '../../src/index.js';

const probe = defineModule({
  code: 'probe',
  name: 'Probe',
  version: '1.0.0',
  routes: {
    store: [
      defineRoute({
        method: 'POST',
        path: '/echo',
        body: z.object({ text: z.string() }).passthrough(),
        handler: ({ body }) => ({ length: body.text.length }),
      }),
      defineRoute({
        method: 'GET',
        path: '/whoami',
        handler: ({ context }) => ({ route: 'store', storeId: context.storeId }),
      }),
      defineRoute({
        method: 'POST',
        path: '/uploads',
        body: 'stream',
        handler: async ({ body }) => {
          let bytes = 0;
          for await (const chunk of body as AsyncIterable<Uint8Array>) bytes += chunk.byteLength;
          return { bytes };
        },
      }),
    ],
    admin: [defineRoute({ method: 'GET', path: '/secret', handler: () => ({ route: 'admin' }) })],
  },
});

const orion = await createOrion({ database: process.env.DATABASE_URL!, modules: [probe], discover: false });
const tenancy = new TenancyService(orion.db);
// one database serves several of these processes in turn: codes of their own
const code = `probe-${process.pid}`;
const platformId = (await tenancy.createPlatform({ code, name: 'Probe' })).id;
const merchantId = (await tenancy.createMerchant({ name: 'Probe' })).id;
const storeId = (await tenancy.createStore({ merchantId, code, name: 'Probe', defaultCurrency: 'EUR' })).id;
await tenancy.addStoreToPlatform(storeId, platformId);

const resolveContext = (request: Request): RequestContext => {
  const admin = new URL(request.url).pathname.startsWith('/api/v1/admin/');
  return admin ? { platformId, permissions: [] } : { platformId, storeId, permissions: [] };
};
const limit = process.env.BODY_LIMIT ? { bodyLimit: Number(process.env.BODY_LIMIT) } : {};
const handler = orion.createRequestHandler({ resolveContext, ...limit });

let peakRss = 0;
setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 2).unref();
const memory = (reset: boolean) => {
  const rss = process.memoryUsage().rss;
  if (reset) peakRss = rss;
  return { rss, peakRss: Math.max(peakRss, rss) };
};

let url: string;
if (process.env.ADAPTER === 'hono') {
  const app = new Hono();
  app.get('/memory', (c) => c.json(memory(c.req.query('reset') === '1')));
  orionHono(app, handler);
  url = await new Promise<string>((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve(`http://127.0.0.1:${info.port}`),
    );
    process.on('SIGTERM', () => server.close(() => process.exit(0)));
  });
} else {
  const app = Fastify();
  app.get('/memory', (request) => memory((request.query as { reset?: string }).reset === '1'));
  await app.register(orionFastify(handler));
  url = await app.listen({ port: 0, host: '127.0.0.1' });
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}
process.stdout.write(`listening ${url} ${platformId} ${storeId}\n`);
