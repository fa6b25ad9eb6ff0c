/**
 * The SQL statements behind the cms dashboards, built here so the metrics provider runs them and
 * the tests can `compile()` and `EXPLAIN` them. Every number is an aggregate in SQL.
 */
import { windowBounds, type ResolvedMetricsContext } from '@orion/contracts';
import { activeStoreIdsInPlatform } from '@orion/tenancy';
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

const DAY = 86_400_000;

/**
 * One signed part of a window count: whole UTC days `[from, to)` of `cms_platform_daily_pages`, or
 * the pages created in `[from, to)` (a part of one day) counted from `cms_pages_created_idx`.
 */
interface WindowPart {
  sign: 1 | -1;
  source: 'days' | 'rows';
  from: number;
  to: number;
}

/**
 * The pages created in `[from, to)` as signed parts: whole days from the daily rows, and for a
 * boundary inside a day the shorter side of that day (at most twelve hours) from the pages
 * themselves, added or taken away, so the count is exact to the millisecond.
 */
function windowParts(from: number, to: number): WindowPart[] {
  const parts: WindowPart[] = [];
  const round = (at: number, sign: 1 | -1): number => {
    const start = Math.floor(at / DAY) * DAY;
    if (at === start) return at;
    if (at - start <= DAY / 2) {
      parts.push({ sign, source: 'rows', from: start, to: at });
      return start;
    }
    parts.push({ sign: -sign as 1 | -1, source: 'rows', from: at, to: start + DAY });
    return start + DAY;
  };
  const end = round(to, 1);
  const start = round(from, -1);
  if (start < end) parts.push({ sign: 1, source: 'days', from: start, to: end });
  else if (start > end) parts.push({ sign: -1, source: 'days', from: end, to: start });
  return parts;
}

/**
 * The platform dashboard's figures over the stores with an active membership in `platformId`
 * ({@link activeStoreIdsInPlatform}): pages, published pages, media files and bytes, and stores
 * with a theme other than the default one from `cms_platform_totals`; pages created in the window
 * and in the previous window from `cms_platform_daily_pages` (whole days) and, for a boundary
 * inside a day, the shorter side of that day's pages. The platform's own pages are not included
 * ({@link pageCountsQuery} with `platformPages`).
 */
export function platformStoresQuery(db: Kysely<CmsDatabase>, platformId: number, context: ResolvedMetricsContext) {
  // validates `platformId` (a coded ORION_ERR_VALIDATION) as the tenancy helper does
  activeStoreIdsInPlatform(db, platformId);
  const { from, to, previousFrom, previousTo } = windowBounds(context);
  const rollups = db as unknown as Kysely<CmsDatabase & PlatformRollupTables>;
  const created = (lower: string, upper: string): RawBuilder<number | string> => {
    const terms = windowParts(Date.parse(lower), Date.parse(upper)).map((part) => {
      const [partFrom, partTo] = [new Date(part.from).toISOString(), new Date(part.to).toISOString()];
      const value =
        part.source === 'days'
          ? sql`(select coalesce(sum(new_pages), 0) from cms_platform_daily_pages
               where platform_id = ${platformId} and day >= ${partFrom} and day < ${partTo})`
          : // driven by `cms_pages_created_idx` (at most half a day of pages), each page's
            // membership probed: not the platform's stores driving one index range each
            sql`(select count(*) from cms_pages as p
               where p.created_at >= ${partFrom} and p.created_at < ${partTo} and exists (select 1 from store_platforms as sp
                 where sp.store_id = p.store_id and sp.platform_id = ${platformId} and sp.is_active))`;
      return part.sign === 1 ? sql`+ ${value}` : sql`- ${value}`;
    });
    return sql<number | string>`(0 ${sql.join(terms, sql` `)})`;
  };
  const total = (column: keyof PlatformRollupTables['cms_platform_totals']) =>
    sql<
      number | string
    >`coalesce((select ${sql.ref(column)} from cms_platform_totals where platform_id = ${platformId}), 0)`;
  return rollups.selectNoFrom([
    total('pages').as('pages'),
    total('published_pages').as('published'),
    created(from, to).as('new_now'),
    created(previousFrom, previousTo).as('new_before'),
    total('media_files').as('files'),
    total('media_bytes').as('bytes'),
    total('themed_stores').as('themed_stores'),
  ]);
}
