/**
 * The SQL statements behind the cms dashboards, built here so the metrics provider runs them and
 * the tests can `compile()` and `EXPLAIN` them. Every number is an aggregate in SQL.
 */
import { windowBounds, type ResolvedMetricsContext } from '@orion/contracts';
import { activeStoreIdsInPlatform } from '@orion/tenancy';
import type { Expression, Kysely, SqlBool } from 'kysely';
import { defaultThemeCode } from './cms-theme.js';
import type { CmsDatabase } from './schema.js';

/** Whose content: one store; the stores with an active membership in a platform; a platform's own pages. */
export type CmsMetricsScope = { storeId: number } | { platformStores: number } | { platformPages: number };

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
      : 'platformStores' in scope
        ? pages.where('store_id', 'in', activeStoreIdsInPlatform(db, scope.platformStores))
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

/** The number of media files and their bytes, for one store or a platform's active stores. */
export function mediaTotalsQuery(db: Kysely<CmsDatabase>, scope: { storeId: number } | { platformStores: number }) {
  const media = db.selectFrom('cms_media_files');
  const scoped =
    'storeId' in scope
      ? media.where('store_id', '=', scope.storeId)
      : media.where('store_id', 'in', activeStoreIdsInPlatform(db, scope.platformStores));
  return scoped.select((eb) => [
    eb.fn.countAll<number | string>().as('files'),
    eb.fn.coalesce(eb.fn.sum<number | string>('bytes'), eb.lit(0)).as('bytes'),
  ]);
}

/** The platform's active stores whose theme is not the default one. */
export function themedStoresQuery(db: Kysely<CmsDatabase>, platformId: number) {
  return db
    .selectFrom('cms_themes')
    .where('store_id', 'in', activeStoreIdsInPlatform(db, platformId))
    .where('theme_code', '<>', defaultThemeCode)
    .select((eb) => eb.fn.countAll<number | string>().as('stores'));
}
