import type { AdminDashboardRequest, DashboardStats, StoreDashboardRequest } from './stats-aggregator.js';

/**
 * The dashboards: `orion.statsAggregator` collects every enabled module's metrics for a store
 * dashboard or a platform-admin dashboard.
 *
 * Input is validated before any query. Providers run concurrently; one that throws, times out or
 * returns invalid metrics yields an empty list for its category and a {@link ProviderFailure},
 * while the others still answer.
 *
 * @example
 * ```ts
 * const stats = await orion.statsAggregator.getStoreDashboardStats({
 *   storeId: 12, platformId: 1, context: { period: '7d', includeTrends: true },
 * });
 * stats.categories.tenancy; // [{ key: 'tenancy.team_members', value: 4, ... }, ...]
 * ```
 */
export interface OrionStats {
  /**
   * The store dashboard: metrics of the modules enabled on the platform (internal modules excluded).
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for bad input, `ORION_ERR_PLATFORM_NOT_FOUND`,
   *   `ORION_ERR_STORE_NOT_IN_PLATFORM` when the store has no active membership in the platform.
   */
  getStoreDashboardStats(request: StoreDashboardRequest): Promise<DashboardStats>;
  /**
   * The platform-admin dashboard: metrics of every module enabled on the platform, internal ones included.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for bad input, `ORION_ERR_PLATFORM_NOT_FOUND`.
   */
  getAdminDashboardStats(request: AdminDashboardRequest): Promise<DashboardStats>;
}
