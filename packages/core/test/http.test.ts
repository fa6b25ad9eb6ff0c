import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { defineModule, defineRoute, OrionError, routeResponse, type RequestContext } from '@orion/contracts';
import { TenancyService } from '@orion/tenancy';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeEachDatabase } from '../../../test/support/databases.js';
import { recordingLogger, useOrionHosts } from '../../../test/support/orion-host.js';
import { orionFastify, orionHono, type FetchHandler, type Orion } from '../src/index.js';
import { memberStore } from '../../../test/support/member-store.js';

const notes = defineModule({
  code: 'notes',
  name: 'Notes',
  version: '1.0.0',
  permissions: [
    { code: 'notes.view', label: 'View notes' },
    { code: 'notes.write', label: 'Write notes' },
  ],
  messages: { en: { hello: 'Hello {name}' }, de: { hello: 'Hallo {name}' } },
  routes: {
    store: [
      defineRoute({
        method: 'GET',
        path: '/notes/:noteId',
        params: z.object({ noteId: z.coerce.number().int().positive() }),
        query: z.object({ greet: z.string().optional() }),
        permission: 'notes.view',
        handler: ({ params, query, context, t }) => ({
          noteId: params.noteId,
          storeId: context.storeId,
          greeting: query.greet ? t('hello', { name: query.greet }) : null,
        }),
      }),
      defineRoute({
        method: 'POST',
        path: '/notes',
        body: z.object({ text: z.string().min(1).max(200) }),
        permission: 'notes.write',
        handler: ({ body }) => routeResponse(201, { text: body.text }),
      }),
      defineRoute({
        method: 'POST',
        path: '/uploads',
        body: 'stream',
        permission: 'notes.write',
        handler: async ({ body }) => {
          let bytes = 0;
          for await (const chunk of body as AsyncIterable<Uint8Array>) bytes += chunk.byteLength;
          return { bytes };
        },
      }),
      defineRoute({
        method: 'POST',
        path: '/capped-uploads',
        body: 'stream',
        bodyLimit: 1024,
        handler: async ({ body }) => {
          let bytes = 0;
          for await (const chunk of body as AsyncIterable<Uint8Array>) bytes += chunk.byteLength;
          return { bytes };
        },
      }),
      defineRoute({
        method: 'POST',
        path: '/short-notes',
        body: z.object({ text: z.string() }),
        bodyLimit: 32,
        handler: ({ body }) => ({ text: body.text }),
      }),
      defineRoute({
        method: 'DELETE',
        path: '/notes/:noteId',
        handler: () => undefined,
      }),
      defineRoute({
        method: 'GET',
        path: '/boom',
        handler: () => {
          throw new Error('secret database password in this message');
        },
      }),
      defineRoute({
        method: 'GET',
        path: '/missing',
        handler: () => {
          throw new OrionError('ORION_ERR_NOT_FOUND', { entity: 'Note', id: 9 });
        },
      }),
    ],
    admin: [defineRoute({ method: 'GET', path: '/', handler: ({ context }) => ({ platformId: context.platformId }) })],
  },
});

/** The app's own authentication, here read from headers. */
function resolveContext(request: Request): RequestContext {
  const platform = request.headers.get('x-platform');
  if (!platform) throw new OrionError('ORION_ERR_UNAUTHENTICATED', { reason: 'no token' });
  return {
    platformId: Number(platform),
    storeId: Number(request.headers.get('x-store') ?? 1),
    permissions: (request.headers.get('x-permissions') ?? '').split(',').filter(Boolean),
    locale: request.headers.get('x-locale') ?? undefined,
  };
}

type Serve = (handler: FetchHandler) => Promise<{ url: string; close(): Promise<void> }>;

const servers: Record<string, Serve> = {
  'the fetch handler': async (handler) => listen(serve({ fetch: handler, port: 0, hostname: '127.0.0.1' })),
  'the Fastify adapter': async (handler) => {
    const app = Fastify();
    app.get('/own', () => ({ own: true }));
    app.post('/own-json', (request) => ({ echoed: request.body }));
    await app.register(orionFastify(handler));
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    return { url: address, close: () => app.close() };
  },
  'the Hono adapter': async (handler) => {
    const app = new Hono();
    app.get('/own', (c) => c.json({ own: true }));
    orionHono(app, handler);
    return listen(serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }));
  },
};

function listen(server: ServerType): Promise<{ url: string; close(): Promise<void> }> {
  return new Promise((resolve) => {
    server.once('listening', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

describeEachDatabase('module routes over HTTP', (dialect) => {
  const hosts = useOrionHosts(dialect);
  let orion: Orion;
  let logger: ReturnType<typeof recordingLogger>;
  let platformId: number;
  let otherPlatformId: number;

  beforeEach(async () => {
    logger = recordingLogger();
    orion = await hosts.start({ modules: [notes], logger });
    const tenancy = new TenancyService(orion.db);
    platformId = (await tenancy.createPlatform({ code: 'on', name: 'On' })).id;
    otherPlatformId = (await tenancy.createPlatform({ code: 'off', name: 'Off' })).id;
    await memberStore(orion.db, platformId, otherPlatformId); // store 1, the contexts' default
    await orion.modules.disable(otherPlatformId, 'notes');
  });

  for (const [name, start] of Object.entries(servers)) {
    describe(`through ${name}`, () => {
      let server: Awaited<ReturnType<Serve>>;
      beforeEach(async () => {
        server = await start(orion.createRequestHandler({ resolveContext }));
      });
      afterEach(() => server.close());

      const call = (
        path: string,
        init: RequestInit & { platform?: number | null; permissions?: string; locale?: string } = {},
      ) => {
        const headers = new Headers(init.headers);
        if (init.platform !== null) headers.set('x-platform', String(init.platform ?? platformId));
        if (init.permissions) headers.set('x-permissions', init.permissions);
        if (init.locale) headers.set('x-locale', init.locale);
        return fetch(`${server.url}${path}`, { ...init, headers });
      };

      it('answers an enabled module’s route with its validated input', async () => {
        const response = await call('/api/v1/store/notes/notes/42?greet=Ada', {
          permissions: 'notes.view',
          locale: 'de',
        });
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({ noteId: 42, storeId: 1, greeting: 'Hallo Ada' });
        const created = await call('/api/v1/store/notes/notes', {
          method: 'POST',
          permissions: 'notes.write',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text: 'hi' }),
        });
        expect(created.status).toBe(201);
        expect(await created.json()).toEqual({ text: 'hi' });
        expect((await call('/api/v1/store/notes/notes/42', { method: 'DELETE' })).status).toBe(204);
        expect(await (await call('/api/v1/admin/notes')).json()).toEqual({ platformId });
      });

      it('streams a request body to a stream route', async () => {
        const payload = new Uint8Array(3 * 1024 * 1024).fill(65);
        const response = await call('/api/v1/store/notes/uploads', {
          method: 'POST',
          permissions: 'notes.write',
          headers: { 'content-type': 'text/csv' },
          body: payload,
        });
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({ bytes: payload.byteLength });
      });

      it('a module disabled on the platform answers 404 exactly like a route that does not exist', async () => {
        const disabled = await call('/api/v1/store/notes/notes/42', {
          platform: otherPlatformId,
          permissions: 'notes.view',
        });
        const unknown = await call('/api/v1/store/notes/nothing-here', { platform: otherPlatformId });
        const uninstalled = await call('/api/v1/store/catalog/products', { platform: otherPlatformId });
        expect(disabled.status).toBe(404);
        expect(unknown.status).toBe(404);
        expect(uninstalled.status).toBe(404);
        const body = (await disabled.json()) as { error: { code: string; message: string } };
        expect(body.error.code).toBe('ORION_ERR_ROUTE_NOT_FOUND');
        expect(body).toEqual({
          error: { ...body.error, message: 'No route answers GET /api/v1/store/notes/notes/42.' },
        });
        expect(Object.keys(body.error).sort()).toEqual(
          Object.keys(((await unknown.json()) as { error: object }).error).sort(),
        );
      });

      it('a store context whose store is not an active member of its platform answers 403', async () => {
        const tenancy = new TenancyService(orion.db);
        const elsewhere = await memberStore(orion.db, otherPlatformId);
        const left = await memberStore(orion.db, platformId);
        await tenancy.removeStoreFromPlatform(left, platformId);
        for (const store of [elsewhere, left, 9999]) {
          const response = await call('/api/v1/store/notes/notes/42', {
            permissions: 'notes.view',
            headers: { 'x-store': String(store) },
          });
          expect(response.status, `store ${store}`).toBe(403);
          expect(await response.json()).toMatchObject({
            error: { code: 'ORION_ERR_STORE_NOT_IN_PLATFORM', details: { storeId: store, platformId } },
          });
        }
        expect((await call('/api/v1/admin/notes')).status).toBe(200); // a platform context names no store
      });

      it('a body over its route’s limit answers 413 with the coded error; one at the limit is served', async () => {
        const capped = (bytes: number) =>
          call('/api/v1/store/notes/capped-uploads', { method: 'POST', body: new Uint8Array(bytes).fill(66) });
        expect(await (await capped(1024)).json()).toEqual({ bytes: 1024 });
        const refused = await capped(1025);
        expect(refused.status).toBe(413);
        expect(await refused.json()).toEqual({
          error: {
            code: 'ORION_ERR_PAYLOAD_TOO_LARGE',
            message: 'The request body is larger than this route accepts (1024 bytes at most).',
            details: { limit: 1024 },
          },
        });
        const short = (text: string, locale?: string) =>
          call('/api/v1/store/notes/short-notes', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ text }),
            ...(locale ? { locale } : {}),
          });
        expect(await (await short('x'.repeat(21))).json()).toEqual({ text: 'x'.repeat(21) }); // 32 bytes of JSON
        const long = await short('x'.repeat(22), 'de');
        expect(long.status).toBe(413);
        expect(await long.json()).toMatchObject({
          error: { code: 'ORION_ERR_PAYLOAD_TOO_LARGE', message: expect.stringContaining('höchstens 32 Bytes') },
        });
        // a streamed route without its own limit takes more than the 1 MiB JSON default
        const upload = await call('/api/v1/store/notes/uploads', {
          method: 'POST',
          permissions: 'notes.write',
          body: new Uint8Array(2 * 1024 * 1024),
        });
        expect(await upload.json()).toEqual({ bytes: 2 * 1024 * 1024 });
      });

      it('a missing permission answers 403, and no credentials 401', async () => {
        const forbidden = await call('/api/v1/store/notes/notes/42', { permissions: 'notes.write', locale: 'fr' });
        expect(forbidden.status).toBe(403);
        expect(await forbidden.json()).toMatchObject({
          error: { code: 'ORION_ERR_FORBIDDEN', message: 'Il faut l’autorisation « notes.view ».' },
        });
        const anonymous = await call('/api/v1/store/notes/notes/42', { platform: null });
        expect(anonymous.status).toBe(401);
        expect(await anonymous.json()).toMatchObject({ error: { code: 'ORION_ERR_UNAUTHENTICATED' } });
      });

      it('invalid input answers 400 with the coded error and the zod issues', async () => {
        const badParam = await call('/api/v1/store/notes/notes/abc', { permissions: 'notes.view' });
        expect(badParam.status).toBe(400);
        expect(await badParam.json()).toMatchObject({
          error: { code: 'ORION_ERR_VALIDATION', issues: [expect.objectContaining({ path: 'noteId' })] },
        });
        const badBody = await call('/api/v1/store/notes/notes', {
          method: 'POST',
          permissions: 'notes.write',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text: '' }),
        });
        expect(badBody.status).toBe(400);
        expect(await badBody.json()).toMatchObject({ error: { issues: [expect.objectContaining({ path: 'text' })] } });
        const notJson = await call('/api/v1/store/notes/notes', {
          method: 'POST',
          permissions: 'notes.write',
          headers: { 'content-type': 'application/json' },
          body: '{ not json',
        });
        expect(notJson.status).toBe(400);
        const coded = await call('/api/v1/store/notes/missing');
        expect(coded.status).toBe(404);
        expect(await coded.json()).toMatchObject({
          error: { code: 'ORION_ERR_NOT_FOUND', details: { entity: 'Note', id: 9 } },
        });
      });

      it('a failing handler answers 500 with a correlation id and no stack, and logs the stack', async () => {
        const response = await call('/api/v1/store/notes/boom');
        expect(response.status).toBe(500);
        const text = await response.text();
        expect(text).not.toContain('secret');
        expect(text).not.toContain('at ');
        const body = JSON.parse(text) as { error: { code: string; correlationId: string } };
        expect(body.error.code).toBe('ORION_ERR_INTERNAL');
        expect(response.headers.get('x-correlation-id')).toBe(body.error.correlationId);
        const logged = logger.entries.find((entry) => entry.meta?.correlationId === body.error.correlationId);
        expect((logged?.meta?.error as Error).stack).toContain('secret database password');
      });

      if (name === 'the Fastify adapter' || name === 'the Hono adapter') {
        it('leaves the app’s own routes and body parsing alone', async () => {
          expect(await (await fetch(`${server.url}/own`)).json()).toEqual({ own: true });
          if (name === 'the Fastify adapter') {
            const echoed = await fetch(`${server.url}/own-json`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ a: 1 }),
            });
            expect(await echoed.json()).toEqual({ echoed: { a: 1 } });
          }
        });
      }
    });
  }
});
