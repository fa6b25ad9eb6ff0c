import type { Kysely } from 'kysely';
import {
  toNumber,
  type MetricsProviderProtocol,
  type MetricValue,
  type ResolvedMetricsContext,
} from '@orion/contracts';
import { activeStoreIdsInPlatform } from '@orion/tenancy';
import type { InventoryDatabase } from './schema.js';

const category = 'inventory';

/** The per-platform rows of `inventory_004_platform_totals`, read by the platform dashboard only. */
interface PlatformTotalsTables {
  inventory_platform_totals: {
    platform_id: number;
    total_units: number | string;
    skus: number | string;
    low_stock: number | string;
    out_of_stock: number | string;
    locations: number | string;
  };
}

/**
 * The five numbers summed over the rows of `table` the caller selects: at most one row, found by
 * its primary key, so the query always answers one row (nulls where there is none).
 */
function summedTotals(db: Kysely<InventoryDatabase>, table: 'inventory_store_totals' | 'inventory_platform_totals') {
  return (db as unknown as Kysely<InventoryDatabase & PlatformTotalsTables>)
    .selectFrom(table)
    .select((eb) => [
      eb.fn.sum<number | string | null>('total_units').as('total_units'),
      eb.fn.sum<number | string | null>('skus').as('skus'),
      eb.fn.sum<number | string | null>('low_stock').as('low_stock'),
      eb.fn.sum<number | string | null>('out_of_stock').as('out_of_stock'),
      eb.fn.sum<number | string | null>('locations').as('locations'),
    ]);
}

/**
 * The store dashboard's single statement: the store's `inventory_store_totals` row, found by its
 * primary key. Exported for the EXPLAIN test.
 *
 * @example
 * ```ts
 * import { storeInventoryQuery } from './inventory-metrics-provider.js';
 *
 * const { sql, parameters } = storeInventoryQuery(db, 12).compile();
 * ```
 */
export function storeInventoryQuery(db: Kysely<InventoryDatabase>, storeId: number) {
  return summedTotals(db, 'inventory_store_totals').where('store_id', '=', storeId);
}

/**
 * The platform dashboard's single statement: the platform's `inventory_platform_totals` row, found
 * by its primary key, which the database keeps equal to the sum of the `inventory_store_totals`
 * rows of the stores with an active membership in the platform ({@link activeStoreIdsInPlatform};
 * see `inventory_004_platform_totals`): one row read whatever the number of stores. Each store's
 * distinct SKU and location counts add up to distinct `(store_id, sku)` and `(store_id, location)`
 * pairs: two stores' SKU `A-1` are different products, two stores' location `default` different
 * places.
 *
 * @throws OrionError `ORION_ERR_VALIDATION` when `platformId` is not a positive integer.
 * @example
 * ```ts
 * import { platformInventoryQuery } from './inventory-metrics-provider.js';
 *
 * const { sql, parameters } = platformInventoryQuery(db, 1).compile();
 * ```
 */
export function platformInventoryQuery(db: Kysely<InventoryDatabase>, platformId: number) {
  // validates `platformId` (a coded ORION_ERR_VALIDATION) as the tenancy helper does
  activeStoreIdsInPlatform(db, platformId);
  return summedTotals(db, 'inventory_platform_totals').where('platform_id', '=', platformId);
}

type Totals = Record<'total_units' | 'skus' | 'low_stock' | 'out_of_stock' | 'locations', unknown>;

function metric(key: string, value: unknown, label: string, icon: string, description: string): MetricValue {
  return { key, value: toNumber(value), label, category, icon, description };
}

function toMetrics(row: Totals, scope: 'store' | 'platform'): MetricValue[] {
  const items = scope === 'store' ? 'The store’s inventory items' : 'Inventory items of the platform’s stores';
  return [
    metric(
      'inventory.total_units',
      row.total_units,
      'Units in stock',
      'package',
      `Sum of the on-hand quantities above zero. ${items} with zero or negative stock add nothing; reservations are not subtracted.`,
    ),
    metric(
      'inventory.skus',
      row.skus,
      'SKUs',
      'barcode',
      scope === 'store'
        ? 'Distinct SKUs the store keeps stock records for, whatever their location or quantity.'
        : 'Distinct (store, SKU) pairs: the same SKU in two stores counts twice, in two locations of one store once.',
    ),
    metric(
      'inventory.low_stock',
      row.low_stock,
      'Low on stock',
      'alert-triangle',
      `${items} with a quantity above zero but at or below their low-stock threshold, per location.`,
    ),
    metric(
      'inventory.out_of_stock',
      row.out_of_stock,
      'Out of stock',
      'x-circle',
      `${items} with a quantity of zero or less, per location.`,
    ),
    metric(
      'inventory.locations',
      row.locations,
      'Locations',
      'map-pin',
      scope === 'store'
        ? 'Distinct locations the store keeps stock at.'
        : 'Distinct (store, location) pairs: each store’s “default” location counts as a place of its own.',
    ),
  ];
}

/**
 * The inventory numbers on the store and platform-admin dashboards. All of them describe the
 * current state, so they ignore the context's window and carry no trend. Each level is one SQL
 * statement reading one totals row by its primary key: the store's, or the platform's (see the README
 * for the exact definitions).
 *
 * - `inventory.total_units`: sum of positive quantities;
 * - `inventory.skus`: distinct SKUs (platform: distinct `(store_id, sku)` pairs);
 * - `inventory.low_stock`: items with `0 < quantity <= low_stock_threshold`;
 * - `inventory.out_of_stock`: items with `quantity <= 0`;
 * - `inventory.locations`: distinct locations (platform: distinct `(store_id, location)` pairs).
 *
 * @example
 * ```ts
 * import { metricsContextSchema, resolveMetricsContext } from '@orion/contracts';
 * import { InventoryMetricsProvider } from './inventory-metrics-provider.js';
 * const context = resolveMetricsContext(metricsContextSchema.parse({}));
 * const metrics = await new InventoryMetricsProvider().getStoreMetrics(db, 12, context);
 * // [{ key: 'inventory.total_units', value: 1250, label: 'Units in stock', category: 'inventory', ... }, ...]
 * ```
 */
export class InventoryMetricsProvider implements MetricsProviderProtocol<InventoryDatabase> {
  readonly metricsCategory = category;

  /**
   * Units, SKUs, low-stock and out-of-stock items and locations of one store.
   *
   * @example
   * ```ts
   * import { InventoryMetricsProvider } from './inventory-metrics-provider.js';
   *
   * const metrics = await new InventoryMetricsProvider().getStoreMetrics(db, 12, context);
   * ```
   */
  async getStoreMetrics(
    db: Kysely<InventoryDatabase>,
    storeId: number,
    _context: ResolvedMetricsContext,
  ): Promise<MetricValue[]> {
    const row = await storeInventoryQuery(db, storeId).executeTakeFirstOrThrow();
    return toMetrics(row, 'store');
  }

  /**
   * The same numbers over the stores with an active membership in the platform.
   *
   * @example
   * ```ts
   * import { InventoryMetricsProvider } from './inventory-metrics-provider.js';
   *
   * const metrics = await new InventoryMetricsProvider().getPlatformMetrics(db, 1, context);
   * ```
   */
  async getPlatformMetrics(
    db: Kysely<InventoryDatabase>,
    platformId: number,
    _context: ResolvedMetricsContext,
  ): Promise<MetricValue[]> {
    const row = await platformInventoryQuery(db, platformId).executeTakeFirstOrThrow();
    return toMetrics(row, 'platform');
  }
}
