/**
 * The demo's JSON API under `/api/v1`: the session, the store and admin dashboards, the modules of
 * a platform (list, enable, disable) and its menus. Every route authenticates first (401), then
 * validates the path and query (400), then looks the platform and store up (404), then checks the
 * token's scope (403); errors are Orion's error bodies.
 */
import {
  OrionError,
  TenancyService,
  platformExists,
  type AnyDatabase,
  type DashboardStats,
  type EnablementResult,
} from '@orion/core';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { authenticate, forbidden, requirePlatformAccess, requirePlatformToken } from './caller.js';
import type { LiveOrion } from './live-orion.js';
import {
  parseDashboardQuery,
  parseEnablementBody,
  parseId,
  parseLocale,
  parseMenuFrontend,
  type DashboardQuery,
} from './request-input.js';

type PlatformParams = { platformId: string };

/** A dashboard as the API answers it: `DashboardStats`, each failure without its raw error. */
export type DashboardBody = Omit<DashboardStats, 'failures'> & {
  failures: Omit<DashboardStats['failures'][number], 'error'>[];
};

/** An enable or disable result as the API answers it: `EnablementResult`, each hook failure with its message. */
export type EnablementBody = Omit<EnablementResult, 'hookFailures'> & {
  hookFailures: { module: string; hook: 'onEnable' | 'onDisable'; message: string }[];
};

/** One entry of `GET /api/v1/platforms/:platformId/modules`. */
export interface ModuleEntry {
  code: string;
  name: string;
  tier: 'core' | 'optional' | 'internal';
  packageName: string | null;
  version: string;
  requires: string[];
  enabled: boolean;
}

/** Registers the JSON API; `live()` gives the started host (the server answers 503 before). */
export function registerApiRoutes(app: FastifyInstance, live: () => LiveOrion): void {
  app.get('/api/v1/session', async (request) => {
    const { orion, tokens, permissions } = live();
    const scope = await authenticate(request.headers.authorization, tokens);
    const tenancy = new TenancyService(orion.db);
    if (scope.kind === 'platform') {
      const { id, code, name } = await tenancy.getPlatform(scope.platformId);
      return {
        kind: scope.kind,
        label: scope.label,
        userId: scope.userId,
        platformId: id,
        platforms: [{ id, code, name }],
        permissions: permissions.admin,
      };
    }
    const store = await tenancy.getStore(scope.storeId);
    const active = new Set(
      (await tenancy.listStorePlatforms(store.id)).filter((m) => m.isActive).map((m) => m.platformId),
    );
    const platforms = (await tenancy.listPlatforms())
      .filter((p) => active.has(p.id))
      .map(({ id, code, name }) => ({ id, code, name }));
    return {
      kind: scope.kind,
      label: scope.label,
      userId: scope.userId,
      storeId: store.id,
      storeName: store.name,
      platforms,
      permissions: permissions.store,
    };
  });

  app.get<{ Params: PlatformParams & { storeId: string }; Querystring: DashboardQuery }>(
    '/api/v1/platforms/:platformId/stores/:storeId/dashboard',
    async (request): Promise<DashboardBody> => {
      const { orion, tokens } = live();
      const scope = await authenticate(request.headers.authorization, tokens);
      const platformId = parseId(request.params.platformId, 'platformId');
      const storeId = parseId(request.params.storeId, 'storeId');
      const context = parseDashboardQuery(request.query, request.headers['accept-language']);
      await requirePlatform(orion.db, platformId);
      await new TenancyService(orion.db).getStore(storeId);
      if (scope.kind === 'store') {
        if (scope.storeId !== storeId) throw forbidden(`store:${storeId}`);
        await requirePlatformAccess(orion.db, scope, platformId);
      } else {
        // a store of another platform: the aggregator answers ORION_ERR_STORE_NOT_IN_PLATFORM (403)
        requirePlatformToken(scope, platformId);
      }
      return dashboardBody(await orion.statsAggregator.getStoreDashboardStats({ storeId, platformId, context }));
    },
  );

  app.get<{ Params: PlatformParams; Querystring: DashboardQuery }>(
    '/api/v1/platforms/:platformId/dashboard',
    async (request): Promise<DashboardBody> => {
      const { orion, tokens } = live();
      const scope = await authenticate(request.headers.authorization, tokens);
      const platformId = parseId(request.params.platformId, 'platformId');
      const context = parseDashboardQuery(request.query, request.headers['accept-language']);
      await requirePlatform(orion.db, platformId);
      requirePlatformToken(scope, platformId);
      return dashboardBody(await orion.statsAggregator.getAdminDashboardStats({ platformId, context }));
    },
  );

  app.get<{ Params: PlatformParams }>('/api/v1/platforms/:platformId/modules', async (request) => {
    const { orion, tokens, hiddenModules } = live();
    const scope = await authenticate(request.headers.authorization, tokens);
    const platformId = parseId(request.params.platformId, 'platformId');
    await requirePlatform(orion.db, platformId);
    requirePlatformToken(scope, platformId);
    const enabled = new Set(await orion.modules.listEnabled(platformId));
    const modules: ModuleEntry[] = orion.registry
      .all()
      .filter((module) => !hiddenModules.has(module.code))
      .map((module) => ({
        code: module.code,
        name: module.definition.name,
        tier: module.tier,
        packageName: module.source.packageName ?? null,
        version: module.definition.version,
        requires: [...module.definition.requires],
        enabled: enabled.has(module.code),
      }));
    return { modules };
  });

  for (const action of ['enable', 'disable'] as const) {
    app.post<{ Params: PlatformParams & { code: string } }>(
      `/api/v1/platforms/:platformId/modules/:code/${action}`,
      async (request): Promise<EnablementBody> => {
        const { orion, tokens } = live();
        const scope = await authenticate(request.headers.authorization, tokens);
        const platformId = parseId(request.params.platformId, 'platformId');
        const { dryRun } = parseEnablementBody(request.body);
        await requirePlatform(orion.db, platformId);
        const { userId } = requirePlatformToken(scope, platformId);
        const result = await orion.modules[action](platformId, request.params.code, { userId, dryRun });
        return {
          ...result,
          hookFailures: result.hookFailures.map(({ module, hook, error }) => ({
            module,
            hook,
            message: error instanceof Error ? error.message : String(error),
          })),
        };
      },
    );
  }

  app.get<{ Params: PlatformParams; Querystring: { frontend?: unknown; locale?: unknown } }>(
    '/api/v1/platforms/:platformId/menu',
    async (request) => {
      const { orion, tokens, permissions } = live();
      const scope = await authenticate(request.headers.authorization, tokens);
      const platformId = parseId(request.params.platformId, 'platformId');
      const frontend = parseMenuFrontend(request.query.frontend, scope.kind === 'store' ? 'store' : 'admin');
      const locale = parseLocale(request.query.locale, request.headers['accept-language']);
      await requirePlatform(orion.db, platformId);
      if ((frontend === 'store') !== (scope.kind === 'store')) throw forbidden(`frontend:${frontend}`);
      await requirePlatformAccess(orion.db, scope, platformId);
      const items = await orion.menu({ platformId, frontend, permissions: permissions[frontend], locale });
      return { items };
    },
  );
}

/**
 * @throws OrionError `ORION_ERR_PLATFORM_NOT_FOUND` (404) for an unknown platform.
 */
async function requirePlatform(db: Kysely<AnyDatabase>, platformId: number): Promise<void> {
  if (!(await platformExists(db, platformId))) throw new OrionError('ORION_ERR_PLATFORM_NOT_FOUND', { platformId });
}

function dashboardBody(stats: DashboardStats): DashboardBody {
  return { ...stats, failures: stats.failures.map(({ error: _error, ...failure }) => failure) };
}
