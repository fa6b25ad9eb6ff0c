import { defineModule, defineRoute, OrionError, type RequestContext } from '@orion/contracts';
import { TenancyService } from '@orion/tenancy';
import { beforeEach, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.js';
import { recordingLogger, useOrionHosts } from '../../../test/support/orion-host.js';
import { rejectionOf } from '../../../test/support/rejection.js';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { orionFastify, orionHono, type FetchHandler, type Orion } from '../src/index.js';
import { memberStore } from '../../../test/support/member-store.js';

const entriesRoute = defineRoute({ method: 'GET', path: '/entries', handler: () => ({ entries: [] }) });

/** An internal module that (wrongly) declares store and storefront routes and menu items next to its admin ones. */
const audit = defineModule({
  code: 'audit',
  name: 'Audit',
  version: '1.0.0',
  isInternal: true,
  features: ['audit.trail'],
  permissions: [{ code: 'audit.view', label: 'View the audit trail' }],
  routes: {
    admin: [
      defineRoute({ method: 'GET', path: '/entries', handler: ({ context }) => ({ platformId: context.platformId }) }),
    ],
    store: [entriesRoute],
    storefront: [entriesRoute],
  },
  menuItems: [
    { id: 'audit.trail', frontend: 'admin', label: 'Audit trail', path: '/audit' },
    { id: 'audit.store', frontend: 'store', label: 'Audit', path: '/audit' },
    { id: 'audit.shop', frontend: 'storefront', label: 'Audit', path: '/audit' },
  ],
});

/** An optional module with the same shape: its store route and menu item are served. */
const importer = defineModule({
  code: 'importer',
  name: 'Importer',
  version: '1.0.0',
  features: ['bulk-import'],
  routes: { store: [entriesRoute], storefront: [entriesRoute] },
  menuItems: [{ id: 'importer.home', frontend: 'store', label: 'Import', path: '/import' }],
});

/** Requires importer: disabling importer takes its features away too (the cascade). */
const exporter = defineModule({
  code: 'exporter',
  name: 'Exporter',
  version: '1.0.0',
  requires: ['importer'],
  features: ['bulk-import', 'orders.bulk-export'],
});

function resolveContext(request: Request): RequestContext {
  const platform = request.headers.get('x-platform');
  if (!platform) throw new OrionError('ORION_ERR_UNAUTHENTICATED', { reason: 'no token' });
  return { platformId: Number(platform), storeId: 1, permissions: ['audit.view'] };
}

describeEachDatabase('module tiers', (dialect) => {
  const hosts = useOrionHosts(dialect);
  let orion: Orion;
  let logger: ReturnType<typeof recordingLogger>;
  let platformId: number;
  let otherPlatformId: number;

  beforeEach(async () => {
    logger = recordingLogger();
    orion = await hosts.start({ modules: [audit, importer, exporter], logger });
    const tenancy = new TenancyService(orion.db);
    platformId = (await tenancy.createPlatform({ code: 'p', name: 'P' })).id;
    otherPlatformId = (await tenancy.createPlatform({ code: 'o', name: 'O' })).id;
    await memberStore(orion.db, platformId); // store 1, the contexts' store
  });

  describe('an internal module is admin-only', () => {
    let handler: FetchHandler;
    const call = (path: string) =>
      handler(new Request(`http://host${path}`, { headers: { 'x-platform': String(platformId) } }));
    beforeEach(() => {
      handler = orion.createRequestHandler({ resolveContext });
    });

    it('its store and storefront routes answer 404 exactly like an unknown route; its admin route answers 200', async () => {
      const admin = await call('/api/v1/admin/audit/entries');
      expect(admin.status).toBe(200);
      expect(await admin.json()).toEqual({ platformId });

      const unknown = await call('/api/v1/store/audit/nothing-here');
      const unknownError = ((await unknown.json()) as { error: Record<string, unknown> }).error;
      for (const frontend of ['store', 'storefront']) {
        const response = await call(`/api/v1/${frontend}/audit/entries`);
        expect(response.status).toBe(404);
        const { error } = (await response.json()) as { error: Record<string, unknown> };
        expect(error.code).toBe('ORION_ERR_ROUTE_NOT_FOUND');
        expect(error.message).toBe(`No route answers GET /api/v1/${frontend}/audit/entries.`);
        expect(Object.keys(error).sort()).toEqual(Object.keys(unknownError).sort());
      }
      // the same route of an optional module is served, so the 404 is the tier's doing
      expect((await call('/api/v1/store/importer/entries')).status).toBe(200);
      expect((await call('/api/v1/storefront/importer/entries')).status).toBe(200);
    });

    it('over real HTTP (Fastify and Hono adapters), its store and storefront routes answer 404 and its admin route 200', async () => {
      const handlerOverHttp = orion.createRequestHandler({ resolveContext });
      const fastify = Fastify();
      await fastify.register(orionFastify(handlerOverHttp));
      const fastifyUrl = await fastify.listen({ port: 0, host: '127.0.0.1' });
      const hono = orionHono(new Hono(), handlerOverHttp);
      const honoServer = serve({ fetch: hono.fetch, port: 0, hostname: '127.0.0.1' });
      await new Promise<void>((resolve) => honoServer.once('listening', () => resolve()));
      const honoUrl = `http://127.0.0.1:${(honoServer.address() as AddressInfo).port}`;
      try {
        for (const url of [fastifyUrl, honoUrl]) {
          const get = (path: string) => fetch(`${url}${path}`, { headers: { 'x-platform': String(platformId) } });
          expect((await get('/api/v1/admin/audit/entries')).status, url).toBe(200);
          for (const frontend of ['store', 'storefront']) {
            const response = await get(`/api/v1/${frontend}/audit/entries`);
            expect(response.status, `${url} ${frontend}`).toBe(404);
            expect(await response.json()).toMatchObject({ error: { code: 'ORION_ERR_ROUTE_NOT_FOUND' } });
          }
          expect((await get('/api/v1/store/importer/entries')).status, url).toBe(200);
        }
      } finally {
        await fastify.close();
        await new Promise((done) => honoServer.close(() => done(undefined)));
      }
    });

    it('its menu items are listed in the admin menu only; its permissions stay listed', async () => {
      const ids = async (frontend: 'admin' | 'store' | 'storefront') =>
        (await orion.menu({ platformId, frontend, permissions: [] })).map((item) => item.id);
      expect(await ids('store')).toEqual(['importer.home']);
      expect(await ids('storefront')).toEqual([]);
      expect(await ids('admin')).toEqual(['audit.trail']);
      expect(orion.permissions().map((permission) => permission.code)).toContain('audit.view');
    });

    it('the host warns once at start-up about the store and storefront entries it leaves out', () => {
      const warnings = logger.entries.filter((entry) => entry.level === 'warn' && entry.message.includes('"audit"'));
      expect(warnings).toEqual([
        {
          level: 'warn',
          message:
            'Internal module "audit" declares store route GET /entries, storefront route GET /entries, ' +
            'store menu item "audit.store", storefront menu item "audit.shop"; internal modules are admin-only, ' +
            'so the host does not serve them. Move them to the admin frontend, or make the module optional.',
          meta: {
            module: 'audit',
            entries: [
              'store route GET /entries',
              'storefront route GET /entries',
              'store menu item "audit.store"',
              'storefront menu item "audit.shop"',
            ],
          },
        },
      ]);
      expect(logger.entries.filter((entry) => entry.level === 'warn' && entry.message.includes('importer'))).toEqual(
        [],
      );
    });
  });

  describe('features', () => {
    it('are the features of the modules enabled on each platform, following the enable and disable cascades', async () => {
      expect(await orion.modules.listFeatures(platformId)).toEqual([
        'audit.trail',
        'bulk-import',
        'orders.bulk-export',
      ]);
      expect(await orion.modules.hasFeature(platformId, 'bulk-import')).toBe(true);

      // disabling importer disables exporter, which requires it: both declared bulk-import
      const { changed } = await orion.modules.disable(platformId, 'importer');
      expect(changed).toEqual(['exporter', 'importer']);
      expect(await orion.modules.listFeatures(platformId)).toEqual(['audit.trail']);
      expect(await orion.modules.hasFeature(platformId, 'bulk-import')).toBe(false);
      expect(await orion.modules.hasFeature(platformId, 'orders.bulk-export')).toBe(false);
      // the other platform is untouched
      expect(await orion.modules.hasFeature(otherPlatformId, 'bulk-import')).toBe(true);
      expect(await orion.modules.hasFeature(otherPlatformId, 'orders.bulk-export')).toBe(true);

      // enabling exporter enables importer again
      expect((await orion.modules.enable(platformId, 'exporter')).changed).toEqual(['importer', 'exporter']);
      expect(await orion.modules.hasFeature(platformId, 'orders.bulk-export')).toBe(true);

      // one module declaring a feature is enough: exporter off, importer on
      await orion.modules.disable(platformId, 'exporter');
      expect(await orion.modules.listFeatures(platformId)).toEqual(['audit.trail', 'bulk-import']);
      await orion.modules.disable(platformId, 'audit');
      expect(await orion.modules.listFeatures(platformId)).toEqual(['bulk-import']);
    });

    it('a feature no module declares is absent, and a malformed name or platform id is a validation error', async () => {
      expect(await orion.modules.hasFeature(platformId, 'teleport')).toBe(false);
      expect((await rejectionOf(orion.modules.hasFeature(platformId, 'Bulk Import'))).code).toBe(
        'ORION_ERR_VALIDATION',
      );
      expect((await rejectionOf(orion.modules.listFeatures(0))).code).toBe('ORION_ERR_VALIDATION');
    });
  });
});
