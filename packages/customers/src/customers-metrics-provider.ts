import { toNumber, withTrend, type MetricValue, type ResolvedMetricsContext } from '@orion/contracts';
import type { Kysely } from 'kysely';
import { customersKit } from './customers-kit.js';
import {
  customersMetricsQuery,
  platformCustomersMetricsQuery,
  type CustomersMetricsScope,
} from './customers-metrics-query.js';
import { en } from './messages/en.js';
import type { CustomersDatabase } from './schema.js';

const category = 'customers';

/**
 * The customers numbers on the store and platform-admin dashboards, for the window `W = [dateFrom,
 * dateTo)` and, with `includeTrends`, against the previous window of the same length. One SQL
 * statement per dashboard ({@link customersMetricsQuery}); see the package README for the exact
 * definitions of `customers.total`, `customers.new`, `customers.active` and `customers.returning`.
 * The host loads this file on the first dashboard request.
 *
 * @example
 * ```ts
 * import { metricsContextSchema, resolveMetricsContext } from '@orion/contracts';
 * import { customersMetricsProvider } from './customers-metrics-provider.js';
 * const context = resolveMetricsContext(metricsContextSchema.parse({ period: '30d', includeTrends: true }));
 * const metrics = await customersMetricsProvider.getStoreMetrics(db, 12, context);
 * ```
 */
export const customersMetricsProvider = customersKit.metricsProvider({
  metricsCategory: category,
  getStoreMetrics: (db, storeId, context) => customersMetrics(db, { storeId }, context),
  getPlatformMetrics: (db, platformId, context) => customersMetrics(db, { platformId }, context),
});

async function customersMetrics(
  db: Kysely<CustomersDatabase>,
  scope: CustomersMetricsScope,
  context: ResolvedMetricsContext,
): Promise<MetricValue[]> {
  const n = (value: number | string | null | undefined) =>
    value === null || value === undefined ? 0 : toNumber(value);
  const row =
    'platformId' in scope
      ? await platformCustomersMetricsQuery(db, scope.platformId, context).executeTakeFirstOrThrow()
      : await customersMetricsQuery(db, scope, context).executeTakeFirstOrThrow();
  // Active in W whose first order is before W: on a platform, the active less the first orders ever in W.
  const returning = 'first_orders_now' in row ? n(row.active_now) - n(row.first_orders_now) : n(row.returning_now);
  const trends = context.includeTrends;
  return [
    metric('total', n(row.total), 'users'),
    withTrend(metric('new', n(row.new_now), 'user-plus'), n(row.new_before), trends),
    withTrend(metric('active', n(row.active_now), 'user-check'), n(row.active_before), trends),
    metric('returning', returning, 'repeat'),
  ];
}

/** The host translates the label and description from `metric.customers.<name>.*` in the messages. */
function metric(name: 'total' | 'new' | 'active' | 'returning', value: number, icon: string): MetricValue {
  const key = `customers.${name}` as const;
  return { key, value, label: en[`metric.${key}.label`], description: en[`metric.${key}.description`], category, icon };
}
