import { sql, type Kysely, type RawBuilder } from 'kysely';
import {
  metricBuilder,
  splitWindow,
  toNumber,
  windowBounds,
  withTrend,
  type MetricsProviderProtocol,
  type MetricValue,
  type ResolvedMetricsContext,
  type WindowBounds,
} from '@orion/contracts';
import { activeStoreIdsInPlatform, isActiveStoreInPlatform } from '@orion/tenancy';
import { en } from './messages/en.js';
import type { CatalogDatabase } from './schema.js';

const category = 'catalog';

type StoreScope = (storeIdColumn: string) => RawBuilder<boolean>;

/**
 * The one statement behind both dashboards, over the stores `inScope` picks: the product counts
 * summed from `catalog_store_totals` (kept by the catalog's writers in the transaction of each
 * write), and the new products of the window and of the previous window counted from
 * `products_store_created_idx`, a `(store_id, created_at)` range per store.
 */
function countsQuery(catalog: Kysely<CatalogDatabase>, bounds: WindowBounds, inScope: StoreScope) {
  const totals = catalog
    .selectFrom('catalog_store_totals')
    .where(inScope('catalog_store_totals.store_id'))
    .select((eb) => [
      eb.fn.sum<number | string | null>('catalog_store_totals.products').as('products'),
      eb.fn.sum<number | string | null>('catalog_store_totals.active_products').as('active_products'),
      eb.fn.sum<number | string | null>('catalog_store_totals.featured_products').as('featured_products'),
    ]);
  const created = catalog
    .selectFrom('products')
    .where(inScope('products.store_id'))
    .where('products.created_at', '>=', bounds.previousFrom)
    .where('products.created_at', '<', bounds.to)
    .select((eb) => [
      eb.fn
        .countAll()
        .filterWhere((f) =>
          f.and([f('products.created_at', '>=', bounds.from), f('products.created_at', '<', bounds.to)]),
        )
        .as('new_products'),
      eb.fn
        .countAll()
        .filterWhere((f) =>
          f.and([
            f('products.created_at', '>=', bounds.previousFrom),
            f('products.created_at', '<', bounds.previousTo),
          ]),
        )
        .as('previous_new_products'),
    ]);
  return catalog
    .selectFrom([totals.as('t'), created.as('n')])
    .select(['t.products', 't.active_products', 't.featured_products', 'n.new_products', 'n.previous_new_products']);
}

/**
 * The store dashboard's query for store `storeId`, as a builder (run it, or `.compile()` it to
 * look at its plan).
 *
 * @example
 * ```ts
 * import { storeMetricsQuery } from './catalog-metrics-provider.js';
 * import { windowBounds } from '@orion/contracts';
 *
 * const row = await storeMetricsQuery(db, 12, windowBounds(context)).executeTakeFirstOrThrow();
 * ```
 */
export function storeMetricsQuery(db: Kysely<CatalogDatabase>, storeId: number, bounds: WindowBounds) {
  return countsQuery(db, bounds, (column) => sql<boolean>`${sql.ref(column)} = ${storeId}`);
}

/** The per-platform rows of `catalog_004_platform_rollups`, read by the platform dashboard only. */
interface PlatformRollupTables {
  catalog_platform_daily_totals: { platform_id: number; day: string; new_products: number | string };
  catalog_platform_totals: {
    platform_id: number;
    products: number | string;
    active_products: number | string;
    featured_products: number | string;
  };
}

/**
 * The platform dashboard's query: the products of the stores with an active membership in
 * `platformId` ({@link activeStoreIdsInPlatform}), each row counted once, read from the platform's
 * own rows (`catalog_platform_totals`, `catalog_platform_daily_totals`) and, for a window boundary
 * inside a day, the shorter side of that day's products ({@link splitWindow}).
 *
 * @example
 * ```ts
 * import { platformMetricsQuery } from './catalog-metrics-provider.js';
 * import { windowBounds } from '@orion/contracts';
 *
 * const row = await platformMetricsQuery(db, 1, windowBounds(context)).executeTakeFirstOrThrow();
 * ```
 */
export function platformMetricsQuery(db: Kysely<CatalogDatabase>, platformId: number, bounds: WindowBounds) {
  // validates `platformId` (a coded ORION_ERR_VALIDATION) as the tenancy helper does
  activeStoreIdsInPlatform(db, platformId);
  const rollups = db as unknown as Kysely<CatalogDatabase & PlatformRollupTables>;
  const count = (from: string, to: string): RawBuilder<number | string> => {
    const terms = splitWindow({ from: Date.parse(from), to: Date.parse(to), unit: 'day' }).map((part) => {
      const [lower, upper] = [new Date(part.from).toISOString(), new Date(part.to).toISOString()];
      const value =
        part.source === 'day'
          ? sql`(select coalesce(sum(new_products), 0) from catalog_platform_daily_totals
               where platform_id = ${platformId} and day >= ${lower} and day < ${upper})`
          : // driven by `products_created_idx` (at most half a day of products), each product's
            // membership probed: not the platform's stores driving one index range each
            sql`(select count(*) from products as p
               where p.created_at >= ${lower} and p.created_at < ${upper}
                 and ${isActiveStoreInPlatform('p.store_id', platformId)})`;
      return part.sign === 1 ? sql`+ ${value}` : sql`- ${value}`;
    });
    return sql<number | string>`(0 ${sql.join(terms, sql` `)})`;
  };
  return rollups.selectNoFrom((eb) => [
    eb.selectFrom('catalog_platform_totals').where('platform_id', '=', platformId).select('products').as('products'),
    eb
      .selectFrom('catalog_platform_totals')
      .where('platform_id', '=', platformId)
      .select('active_products')
      .as('active_products'),
    eb
      .selectFrom('catalog_platform_totals')
      .where('platform_id', '=', platformId)
      .select('featured_products')
      .as('featured_products'),
    count(bounds.from, bounds.to).as('new_products'),
    count(bounds.previousFrom, bounds.previousTo).as('previous_new_products'),
  ]);
}

interface CountsRow {
  products: number | string | null;
  active_products: number | string | null;
  featured_products: number | string | null;
  new_products: number | string | bigint | null;
  previous_new_products: number | string | bigint | null;
}

/**
 * The catalog numbers on the store and platform-admin dashboards, each level computed with one SQL
 * statement:
 *
 * - `catalog.products`: all products (all time, active or not; no trend);
 * - `catalog.active_products`: products that are active now (no trend);
 * - `catalog.featured_products`: products that are active and featured now (no trend);
 * - `catalog.new_products`: products created in the window `[dateFrom, dateTo)`; with
 *   `includeTrends`, the trend against the previous window `[previousFrom, previousTo)`.
 *
 * A store dashboard counts the store's products; a platform dashboard counts the products of the
 * stores with an active membership in the platform, whether those stores are active or not.
 *
 * @example
 * ```ts
 * import { metricsContextSchema, resolveMetricsContext } from '@orion/contracts';
 * import { CatalogMetricsProvider } from './catalog-metrics-provider.js';
 * const context = resolveMetricsContext(metricsContextSchema.parse({ period: '7d', includeTrends: true }));
 * const metrics = await new CatalogMetricsProvider().getStoreMetrics(db, 12, context);
 * // [{ key: 'catalog.products', value: 120, ... }, ..., { key: 'catalog.new_products', value: 8, trend: 'up', trendValue: 60 }]
 * ```
 */
export class CatalogMetricsProvider implements MetricsProviderProtocol<CatalogDatabase> {
  readonly metricsCategory = category;

  /**
   * The catalog metrics of one store.
   *
   * @example
   * ```ts
   * import { CatalogMetricsProvider } from './catalog-metrics-provider.js';
   *
   * const metrics = await new CatalogMetricsProvider().getStoreMetrics(db, 12, context);
   * ```
   */
  async getStoreMetrics(
    db: Kysely<CatalogDatabase>,
    storeId: number,
    context: ResolvedMetricsContext,
  ): Promise<MetricValue[]> {
    const row = await storeMetricsQuery(db, storeId, windowBounds(context)).executeTakeFirstOrThrow();
    return toMetrics(row, context);
  }

  /**
   * The catalog metrics of the stores with an active membership in one platform.
   *
   * @example
   * ```ts
   * import { CatalogMetricsProvider } from './catalog-metrics-provider.js';
   *
   * const metrics = await new CatalogMetricsProvider().getPlatformMetrics(db, 1, context);
   * ```
   */
  async getPlatformMetrics(
    db: Kysely<CatalogDatabase>,
    platformId: number,
    context: ResolvedMetricsContext,
  ): Promise<MetricValue[]> {
    const row = await platformMetricsQuery(db, platformId, windowBounds(context)).executeTakeFirstOrThrow();
    return toMetrics(row, context);
  }
}

function toMetrics(row: CountsRow, context: ResolvedMetricsContext): MetricValue[] {
  return [
    metric('catalog.products', row.products, 'package'),
    metric('catalog.active_products', row.active_products, 'check-circle'),
    metric('catalog.featured_products', row.featured_products, 'star'),
    withTrend(
      metric('catalog.new_products', row.new_products, 'sparkles'),
      toNumber(row.previous_new_products),
      context.includeTrends,
    ),
  ];
}

type MetricKey = 'catalog.products' | 'catalog.active_products' | 'catalog.featured_products' | 'catalog.new_products';

/** One metric, labelled and described by the English messages (the host translates them per request). */
const metric = metricBuilder<MetricKey>(category, en);
