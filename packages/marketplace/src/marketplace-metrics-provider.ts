import {
  roundTo,
  splitWindow,
  toNumber,
  windowBounds,
  withTrend,
  type MetricValue,
  type MetricsProviderProtocol,
  type ResolvedMetricsContext,
} from '@orion/contracts';
import { activeStoreIdsInPlatform, isActiveStoreInPlatform } from '@orion/tenancy';
import { sql, type Kysely } from 'kysely';
import type { MarketplaceDatabase } from './schema.js';

const category = 'marketplace';

/** `marketplace_store_totals` (`marketplace_003_staged_totals`): staged products per store, kept by triggers. */
type StagedTotalsTables = {
  marketplace_store_totals: { store_id: number; staged_products: number };
};

/**
 * The one statement behind both dashboards: import jobs of the window and of the previous window
 * (one range scan over `(store_id, created_at, status)`), and the staged products, for the stores
 * `scope` selects.
 */
export function marketplaceMetricsQuery(
  db: Kysely<MarketplaceDatabase>,
  scope: 'store' | 'platform',
  id: number,
  context: ResolvedMetricsContext,
) {
  if (scope === 'platform') return platformRollupsQuery(db, id, context);
  const { from, to, previousFrom } = windowBounds(context);
  const byStore = scope === 'store';
  const jobs = db
    .selectFrom('marketplace_import_jobs')
    .where((eb) => (byStore ? eb('store_id', '=', id) : eb('store_id', 'in', activeStoreIdsInPlatform(db, id))))
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
  // per-store staged counts the database keeps (marketplace_003_staged_totals): one row per store
  const totals = db.withTables<StagedTotalsTables>();
  const staged = totals
    .selectFrom('marketplace_store_totals')
    .where((eb) => (byStore ? eb('store_id', '=', id) : eb('store_id', 'in', activeStoreIdsInPlatform(db, id))))
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number | string>('staged_products'), eb.lit(0)).as('staged'));
  return db
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
 * The platform dashboard's statement (issue 12): the platform's own rows of
 * `marketplace_004_platform_rollups` (its staged total, a `(platform_id, day)` range of its daily
 * rows per window) and, for a boundary inside a day, that day's shorter side ({@link splitWindow}) from
 * `marketplace_import_jobs_created_idx`, each job's membership probed.
 */
function platformRollupsQuery(db: Kysely<MarketplaceDatabase>, platformId: number, context: ResolvedMetricsContext) {
  // validates `platformId` (a coded ORION_ERR_VALIDATION) as the tenancy helper does
  activeStoreIdsInPlatform(db, platformId);
  const bounds = windowBounds(context);
  const count = (from: string, to: string, column: 'jobs' | 'failed' | 'completed') => {
    const terms = splitWindow({ from: Date.parse(from), to: Date.parse(to), unit: 'day' }).map((part) => {
      const [lower, upper] = [new Date(part.from).toISOString(), new Date(part.to).toISOString()];
      const status = column === 'jobs' ? sql`` : sql` and j.status = ${column}`;
      const value =
        part.source === 'day'
          ? sql`(select coalesce(sum(${sql.ref(column)}), 0) from marketplace_platform_daily_totals
               where platform_id = ${platformId} and day >= ${lower} and day < ${upper})`
          : sql`(select count(*) from marketplace_import_jobs as j
               where j.created_at >= ${lower} and j.created_at < ${upper}${status}
                 and ${isActiveStoreInPlatform('j.store_id', platformId)})`;
      return part.sign === 1 ? sql`+ ${value}` : sql`- ${value}`;
    });
    return sql<number | string>`(0 ${sql.join(terms, sql` `)})`;
  };
  return db.selectNoFrom([
    count(bounds.from, bounds.to, 'jobs').as('jobs'),
    count(bounds.previousFrom, bounds.previousTo, 'jobs').as('previous_jobs'),
    count(bounds.from, bounds.to, 'failed').as('failed'),
    count(bounds.previousFrom, bounds.previousTo, 'failed').as('previous_failed'),
    count(bounds.from, bounds.to, 'completed').as('completed'),
    count(bounds.previousFrom, bounds.previousTo, 'completed').as('previous_completed'),
    sql<
      number | string
    >`coalesce((select staged_products from marketplace_platform_totals where platform_id = ${platformId}), 0)`.as(
      'staged',
    ),
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
export class MarketplaceMetricsProvider implements MetricsProviderProtocol<MarketplaceDatabase> {
  readonly metricsCategory = category;

  async getStoreMetrics(
    db: Kysely<MarketplaceDatabase>,
    storeId: number,
    context: ResolvedMetricsContext,
  ): Promise<MetricValue[]> {
    return toMetrics(await marketplaceMetricsQuery(db, 'store', storeId, context).executeTakeFirstOrThrow(), context);
  }

  async getPlatformMetrics(
    db: Kysely<MarketplaceDatabase>,
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
  // the trend compares the exact rates, in percentage points; only the shown value is rounded. A
  // previous window without finished jobs has no rate: up (or stable at 0) with no number.
  const rate = exactSuccessRate(n('completed'), n('failed'));
  if (rate !== undefined) {
    const metric: MetricValue = {
      key: 'marketplace.import_success_rate',
      value: roundTo(rate, 1),
      label: 'Import success rate',
      category,
      icon: 'check-circle',
      unit: '%',
      description: 'Completed imports out of the finished ones (completed or failed) in the period.',
    };
    const previousRate = exactSuccessRate(n('previous_completed'), n('previous_failed'));
    if (previousRate !== undefined) {
      metrics.push(withTrend(metric, previousRate, trends, { current: rate, change: 'points' }));
    } else if (trends) {
      metrics.push({
        ...metric,
        ...(rate === 0 ? { trend: 'stable', trendValue: 0 } : { trend: 'up', trendValue: null }),
      });
    } else {
      metrics.push(metric);
    }
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
  const rate = exactSuccessRate(completed, failed);
  return rate === undefined ? undefined : roundTo(rate, 1);
}

/** completed ÷ (completed + failed) in percent, unrounded; `undefined` when neither. */
function exactSuccessRate(completed: number, failed: number): number | undefined {
  const finished = completed + failed;
  return finished === 0 ? undefined : (completed / finished) * 100;
}
