import { TenancyService, type FetchHandler, type Orion } from '@orion/core';
import type { Registry } from 'prom-client';
import { AccessTokens } from '../access/access-tokens.js';
import { demoAccessModule } from '../access/demo-access-module.js';
import { DashboardGauges, dashboardSamples } from './dashboard-gauges.js';
import { frontendPermissions } from './demo-permissions.js';
import { createModuleRoutes } from './module-routes.js';

/** A started Orion, with what the server derives from it once: tokens, roles, module routes, gauges. */
export interface LiveOrion {
  orion: Orion;
  tokens: AccessTokens;
  /** The demo's roles: what a store token and a platform token hold. */
  permissions: { store: readonly string[]; admin: readonly string[] };
  /** Every installed module's routes, with the context from the bearer token. */
  moduleRoutes: FetchHandler;
  gauges: DashboardGauges;
  /** The module codes the modules endpoint hides (the app's own access module). */
  hiddenModules: ReadonlySet<string>;
}

/** Builds the {@link LiveOrion} of a started host; its gauges go into `registry`. */
export function createLiveOrion(
  orion: Orion,
  options: { registry: Registry; metricsCacheMs?: number; onMetricsError?: (error: unknown) => void },
): LiveOrion {
  const tokens = new AccessTokens(orion.db);
  const permissions = { store: frontendPermissions(orion, 'store'), admin: frontendPermissions(orion, 'admin') };
  const gauges = new DashboardGauges(
    options.registry,
    async () => {
      const samples = [];
      for (const platform of await new TenancyService(orion.db).listPlatforms()) {
        const stats = await orion.statsAggregator.getAdminDashboardStats({
          platformId: platform.id,
          context: { period: '30d' },
        });
        samples.push(...dashboardSamples(platform.code, stats));
      }
      return samples;
    },
    {
      ...(options.metricsCacheMs === undefined ? {} : { cacheMs: options.metricsCacheMs }),
      ...(options.onMetricsError ? { onError: options.onMetricsError } : {}),
    },
  );
  return {
    orion,
    tokens,
    permissions,
    moduleRoutes: createModuleRoutes(orion, tokens, permissions),
    gauges,
    hiddenModules: new Set([demoAccessModule.code]),
  };
}
