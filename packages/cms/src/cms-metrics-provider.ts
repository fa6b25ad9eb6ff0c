/**
 * The cms numbers on the store and platform-admin dashboards; see the package README for their
 * exact definitions. The host loads this file on the first dashboard request.
 */
import { metricBuilder, toNumber, withTrend, type MetricValue, type ResolvedMetricsContext } from '@orion/contracts';
import type { Kysely } from 'kysely';
import { cmsKit } from './cms-kit.js';
import { mediaTotalsQuery, pageCountsQuery, platformMetricsQuery, type CmsMetricsScope } from './cms-metrics-query.js';
import { en } from './messages/en.js';
import type { CmsDatabase } from './schema.js';

interface ContentTotals {
  pages: number;
  published: number;
  newNow: number;
  newBefore: number;
  files: number;
  bytes: number;
}

async function pageTotals(db: Kysely<CmsDatabase>, scope: CmsMetricsScope, context: ResolvedMetricsContext) {
  const row = await pageCountsQuery(db, scope, context).executeTakeFirstOrThrow();
  return {
    pages: toNumber(row.pages),
    published: toNumber(row.published),
    newNow: toNumber(row.new_now),
    newBefore: toNumber(row.new_before),
  };
}

async function mediaTotals(db: Kysely<CmsDatabase>, storeId: number) {
  const row = await mediaTotalsQuery(db, storeId).executeTakeFirstOrThrow();
  return { files: toNumber(row.files), bytes: toNumber(row.bytes) };
}

type MetricKey =
  'cms.pages' | 'cms.published_pages' | 'cms.new_pages' | 'cms.media_files' | 'cms.media_bytes' | 'cms.themed_stores';

const icons: Record<MetricKey, string> = {
  'cms.pages': 'file-text',
  'cms.published_pages': 'globe',
  'cms.new_pages': 'file-plus',
  'cms.media_files': 'image',
  'cms.media_bytes': 'hard-drive',
  'cms.themed_stores': 'palette',
};

/** The host translates the label and description from `metric.<key>.*` in the messages. */
const build = metricBuilder<MetricKey>('cms', en);
const metric = (key: MetricKey, value: number, unit?: string): MetricValue => build(key, value, icons[key], unit);

function toMetrics(totals: ContentTotals, context: ResolvedMetricsContext): MetricValue[] {
  return [
    metric('cms.pages', totals.pages),
    metric('cms.published_pages', totals.published),
    withTrend(metric('cms.new_pages', totals.newNow), totals.newBefore, context.includeTrends),
    metric('cms.media_files', totals.files),
    metric('cms.media_bytes', totals.bytes, 'bytes'),
  ];
}

/**
 * `cms.pages`, `cms.published_pages`, `cms.new_pages` (with its trend), `cms.media_files` and
 * `cms.media_bytes` for a store; for a platform the same over its active stores plus its own pages,
 * and `cms.themed_stores`.
 */
export const cmsMetricsProvider = cmsKit.metricsProvider({
  metricsCategory: 'cms',
  async getStoreMetrics(db, storeId, context) {
    const [pages, media] = await Promise.all([pageTotals(db, { storeId }, context), mediaTotals(db, storeId)]);
    return toMetrics({ ...pages, ...media }, context);
  },
  async getPlatformMetrics(db, platformId, context) {
    const row = await platformMetricsQuery(db, platformId, context).executeTakeFirstOrThrow();
    const totals: ContentTotals = {
      pages: toNumber(row.pages),
      published: toNumber(row.published),
      newNow: toNumber(row.new_now),
      newBefore: toNumber(row.new_before),
      files: toNumber(row.files),
      bytes: toNumber(row.bytes),
    };
    return [...toMetrics(totals, context), metric('cms.themed_stores', toNumber(row.themed_stores))];
  },
});
