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

/**
 * The five numbers summed over `inventory_store_totals`, the per-store row that the inventory's
 * writers recompute in the transaction of every stock write (see `inventory-store-totals.ts`).
 */
function summedTotals(db: Kysely<InventoryDatabase>) {
  return db
    .selectFrom('inventory_store_totals')
    .select((eb) => [
      eb.fn.sum<number | string | null>('inventory_store_totals.total_units').as('total_units'),
      eb.fn.sum<number | string | null>('inventory_store_totals.skus').as('skus'),
      eb.fn.sum<number | string | null>('inventory_store_totals.low_stock').as('low_stock'),
      eb.fn.sum<number | string | null>('inventory_store_totals.out_of_stock').as('out_of_stock'),
      eb.fn.sum<number | string | null>('inventory_store_totals.locations').as('locations'),
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
  return summedTotals(db).where('inventory_store_totals.store_id', '=', storeId);
}

/**
 * The platform dashboard's single statement: the `inventory_store_totals` rows of the platform's
 * stores (`store_id in` {@link activeStoreIdsInPlatform}), summed. Each store's distinct SKU and
 * location counts add up to distinct `(store_id, sku)` and `(store_id, location)` pairs: two
 * stores' SKU `A-1` are different products, two stores' location `default` different places.
 *
 * @example
 * ```ts
 * import { platformInventoryQuery } from './inventory-metrics-provider.js';
 *
 * const { sql, parameters } = platformInventoryQuery(db, 1).compile();
 * ```
 */
export function platformInventoryQuery(db: Kysely<InventoryDatabase>, platformId: number) {
  return summedTotals(db).where('inventory_store_totals.store_id', 'in', activeStoreIdsInPlatform(db, platformId));
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
 * statement over the per-store totals rows (see the README for the exact definitions).
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
