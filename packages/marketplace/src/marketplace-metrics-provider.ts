import {
  roundTo,
  toNumber,
  windowBounds,
  withTrend,
  type MetricValue,
  type MetricsProviderProtocol,
  type ResolvedMetricsContext,
} from '@orion/contracts';
import { activeStoreIdsInPlatform } from '@orion/tenancy';
import type { Kysely } from 'kysely';
import type { MarketplaceDatabase } from './schema.js';

const category = 'marketplace';

/**
 * The one statement behind both dashboards: import jobs of the window and of the previous window
 * (one range scan over `(store_id, created_at, status)`), and the staged products, for the stores
 * `scope` selects.
 */
export function marketplaceMetricsQuery(
  db: Kysely<any>,
  scope: 'store' | 'platform',
  id: number,
  context: ResolvedMetricsContext,
) {
  const m = db as Kysely<MarketplaceDatabase>;
  const { from, to, previousFrom } = windowBounds(context);
  const byStore = scope === 'store';
  const jobs = m
    .selectFrom('marketplace_import_jobs')
    .where((eb) => (byStore ? eb('store_id', '=', id) : eb('store_id', 'in', activeStoreIdsInPlatform(m, id))))
    .where('created_at', '>=', previousFrom)
    .where('created_at', '<', to)
    .select((eb) => {
      const inWindow = eb('created_at', '>=', from);
      const inPrevious = eb('created_at', '<', from);
      return [
        eb.fn.countAll().filterWhere(inWindow).as('jobs'),
        eb.fn.countAll().filterWhere(inPrevious).as('previous_jobs'),
        eb.fn
          .countAll()
          .filterWhere(eb.and([inWindow, eb('status', '=', 'failed')]))
          .as('failed'),
        eb.fn
          .countAll()
          .filterWhere(eb.and([inPrevious, eb('status', '=', 'failed')]))
          .as('previous_failed'),
        eb.fn
          .countAll()
          .filterWhere(eb.and([inWindow, eb('status', '=', 'completed')]))
          .as('completed'),
        eb.fn
          .countAll()
          .filterWhere(eb.and([inPrevious, eb('status', '=', 'completed')]))
          .as('previous_completed'),
      ];
    });
  const staged = m
    .selectFrom('marketplace_products')
    .where((eb) => (byStore ? eb('store_id', '=', id) : eb('store_id', 'in', activeStoreIdsInPlatform(m, id))))
    .where('status', '=', 'staged')
    .select((eb) => eb.fn.countAll().as('staged'));
  return m
    .selectFrom([jobs.as('jobs'), staged.as('staged')])
    .select([
      'jobs.jobs',
      'jobs.previous_jobs',
      'jobs.failed',
      'jobs.previous_failed',
      'jobs.completed',
      'jobs.previous_completed',
      'staged.staged',
    ]);
}

/**
 * The marketplace numbers on both dashboards:
 * - `marketplace.import_jobs`: import jobs created in the window;
 * - `marketplace.failed_jobs`: of those, the failed ones;
 * - `marketplace.import_success_rate`: completed ÷ (completed + failed) of those, in percent with one
 *   decimal; omitted when there are neither (pending and running jobs do not count);
 * - `marketplace.staging_products`: staged products, all time (no window, no trend).
 * The windowed ones carry the shared trend rule with `includeTrends` (a previous window without
 * finished jobs counts as a rate of 0).
 */
export class MarketplaceMetricsProvider implements MetricsProviderProtocol {
  readonly metricsCategory = category;

  async getStoreMetrics(db: Kysely<any>, storeId: number, context: ResolvedMetricsContext): Promise<MetricValue[]> {
    return toMetrics(await marketplaceMetricsQuery(db, 'store', storeId, context).executeTakeFirstOrThrow(), context);
  }

  async getPlatformMetrics(
    db: Kysely<any>,
    platformId: number,
    context: ResolvedMetricsContext,
  ): Promise<MetricValue[]> {
    return toMetrics(
      await marketplaceMetricsQuery(db, 'platform', platformId, context).executeTakeFirstOrThrow(),
      context,
    );
  }
}

function toMetrics(row: Record<string, unknown>, context: ResolvedMetricsContext): MetricValue[] {
  const n = (key: string) => toNumber(row[key]);
  const trends = context.includeTrends;
  const metrics: MetricValue[] = [
    withTrend(
      {
        key: 'marketplace.import_jobs',
        value: n('jobs'),
        label: 'Import jobs',
        category,
        icon: 'upload',
        description: 'Feed imports started in the period.',
      },
      n('previous_jobs'),
      trends,
    ),
    withTrend(
      {
        key: 'marketplace.failed_jobs',
        value: n('failed'),
        label: 'Failed imports',
        category,
        icon: 'alert-triangle',
        description: 'Feed imports in the period that could not be read.',
      },
      n('previous_failed'),
      trends,
    ),
  ];
  const rate = successRate(n('completed'), n('failed'));
  if (rate !== undefined) {
    metrics.push(
      withTrend(
        {
          key: 'marketplace.import_success_rate',
          value: rate,
          label: 'Import success rate',
          category,
          icon: 'check-circle',
          unit: '%',
          description: 'Completed imports out of the finished ones (completed or failed) in the period.',
        },
        successRate(n('previous_completed'), n('previous_failed')) ?? 0,
        trends,
      ),
    );
  }
  metrics.push({
    key: 'marketplace.staging_products',
    value: n('staged'),
    label: 'Products in staging',
    category,
    icon: 'inbox',
    description: 'Imported products waiting to be published or rejected.',
  });
  return metrics;
}

/** completed ÷ (completed + failed) in percent, one decimal; `undefined` when neither. */
export function successRate(completed: number, failed: number): number | undefined {
  const finished = completed + failed;
  return finished === 0 ? undefined : roundTo((completed / finished) * 100, 1);
}
