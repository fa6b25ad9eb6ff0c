import { QueryCounter } from '../../../test/support/query-counter.js';
/**
 * The catalog metrics against an independent computation: seeded random products for every store
 * of a seeded tenancy (stores on several platforms, inactive memberships, a store on none), every
 * flag combination, rows on the window edges and more than 1,000 rows for one store, written in
 * bulk, through the service and through the product writer. The expected numbers are computed in
 * plain TypeScript from the list of rows the test wrote, never by SQL.
 */
import { CompiledQuery, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { metricValueSchema, windowBounds, type AnyDatabase, type ResolvedMetricsContext } from '@orion/contracts';
import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
import { comparableMetrics, expectedTrend, type ComparableMetric } from '../../../test/support/metric-oracle.js';
import { seededRandom, type Random } from '../../../test/support/random.js';
import { seedTenancy, type TenancyFixture } from '../../../test/support/tenancy-fixture.js';
import type { TestHost } from '@orion/testing';
import { CatalogMetricsProvider, platformMetricsQuery, storeMetricsQuery } from '../src/catalog-metrics-provider.js';
import { CatalogProductWriterService, CatalogService, catalogModule } from '../src/index.js';

const SEED = 20_261_122;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const DAY = 86_400_000;

/** One product as the test wrote it: all the metrics depend on. */
interface ProductRow {
  storeId: number;
  sku: string;
  createdAt: string;
  isActive: boolean;
  isFeatured: boolean;
}

/** The dashboard window: 30 days ending a day after now, so products created now fall inside it. */
function testWindow() {
  const dateTo = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + DAY);
  const dateFrom = new Date(dateTo.getTime() - 30 * DAY);
  const previousFrom = new Date(dateFrom.getTime() - 30 * DAY);
  return { dateFrom, dateTo, previousFrom };
}

// ------------------------------------------------------------------ the expected values, in plain TypeScript

function expectedMetrics(
  rows: ProductRow[],
  storeIds: Set<number>,
  window: ReturnType<typeof testWindow>,
  includeTrends: boolean,
): ComparableMetric[] {
  const mine = rows.filter((row) => storeIds.has(row.storeId));
  const createdBetween = (from: Date, to: Date) =>
    mine.filter((row) => {
      const time = new Date(row.createdAt).getTime();
      return time >= from.getTime() && time < to.getTime();
    }).length;
  const current = createdBetween(window.dateFrom, window.dateTo);
  const previous = createdBetween(window.previousFrom, window.dateFrom);
  return [
    { key: 'catalog.products', value: mine.length },
    { key: 'catalog.active_products', value: mine.filter((row) => row.isActive).length },
    { key: 'catalog.featured_products', value: mine.filter((row) => row.isActive && row.isFeatured).length },
    { key: 'catalog.new_products', value: current, ...(includeTrends ? expectedTrend(current, previous) : {}) },
  ];
}

// ------------------------------------------------------------------ seeding

async function insertInBatches(db: Kysely<AnyDatabase>, rows: Record<string, unknown>[]): Promise<void> {
  for (let start = 0; start < rows.length; start += 400) {
    await db
      .insertInto('products')
      .values(rows.slice(start, start + 400))
      .execute();
  }
}

async function seedProducts(
  orion: TestHost['orion'],
  random: Random,
  tenancy: TenancyFixture,
  window: ReturnType<typeof testWindow>,
) {
  const rows: ProductRow[] = [];
  const bulk: Record<string, unknown>[] = [];
  const add = (storeId: number, createdAt: string, isActive: boolean, isFeatured: boolean) => {
    const sku = `B-${storeId}-${rows.filter((row) => row.storeId === storeId).length + 1}`;
    rows.push({ storeId, sku, createdAt, isActive, isFeatured });
    bulk.push({
      store_id: storeId,
      sku,
      title: `Product ${sku}`,
      price: random.int(0, 500_000),
      currency: random.pick(['EUR', 'USD', 'JPY']),
      is_active: isActive,
      is_featured: isFeatured,
      created_at: createdAt,
      updated_at: createdAt,
    });
  };
  const spanFrom = window.previousFrom.getTime() - 15 * DAY;
  const spanTo = window.dateTo.getTime() + 5 * DAY;
  const randomTime = () => new Date(spanFrom + Math.floor(random.next() * (spanTo - spanFrom))).toISOString();
  const edges = [
    window.dateFrom.getTime(), // in the window
    window.dateTo.getTime() - 1, // last millisecond of the window
    window.dateTo.getTime(), // after the window
    window.previousFrom.getTime(), // in the previous window
    window.previousFrom.getTime() - 1, // in neither
    window.dateFrom.getTime() - 1, // last millisecond of the previous window
  ].map((time) => new Date(time).toISOString());

  const [big, empty] = [tenancy.stores[0]!, tenancy.stores[1]!];
  for (const store of tenancy.stores) {
    if (store === empty) continue;
    const count = store === big ? 1_200 : random.int(0, 45);
    for (let i = 0; i < count; i++) add(store.id, randomTime(), random.chance(0.7), random.chance(0.35));
    if (store === big || random.chance(0.6)) {
      for (const edge of edges) add(store.id, edge, random.chance(0.8), random.chance(0.5));
    }
  }
  // every flag combination at least once, in the busiest store
  for (const [isActive, isFeatured] of [
    [true, true],
    [true, false],
    [false, true],
    [false, false],
  ] as const) {
    add(big.id, new Date(window.dateFrom.getTime() + DAY).toISOString(), isActive, isFeatured);
  }
  await insertInBatches(orion.db, bulk);
  // Rows written in SQL bypass the service, so the dashboards' per-store totals are rebuilt, as an
  // app that bulk-loads products would; the service and the writer keep them from here on.
  await new CatalogService(orion.db).rebuildStoreTotals();

  // some products through the service, created now (inside the window), flags changed afterwards
  const catalog = new CatalogService(orion.db);
  for (const store of tenancy.stores.slice(2, 8)) {
    for (let i = 0; i < 3; i++) {
      const product = await catalog.createProduct({
        storeId: store.id,
        sku: `S-${i}`,
        title: `Service ${i}`,
        price: 100,
        currency: 'EUR',
      });
      const row: ProductRow = {
        storeId: store.id,
        sku: product.sku,
        createdAt: product.createdAt,
        isActive: true,
        isFeatured: false,
      };
      if (random.chance(0.5)) row.isFeatured = (await catalog.setProductFeatured(product.id, true)).isFeatured;
      if (random.chance(0.4)) row.isActive = (await catalog.setProductActive(product.id, false)).isActive;
      rows.push(row);
    }
  }

  // and through the product writer: 40 known SKUs of the big store (kept createdAt and featured flag,
  // isActive as given, or kept) and 10 new ones (created now)
  const known = rows.filter((row) => row.storeId === big.id && row.sku.startsWith('B-')).slice(0, 40);
  const writes = [
    ...known.map((row, i) => ({
      sku: row.sku,
      title: 'Rewritten',
      price: 1,
      currency: 'JPY',
      ...(i % 3 === 0 ? {} : { isActive: i % 2 === 0 }),
    })),
    ...Array.from({ length: 10 }, (_, i) => ({
      sku: `W-${i}`,
      title: 'Written',
      price: 1,
      currency: 'USD',
      isActive: i % 2 === 0,
    })),
  ];
  const result = await orion.db
    .transaction()
    .execute((trx) => new CatalogProductWriterService().upsertProducts(trx, big.id, writes));
  expect(result).toEqual({ created: 10, updated: 40 });
  known.forEach((row, i) => {
    row.isActive = writes[i]!.isActive ?? row.isActive;
  });
  const written = await orion.db
    .selectFrom('products')
    .select(['sku', 'created_at'])
    .where('store_id', '=', big.id)
    .where('sku', 'like', 'W-%')
    .execute();
  for (const product of written) {
    const input = writes.find((write) => write.sku === product.sku)!;
    rows.push({
      storeId: big.id,
      sku: product.sku,
      createdAt: new Date(product.created_at).toISOString(),
      isActive: input.isActive ?? true,
      isFeatured: false,
    });
  }
  return { rows, big, empty, edges };
}

describeEachDatabase('CatalogMetricsProvider', (dialect) => {
  const hosts = useTestHosts(dialect);

  it('matches the independently computed metrics for every store and every platform, with and without trends', async () => {
    const { orion } = await hosts.start({ modules: [catalogModule] });
    const random = seededRandom(SEED);
    const tenancy = await seedTenancy(orion.db, random, { platforms: 3, merchants: 6, stores: 24 });
    const window = testWindow();
    const { rows, big, empty, edges } = await seedProducts(orion, random, tenancy, window);

    // the totals the writes kept are exactly what a rebuild from the products computes
    const totals = () => orion.db.selectFrom('catalog_store_totals').selectAll().orderBy('store_id').execute();
    const kept = await totals();
    expect(kept.length).toBeGreaterThan(10);
    await new CatalogService(orion.db).rebuildStoreTotals();
    expect(await totals()).toEqual(kept);

    // the data exercises what the metrics depend on
    expect(rows.filter((row) => row.storeId === big.id).length).toBeGreaterThan(1_000);
    for (const edge of edges) expect(rows.filter((row) => row.createdAt === edge).length).toBeGreaterThan(1);
    const offPlatform = tenancy.stores.filter((store) => tenancy.storePlatform(store.id) === undefined);
    expect(offPlatform.length).toBeGreaterThan(0);
    expect(rows.some((row) => offPlatform.some((store) => store.id === row.storeId))).toBe(true);
    expect(tenancy.memberships.some((m) => !m.isActive && rows.some((row) => row.storeId === m.storeId))).toBe(true);
    expect(tenancy.stores.some((store) => !store.isActive && tenancy.storePlatform(store.id) !== undefined)).toBe(true);
    expect(rows.some((row) => !row.isActive && row.isFeatured)).toBe(true);

    const seenTrends = new Set<string>();
    for (const includeTrends of [false, true]) {
      const context = { dateFrom: window.dateFrom, dateTo: window.dateTo, includeTrends };

      let storesChecked = 0;
      for (const store of tenancy.stores) {
        const platformId = tenancy.storePlatform(store.id);
        if (platformId === undefined) continue;
        const stats = await orion.statsAggregator.getStoreDashboardStats({ storeId: store.id, platformId, context });
        expect(stats.failures).toEqual([]);
        const expected = expectedMetrics(rows, new Set([store.id]), window, includeTrends);
        expect({ storeId: store.id, metrics: comparableMetrics(stats.categories.catalog!) }).toEqual({
          storeId: store.id,
          metrics: expected,
        });
        if (includeTrends)
          seenTrends.add(String(expected[3]!.trend) + (expected[3]!.trendValue === null ? ':null' : ''));
        storesChecked++;
      }
      expect(storesChecked).toBeGreaterThan(15);

      for (const platformId of tenancy.platformIds) {
        const stats = await orion.statsAggregator.getAdminDashboardStats({ platformId, context });
        expect(stats.failures).toEqual([]);
        const expected = expectedMetrics(rows, tenancy.activeStoreIds(platformId), window, includeTrends);
        expect({ platformId, metrics: comparableMetrics(stats.categories.catalog!) }).toEqual({
          platformId,
          metrics: expected,
        });
        // a platform counts fewer products than all stores have
        expect(expected[0]!.value).toBeLessThan(rows.length);
      }
    }
    // the trends seen include both directions and the "from nothing" case
    expect(seenTrends).toContain('up');
    expect(seenTrends).toContain('down');
    expect(seenTrends).toContain('up:null');

    // the empty store reports zeros (and no percentage) when it is on a platform
    const emptyPlatform = tenancy.storePlatform(empty.id);
    if (emptyPlatform !== undefined) {
      const stats = await orion.statsAggregator.getStoreDashboardStats({
        storeId: empty.id,
        platformId: emptyPlatform,
        context: { dateFrom: window.dateFrom, dateTo: window.dateTo, includeTrends: true },
      });
      expect(comparableMetrics(stats.categories.catalog!).map((metric) => metric.value)).toEqual([0, 0, 0, 0]);
      expect(stats.categories.catalog![3]).toMatchObject({ trend: 'stable', trendValue: 0 });
    }
    expect(emptyPlatform).toBeDefined();
  }, 180_000);

  it('returns valid, described metrics of category catalog, with a trend on new products only', async () => {
    const { orion } = await hosts.start({ modules: [catalogModule] });
    const tenancy = await seedTenancy(orion.db, seededRandom(7), { platforms: 1, merchants: 1, stores: 2 });
    const storeId = tenancy.stores[0]!.id;
    await new CatalogService(orion.db).createProduct({ storeId, sku: 'A', title: 'A', price: 1, currency: 'EUR' });
    await sleep(5); // the window ends now, and ends before a product created in the same millisecond
    const stats = await orion.statsAggregator.getStoreDashboardStats({
      storeId,
      platformId: tenancy.platformIds[0]!,
      context: { period: '7d', includeTrends: true },
    });
    const metrics = stats.categories.catalog!;
    expect(metrics.map((metric) => metric.key)).toEqual([
      'catalog.products',
      'catalog.active_products',
      'catalog.featured_products',
      'catalog.new_products',
    ]);
    for (const metric of metrics) {
      expect(metricValueSchema.parse(metric)).toEqual(metric);
      expect(metric).toMatchObject({ category: 'catalog', label: expect.any(String), icon: expect.any(String) });
      expect(metric.description!.length).toBeGreaterThan(10);
      expect(metric.unit).toBeUndefined();
    }
    expect(metrics.slice(0, 3).every((metric) => !('trend' in metric) && !('trendValue' in metric))).toBe(true);
    expect(metrics[3]).toMatchObject({ value: 1, trend: 'up', trendValue: null });
  });

  it('computes each dashboard with one SQL statement', async () => {
    const { orion } = await hosts.start({ modules: [catalogModule] });
    const tenancy = await seedTenancy(orion.db, seededRandom(8), { platforms: 1, merchants: 1, stores: 2 });
    const provider = new CatalogMetricsProvider();
    const context: ResolvedMetricsContext = {
      ...testWindow(),
      previousTo: testWindow().dateFrom,
      includeTrends: true,
      period: '30d',
    };
    const counter = new QueryCounter();
    const counted = orion.db.withPlugin(counter);
    await provider.getStoreMetrics(counted, tenancy.stores[0]!.id, context);
    expect(counter.count).toBe(1);
    await provider.getPlatformMetrics(counted, tenancy.platformIds[0]!, context);
    expect(counter.count).toBe(2);
  });

  it('answers the store dashboard from the store totals and products_store_created_idx, the platform dashboard from its rollups (EXPLAIN)', async () => {
    const { orion } = await hosts.start({ modules: [catalogModule] });
    const random = seededRandom(9);
    const tenancy = await seedTenancy(orion.db, random, { platforms: 2, merchants: 3, stores: 40 });
    const window = testWindow();
    const bulk: Record<string, unknown>[] = [];
    for (const store of tenancy.stores) {
      for (let i = 0; i < 150; i++) {
        const createdAt = new Date(window.previousFrom.getTime() + Math.floor(random.next() * 60 * DAY)).toISOString();
        bulk.push({
          store_id: store.id,
          sku: `E-${i}`,
          title: `Product ${i}`,
          price: 100,
          currency: 'EUR',
          is_active: random.chance(0.7),
          is_featured: random.chance(0.3),
          created_at: createdAt,
          updated_at: createdAt,
        });
      }
    }
    await insertInBatches(orion.db, bulk);
    await new CatalogService(orion.db).rebuildStoreTotals();
    await orion.db.executeQuery(CompiledQuery.raw(dialect === 'postgres' ? 'vacuum analyze' : 'analyze'));

    const bounds = windowBounds({ ...window, previousTo: window.dateFrom, includeTrends: true, period: '30d' });
    const plan = async (query: { compile(): CompiledQuery }) => {
      const compiled = query.compile();
      const prefix = dialect === 'postgres' ? 'explain ' : 'explain query plan ';
      const result = await orion.db.executeQuery<Record<string, unknown>>(
        CompiledQuery.raw(prefix + compiled.sql, [...compiled.parameters]),
      );
      return result.rows.map((row) => String(row[dialect === 'postgres' ? 'QUERY PLAN' : 'detail'])).join('\n');
    };

    // The counts come from the store's totals row; only the windows' new products read products,
    // as a (store_id, created_at) range of the covering index.
    const storePlan = await plan(storeMetricsQuery(orion.db, tenancy.stores[5]!.id, bounds));
    if (dialect === 'sqlite') {
      expect(storePlan).toMatch(/SEARCH catalog_store_totals USING INTEGER PRIMARY KEY \(rowid=\?\)/);
      expect(storePlan).toMatch(
        /SEARCH products USING COVERING INDEX products_store_created_idx \(store_id=\? AND created_at>\? AND created_at<\?\)/,
      );
    } else {
      expect(storePlan).toContain('products_store_created_idx');
      expect(storePlan).not.toMatch(/Seq Scan on products/);
    }

    // The platform reads its own rows (issue 12): its totals row, a (platform_id, day) range of its
    // daily rows and, for a boundary inside a day, that day's shorter side from products_created_idx,
    // each product's membership probed; never one products range per member store.
    const HOUR = 3_600_000;
    const cut = windowBounds({
      ...window,
      dateFrom: new Date(window.dateFrom.getTime() + 5 * HOUR + 17),
      dateTo: new Date(window.dateTo.getTime() - 3 * HOUR - 5),
      previousFrom: new Date(window.previousFrom.getTime() + 15 * HOUR + 3),
      previousTo: new Date(window.dateFrom.getTime() + 5 * HOUR + 17),
      includeTrends: true,
      period: '30d',
    });
    for (const platformBounds of [bounds, cut]) {
      const platformPlan = await plan(platformMetricsQuery(orion.db, tenancy.platformIds[0]!, platformBounds));
      expect(platformPlan).not.toMatch(/products_store_created_idx|catalog_store_totals/);
      if (dialect === 'sqlite') {
        expect(platformPlan).toMatch(/SEARCH catalog_platform_totals USING INTEGER PRIMARY KEY \(rowid=\?\)/);
        expect(platformPlan).toMatch(
          /SEARCH catalog_platform_daily_totals USING PRIMARY KEY \(platform_id=\? AND day>\? AND day<\?\)/,
        );
        expect(platformPlan).not.toMatch(/SCAN (?!CONSTANT ROW)/);
        if (platformBounds === cut) {
          expect(platformPlan).toMatch(
            /SEARCH p USING COVERING INDEX products_created_idx \(created_at>\? AND created_at<\?\)/,
          );
        }
      } else {
        expect(platformPlan).not.toMatch(/Seq Scan on products/);
        if (platformBounds === cut) expect(platformPlan).toMatch(/products_created_idx/);
      }
    }
  });
});
