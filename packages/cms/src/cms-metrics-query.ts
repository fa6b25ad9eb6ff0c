/**
 * The SQL statements behind the cms dashboards, built here so the metrics provider runs them and
 * the tests can `compile()` and `EXPLAIN` them. Every number is an aggregate in SQL.
 */
import { splitWindow, windowBounds, type ResolvedMetricsContext } from '@orion/contracts';
import { activeStoreIdsInPlatform, isActiveStoreInPlatform } from '@orion/tenancy';
import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { CmsDatabase } from './schema.js';

/** Whose pages: one store's, or a platform's own pages. */
export type CmsMetricsScope = { storeId: number } | { platformPages: number };

/**
 * `count(*)`, published pages, and pages created in the window and in the previous window, for
 * one scope's pages; read from `cms_pages_store_idx` or `cms_pages_platform_idx` alone.
 */
export function pageCountsQuery(db: Kysely<CmsDatabase>, scope: CmsMetricsScope, context: ResolvedMetricsContext) {
  const { from, to, previousFrom, previousTo } = windowBounds(context);
  const pages = db.selectFrom('cms_pages');
  const scoped =
    'storeId' in scope
      ? pages.where('store_id', '=', scope.storeId)
      : pages.where('platform_id', '=', scope.platformPages);
  return scoped.select((eb) => {
    const countWhen = (condition: Expression<SqlBool>) =>
      eb.fn.coalesce(eb.fn.sum<number | string>(eb.case().when(condition).then(1).else(0).end()), eb.lit(0));
    return [
      eb.fn.countAll<number | string>().as('pages'),
      countWhen(eb('status', '=', 'published')).as('published'),
      countWhen(eb.and([eb('created_at', '>=', from), eb('created_at', '<', to)])).as('new_now'),
      countWhen(eb.and([eb('created_at', '>=', previousFrom), eb('created_at', '<', previousTo)])).as('new_before'),
    ];
  });
}

/** The number of media files and their bytes, for one store; read from `cms_media_files_store_idx` alone. */
export function mediaTotalsQuery(db: Kysely<CmsDatabase>, storeId: number) {
  return db
    .selectFrom('cms_media_files')
    .where('store_id', '=', storeId)
    .select((eb) => [
      eb.fn.countAll<number | string>().as('files'),
      eb.fn.coalesce(eb.fn.sum<number | string>('bytes'), eb.lit(0)).as('bytes'),
    ]);
}

/** The per-platform rows of `cms_002_platform_rollups`, read by the platform dashboard only. */
interface PlatformRollupTables {
  cms_platform_daily_pages: { platform_id: number; day: string; new_pages: number | string };
  cms_platform_totals: {
    platform_id: number;
    pages: number | string;
    published_pages: number | string;
    media_files: number | string;
    media_bytes: number | string;
    themed_stores: number | string;
  };
}

/**
 * The platform dashboard's one statement. Over the stores with an active membership in
 * `platformId` ({@link activeStoreIdsInPlatform}): pages, published pages, media files and bytes,
 * and stores with a theme other than the default one from `cms_platform_totals`; pages created in
 * the window and in the previous window from `cms_platform_daily_pages` (whole days) and, for a
 * boundary inside a day, the shorter side of that day's pages ({@link splitWindow}). To the page
 * numbers it adds the platform's own pages ({@link pageCountsQuery} with `platformPages`).
 */
export function platformMetricsQuery(db: Kysely<CmsDatabase>, platformId: number, context: ResolvedMetricsContext) {
  // validates `platformId` (a coded ORION_ERR_VALIDATION) as the tenancy helper does
  activeStoreIdsInPlatform(db, platformId);
  const { from, to, previousFrom, previousTo } = windowBounds(context);
  const rollups = db as unknown as Kysely<CmsDatabase & PlatformRollupTables>;
  const created = (lower: string, upper: string): RawBuilder<number | string> => {
    const terms = splitWindow({ from: Date.parse(lower), to: Date.parse(upper), unit: 'day' }).map((part) => {
      const [partFrom, partTo] = [new Date(part.from).toISOString(), new Date(part.to).toISOString()];
      const value =
        part.source === 'day'
          ? sql`(select coalesce(sum(new_pages), 0) from cms_platform_daily_pages
               where platform_id = ${platformId} and day >= ${partFrom} and day < ${partTo})`
          : // driven by `cms_pages_created_idx` (at most half a day of pages), each page's
            // membership probed: not the platform's stores driving one index range each
            sql`(select count(*) from cms_pages as p
               where p.created_at >= ${partFrom} and p.created_at < ${partTo}
                 and ${isActiveStoreInPlatform('p.store_id', platformId)})`;
      return part.sign === 1 ? sql`+ ${value}` : sql`- ${value}`;
    });
    return sql<number | string>`(0 ${sql.join(terms, sql` `)})`;
  };
  const total = (column: keyof PlatformRollupTables['cms_platform_totals']) =>
    sql<
      number | string
    >`coalesce((select ${sql.ref(column)} from cms_platform_totals where platform_id = ${platformId}), 0)`;
  const own = (column: 'pages' | 'published' | 'new_now' | 'new_before') => sql.ref(`own.${column}`);
  return rollups
    .selectFrom(pageCountsQuery(db, { platformPages: platformId }, context).as('own'))
    .select([
      sql<number | string>`${total('pages')} + ${own('pages')}`.as('pages'),
      sql<number | string>`${total('published_pages')} + ${own('published')}`.as('published'),
      sql<number | string>`${created(from, to)} + ${own('new_now')}`.as('new_now'),
      sql<number | string>`${created(previousFrom, previousTo)} + ${own('new_before')}`.as('new_before'),
      total('media_files').as('files'),
      total('media_bytes').as('bytes'),
      total('themed_stores').as('themed_stores'),
    ]);
}
