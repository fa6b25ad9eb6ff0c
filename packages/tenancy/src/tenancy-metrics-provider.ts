import type { Kysely } from 'kysely';
import {
  metricBuilder,
  parseInput,
  type MetricsProviderProtocol,
  type MetricValue,
  type ResolvedMetricsContext,
} from '@orion/contracts';
import { en } from './messages/en.js';
import type { TenancyDatabase } from './schema.js';
import { idSchema } from './tenancy-inputs.js';

const category = 'tenancy';

type MetricKey =
  | 'tenancy.team_members'
  | 'tenancy.domains'
  | 'tenancy.verified_domains'
  | 'tenancy.total_stores'
  | 'tenancy.active_stores'
  | 'tenancy.merchants';

/** One metric, labelled and described by the English messages (the host translates them per request). */
const metric = metricBuilder<MetricKey>(category, en);

/**
 * The platform dashboard's one statement, as a builder (run it, or `.compile()` it to look at its
 * plan): the platform's one row of `tenancy_platform_stores` (stores, active stores, distinct
 * merchants; `tenancy_004_platform_stores`) and its one row of `tenancy_platform_totals` (distinct
 * team members; `tenancy_002_platform_team_members`), each found by its primary key: rollups the
 * database keeps, so the read does not grow with the platform. A platform without the row has
 * nothing to count (`null`, read as 0).
 *
 * @throws OrionError `ORION_ERR_VALIDATION` when `platformId` is not a positive integer.
 * @example
 * ```ts
 * import { platformMetricsQuery } from './tenancy-metrics-provider.js';
 *
 * const row = await platformMetricsQuery(db, 1).executeTakeFirstOrThrow();
 * ```
 */
export function platformMetricsQuery(tenancy: Kysely<TenancyDatabase>, platformId: number) {
  const id = parseInput(idSchema, platformId, 'platformId');
  const stores = tenancy.selectFrom('tenancy_platform_stores').where('tenancy_platform_stores.platform_id', '=', id);
  return tenancy.selectNoFrom((eb) => [
    stores.select('tenancy_platform_stores.stores').as('total_stores'),
    stores.select('tenancy_platform_stores.active_stores').as('active_stores'),
    stores.select('tenancy_platform_stores.merchants').as('merchants'),
    eb
      .selectFrom('tenancy_platform_totals')
      .select('tenancy_platform_totals.team_members')
      .where('tenancy_platform_totals.platform_id', '=', id)
      .as('team_members'),
  ]);
}

/**
 * The tenancy numbers on the store and platform-admin dashboards. All of them describe the current
 * state, so they ignore the context's window and carry no trend.
 *
 * Store metrics (`getStoreMetrics`), one SQL statement:
 * - `tenancy.team_members`: active `store_users` rows of the store;
 * - `tenancy.domains`: domains of the store;
 * - `tenancy.verified_domains`: verified domains of the store.
 *
 * Platform metrics (`getPlatformMetrics`), one SQL statement ({@link platformMetricsQuery}) about
 * the stores with an active membership in the platform:
 * - `tenancy.total_stores`: those stores;
 * - `tenancy.active_stores`: those of them that are active;
 * - `tenancy.merchants`: distinct merchants owning those stores;
 * - `tenancy.team_members`: distinct users with an active `store_users` row in any of those stores.
 *
 * The first three are read from the platform's row of `tenancy_platform_stores`, the last from its
 * row of `tenancy_platform_totals`: rollups the database keeps on every store, membership and team
 * change (two primary-key rows, however large the platform).
 *
 * @example
 * ```ts
 * import { resolveMetricsContext, metricsContextSchema } from '@orion/contracts';
 * import { TenancyMetricsProvider } from './tenancy-metrics-provider.js';
 * const context = resolveMetricsContext(metricsContextSchema.parse({}));
 * const metrics = await new TenancyMetricsProvider().getPlatformMetrics(db, 1, context);
 * // [{ key: 'tenancy.total_stores', value: 30, label: 'Stores', category: 'tenancy', ... }, ...]
 * ```
 */
export class TenancyMetricsProvider implements MetricsProviderProtocol<TenancyDatabase> {
  readonly metricsCategory = category;

  /**
   * Team members, domains and verified domains of one store.
   *
   * @example
   * ```ts
   * import { TenancyMetricsProvider } from './tenancy-metrics-provider.js';
   *
   * const metrics = await new TenancyMetricsProvider().getStoreMetrics(db, 12, context);
   * ```
   */
  async getStoreMetrics(
    tenancy: Kysely<TenancyDatabase>,
    storeId: number,
    _context: ResolvedMetricsContext,
  ): Promise<MetricValue[]> {
    const team = tenancy
      .selectFrom('store_users')
      .where('store_users.store_id', '=', storeId)
      .where('store_users.is_active', '=', true)
      .select((eb) => eb.fn.countAll().as('team_members'));
    const domains = tenancy
      .selectFrom('store_domains')
      .where('store_domains.store_id', '=', storeId)
      .select((eb) => [
        eb.fn.countAll().as('domains'),
        eb.fn.countAll().filterWhere('store_domains.is_verified', '=', true).as('verified_domains'),
      ]);
    const row = await tenancy
      .selectFrom([team.as('team'), domains.as('domains')])
      .select(['team.team_members', 'domains.domains', 'domains.verified_domains'])
      .executeTakeFirstOrThrow();
    return [
      metric('tenancy.team_members', row.team_members, 'users'),
      metric('tenancy.domains', row.domains, 'globe'),
      metric('tenancy.verified_domains', row.verified_domains, 'shield-check'),
    ];
  }

  /**
   * Stores, active stores, merchants and team members of one platform.
   *
   * @example
   * ```ts
   * import { TenancyMetricsProvider } from './tenancy-metrics-provider.js';
   *
   * const metrics = await new TenancyMetricsProvider().getPlatformMetrics(db, 1, context);
   * ```
   */
  async getPlatformMetrics(
    tenancy: Kysely<TenancyDatabase>,
    platformId: number,
    _context: ResolvedMetricsContext,
  ): Promise<MetricValue[]> {
    const row = await platformMetricsQuery(tenancy, platformId).executeTakeFirstOrThrow();
    return [
      metric('tenancy.total_stores', row.total_stores, 'store'),
      metric('tenancy.active_stores', row.active_stores, 'store'),
      metric('tenancy.merchants', row.merchants, 'briefcase'),
      metric('tenancy.team_members', row.team_members, 'users'),
    ];
  }
}
