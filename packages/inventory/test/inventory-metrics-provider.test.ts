import { QueryCounter } from '../../../test/support/query-counter.js';
/**
 * The differential test: seeded random inventory over a seeded tenancy, the expected metrics
 * computed in plain TypeScript from the rows the test wrote, compared with what the dashboards
 * return for every store with an active membership and every platform.
 */
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { inventoryStockWriterRef, metricValueSchema, nowTimestamp, type MetricValue } from '@orion/contracts';
import type { TestHost } from '@orion/testing';
import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
import { seededRandom, type Random } from '../../../test/support/random.js';
import { seedTenancy, type TenancyFixture } from '../../../test/support/tenancy-fixture.js';
import { InventoryService, inventoryModule, type InventoryDatabase } from '../src/index.js';
import { InventoryMetricsProvider } from '../src/inventory-metrics-provider.js';

/** The host, as the kit starts it. */
type Orion = TestHost['orion'];

/** One inventory item as the test last wrote it. */
interface Row {
  storeId: number;
  sku: string;
  location: string;
  quantity: number;
  threshold: number;
}

const SEED = 20_261_122;
const keys = [
  'inventory.total_units',
  'inventory.skus',
  'inventory.low_stock',
  'inventory.out_of_stock',
  'inventory.locations',
];
/** Location names shared between stores, so distinct names and distinct (store, location) pairs differ. */
const locationPool = ['default', 'shop', 'berlin-1', 'warehouse-b', 'Warehouse-B', 'paris'];

// ---------------------------------------------------------------- expected values, from the rows

function expectedFor(rows: Row[], scope: 'store' | 'platform'): Record<string, number> {
  // Store: distinct SKUs and locations. Platform: distinct (store, SKU) and (store, location) pairs.
  const skuOf = (row: Row) => (scope === 'store' ? row.sku : `${row.storeId}\u0000${row.sku}`);
  const locationOf = (row: Row) => (scope === 'store' ? row.location : `${row.storeId}\u0000${row.location}`);
  let totalUnits = 0;
  let lowStock = 0;
  let outOfStock = 0;
  for (const row of rows) {
    if (row.quantity > 0) totalUnits += row.quantity;
    if (row.quantity > 0 && row.quantity <= row.threshold) lowStock++;
    if (row.quantity <= 0) outOfStock++;
  }
  return {
    'inventory.total_units': totalUnits,
    'inventory.skus': new Set(rows.map(skuOf)).size,
    'inventory.low_stock': lowStock,
    'inventory.out_of_stock': outOfStock,
    'inventory.locations': new Set(rows.map(locationOf)).size,
  };
}

function expectedStore(rows: Row[], storeId: number) {
  return expectedFor(
    rows.filter((row) => row.storeId === storeId),
    'store',
  );
}

function expectedPlatform(rows: Row[], fixture: TenancyFixture, platformId: number) {
  const stores = fixture.activeStoreIds(platformId);
  return expectedFor(
    rows.filter((row) => stores.has(row.storeId)),
    'platform',
  );
}

// ---------------------------------------------------------------- generated data

/** A stock level from every class the metrics distinguish. */
function stockLevel(random: Random): { quantity: number; threshold: number } {
  const threshold = random.pick([0, 0, 1, 3, 5, 10, 20]);
  switch (random.int(0, 6)) {
    case 0:
      return { quantity: -random.int(1, 50), threshold }; // backordered
    case 1:
      return { quantity: 0, threshold }; // out of stock
    case 2:
      return { quantity: threshold, threshold }; // exactly at the threshold (out of stock when it is 0)
    case 3:
      return { quantity: threshold + 1, threshold }; // just above it
    case 4:
      return { quantity: 1, threshold }; // the least positive quantity
    case 5:
      return { quantity: random.int(1, Math.max(threshold, 1)), threshold }; // within (0, threshold]
    default:
      return { quantity: random.int(threshold + 1, threshold + 5000), threshold }; // plenty
  }
}

async function seedInventory(orion: Orion, fixture: TenancyFixture, random: Random): Promise<Map<string, Row>> {
  const model = new Map<string, Row>();
  const keyOf = (row: { storeId: number; sku: string; location: string }) =>
    `${row.storeId}|${row.sku}|${row.location}`;
  const inventory = new InventoryService(orion.db);
  const writer = await orion.services.require(inventoryStockWriterRef);
  const bulk: Row[] = [];
  const viaService: Row[] = [];
  const viaWriter = new Map<number, Row[]>();

  fixture.stores.forEach((store, index) => {
    if (index % 7 === 3) return; // some stores keep no inventory at all
    const big = index === 0; // the store on every platform: more than 1,000 items
    const locations = big ? ['default', 'shop', 'berlin-1'] : locationPool.filter(() => random.chance(0.5));
    if (locations.length === 0) locations.push(random.pick(locationPool));
    const skuCount = big ? 900 : random.int(3, 60);
    for (let n = 0; n < skuCount; n++) {
      // SKU names repeat across stores; letter case makes a different SKU.
      const sku = random.chance(0.05) ? `sku-${n}` : `SKU-${n}`;
      const at = locations.filter((_, i) => i === 0 || random.chance(0.35));
      for (const location of at) {
        const row: Row = { storeId: store.id, sku, location, ...stockLevel(random) };
        if (model.has(keyOf(row))) continue;
        model.set(keyOf(row), row);
        const path = random.next();
        if (path < 0.08) viaService.push(row);
        else if (path < 0.2) viaWriter.set(store.id, [...(viaWriter.get(store.id) ?? []), row]);
        else bulk.push(row);
      }
    }
  });

  // Bulk rows: multi-row inserts in batches.
  const now = nowTimestamp();
  for (let start = 0; start < bulk.length; start += 400) {
    await orion.db
      .insertInto('inventory_items')
      .values(
        bulk.slice(start, start + 400).map((row) => ({
          store_id: row.storeId,
          sku: row.sku,
          location: row.location,
          quantity: row.quantity,
          low_stock_threshold: row.threshold,
          updated_at: now,
        })),
      )
      .execute();
  }
  // Rows written in SQL bypass the service, so the dashboards' per-store totals are rebuilt, as an
  // app that bulk-loads stock would; the service and the stock writer keep them from here on.
  await inventory.rebuildStoreTotals();
  // Some through the service, with their threshold; "default" sometimes left implicit.
  for (const row of viaService) {
    await inventory.setStock({
      storeId: row.storeId,
      sku: row.sku,
      ...(row.location === 'default' && random.chance(0.5) ? {} : { location: row.location }),
      quantity: row.quantity,
      lowStockThreshold: row.threshold,
    });
  }
  // Some through the stock writer inside a transaction, thresholds set afterwards.
  for (const [storeId, rows] of viaWriter) {
    const result = await orion.db.transaction().execute((trx) =>
      writer.setStock(
        trx,
        storeId,
        rows.map((row) => ({ sku: row.sku, location: row.location, quantity: row.quantity })),
      ),
    );
    expect(result).toEqual({ created: rows.length, updated: 0 });
    for (const row of rows) {
      if (row.threshold > 0) {
        await inventory.setLowStockThreshold({
          storeId,
          sku: row.sku,
          location: row.location,
          threshold: row.threshold,
        });
      }
    }
  }

  // Then change some of them: adjustments across zero and the thresholds, reservations (which no
  // metric looks at), and a second stock-writer pass over existing items.
  const rows = [...model.values()];
  for (const row of rows.filter(() => random.chance(0.06))) {
    const delta = random.pick([
      -row.quantity,
      -row.quantity + row.threshold,
      -row.threshold - 1,
      random.int(-20, 20),
      1,
      -1,
    ]);
    await inventory.adjustStock({ storeId: row.storeId, sku: row.sku, location: row.location, delta });
    row.quantity += delta;
  }
  for (const row of rows.filter((candidate) => candidate.quantity > 1 && random.chance(0.05))) {
    await inventory.reserveStock({
      storeId: row.storeId,
      sku: row.sku,
      location: row.location,
      quantity: random.int(1, row.quantity),
    });
  }
  const resets = rows.filter(() => random.chance(0.03));
  const resetStores = new Set(resets.map((row) => row.storeId));
  for (const storeId of resetStores) {
    const mine = resets.filter((row) => row.storeId === storeId);
    for (const row of mine) row.quantity = stockLevel(random).quantity;
    const result = await writer.setStock(
      orion.db,
      storeId,
      mine.map((row) => ({ sku: row.sku, location: row.location, quantity: row.quantity })),
    );
    expect(result).toEqual({ created: 0, updated: mine.length });
  }
  return model;
}

function values(metrics: MetricValue[]): Record<string, number | string> {
  return Object.fromEntries(metrics.map((metric) => [metric.key, metric.value]));
}

// ---------------------------------------------------------------- the comparison

describeEachDatabase('InventoryMetricsProvider (differential)', (dialect) => {
  const hosts = useTestHosts(dialect);
  const window = { dateFrom: '2026-10-01T00:00:00Z', dateTo: '2026-11-01T00:00:00Z' };

  async function seeded(): Promise<{ orion: Orion; fixture: TenancyFixture; rows: Row[] }> {
    const { orion } = await hosts.start({ modules: [inventoryModule] });
    const random = seededRandom(SEED);
    const fixture = await seedTenancy(orion.db, random, { platforms: 3, merchants: 6, stores: 24 });
    const rows = [...(await seedInventory(orion, fixture, random)).values()];
    return { orion, fixture, rows };
  }

  it(
    'matches the independently computed metrics for every store and every platform',
    { timeout: 120_000 },
    async () => {
      const { orion, fixture, rows } = await seeded();

      // The generated data exercises every rule the metrics depend on.
      expect(rows.some((row) => row.quantity < 0)).toBe(true);
      expect(rows.some((row) => row.quantity === 0 && row.threshold > 0)).toBe(true);
      expect(rows.some((row) => row.quantity === 0 && row.threshold === 0)).toBe(true);
      expect(rows.some((row) => row.quantity > 0 && row.quantity === row.threshold)).toBe(true);
      expect(rows.some((row) => row.quantity > 0 && row.quantity === row.threshold + 1)).toBe(true);
      expect(rows.some((row) => row.quantity > 0 && row.threshold === 0)).toBe(true);
      const perStore = new Map<number, number>();
      for (const row of rows) perStore.set(row.storeId, (perStore.get(row.storeId) ?? 0) + 1);
      expect(Math.max(...perStore.values())).toBeGreaterThan(1000);
      expect(
        fixture.stores.some((store) => !perStore.has(store.id) && fixture.storePlatform(store.id) !== undefined),
      ).toBe(true);
      // A store on no platform, and stores whose membership in a platform is inactive, hold stock.
      expect(
        fixture.stores.some((store) => fixture.storePlatform(store.id) === undefined && perStore.has(store.id)),
      ).toBe(true);
      expect(fixture.memberships.some((m) => !m.isActive && perStore.has(m.storeId))).toBe(true);
      // The totals the writes kept are exactly what a rebuild from the items computes.
      const totals = () => orion.db.selectFrom('inventory_store_totals').selectAll().orderBy('store_id').execute();
      const kept = (await totals()).map((row) => ({ ...row, total_units: Number(row.total_units) }));
      await new InventoryService(orion.db).rebuildStoreTotals();
      expect((await totals()).map((row) => ({ ...row, total_units: Number(row.total_units) }))).toEqual(kept);
      // The database holds as many items as the model (the writes went through three paths).
      const count = await orion.db
        .selectFrom('inventory_items')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(rows.length);
      for (const platformId of fixture.platformIds) {
        const mine = rows.filter((row) => fixture.activeStoreIds(platformId).has(row.storeId));
        const expected = expectedPlatform(rows, fixture, platformId);
        // The definitions must be told apart: per-store pairs vs bare names, SKUs vs items.
        expect(expected['inventory.skus']).toBeGreaterThan(new Set(mine.map((row) => row.sku)).size);
        expect(expected['inventory.skus']).toBeLessThan(mine.length);
        expect(expected['inventory.locations']).toBeGreaterThan(new Set(mine.map((row) => row.location)).size);
        for (const key of keys)
          expect({ platformId, key, value: expected[key]! > 0 }).toEqual({ platformId, key, value: true });
      }

      // Every store with an active membership, on its dashboard, with and without trends.
      let stores = 0;
      for (const store of fixture.stores) {
        const platformId = fixture.storePlatform(store.id);
        if (platformId === undefined) continue;
        const expected = expectedStore(rows, store.id);
        for (const includeTrends of [false, true]) {
          const stats = await orion.statsAggregator.getStoreDashboardStats({
            storeId: store.id,
            platformId,
            context: { ...window, includeTrends },
          });
          expect(stats.failures).toEqual([]);
          const metrics = stats.categories.inventory!;
          expect(metrics.map((metric) => metric.key)).toEqual(keys);
          expect({ storeId: store.id, includeTrends, ...values(metrics) }).toEqual({
            storeId: store.id,
            includeTrends,
            ...expected,
          });
          for (const metric of metrics) {
            // Current state: no unit, no trend, no trend value, whatever includeTrends says.
            expect(Object.keys(metric).sort()).toEqual(['category', 'description', 'icon', 'key', 'label', 'value']);
            expect(metric.category).toBe('inventory');
          }
        }
        stores++;
      }
      expect(stores).toBeGreaterThan(15);

      // Every platform, with and without trends.
      for (const platformId of fixture.platformIds) {
        const expected = expectedPlatform(rows, fixture, platformId);
        for (const includeTrends of [false, true]) {
          const stats = await orion.statsAggregator.getAdminDashboardStats({
            platformId,
            context: { ...window, includeTrends },
          });
          expect(stats.failures).toEqual([]);
          const metrics = stats.categories.inventory!;
          expect(metrics.map((metric) => metric.key)).toEqual(keys);
          expect({ platformId, includeTrends, ...values(metrics) }).toEqual({ platformId, includeTrends, ...expected });
          for (const metric of metrics) {
            expect(Object.keys(metric).sort()).toEqual(['category', 'description', 'icon', 'key', 'label', 'value']);
          }
        }
      }

      // The window does not matter: other windows give the same numbers.
      const platformId = fixture.platformIds[0]!;
      for (const context of [
        { period: '7d' },
        { dateFrom: '2020-01-01T00:00:00Z', dateTo: '2020-01-02T00:00:00Z', includeTrends: true },
      ]) {
        const stats = await orion.statsAggregator.getAdminDashboardStats({ platformId, context });
        expect(values(stats.categories.inventory!)).toEqual(expectedPlatform(rows, fixture, platformId));
      }
    },
  );

  it('computes each dashboard with a single SQL statement, and zeros where there is no stock', async () => {
    const { orion } = await hosts.start({ modules: [inventoryModule] });
    const fixture = await seedTenancy(orion.db, seededRandom(7), { platforms: 2, merchants: 2, stores: 4 });
    const storeId = fixture.stores[0]!.id;
    await new InventoryService(orion.db).setStock({ storeId, sku: 'A-1', quantity: 3, lowStockThreshold: 3 });
    const provider = new InventoryMetricsProvider();
    const counter = new QueryCounter();
    const counted: Kysely<InventoryDatabase> = orion.db.withPlugin(counter);
    const context = {
      dateFrom: new Date(window.dateFrom),
      dateTo: new Date(window.dateTo),
      previousFrom: new Date('2026-08-31T00:00:00Z'),
      previousTo: new Date(window.dateFrom),
      includeTrends: true,
      period: '30d',
    };
    const platformMetrics = await provider.getPlatformMetrics(counted, fixture.platformIds[0]!, context);
    expect(counter.count).toBe(1);
    const storeMetrics = await provider.getStoreMetrics(counted, storeId, context);
    expect(counter.count).toBe(2);
    const one = {
      'inventory.total_units': 3,
      'inventory.skus': 1,
      'inventory.low_stock': 1,
      'inventory.out_of_stock': 0,
      'inventory.locations': 1,
    };
    expect(values(platformMetrics)).toEqual(one);
    expect(values(storeMetrics)).toEqual(one);
    const zeros = Object.fromEntries(keys.map((key) => [key, 0]));
    expect(values(await provider.getStoreMetrics(orion.db, fixture.stores[1]!.id, context))).toEqual(zeros);
    expect(values(await provider.getPlatformMetrics(orion.db, 987_654, context))).toEqual(zeros);
    for (const metric of [...platformMetrics, ...storeMetrics]) expect(metricValueSchema.parse(metric)).toEqual(metric);
    expect((await inventoryModule.metricsProvider!()).metricsCategory).toBe('inventory');
  });
});
