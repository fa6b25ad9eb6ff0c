/**
 * The benchmark's smoke run: generates the `smoke` dataset into a fresh SQLite file and a fresh
 * PostgreSQL database, runs the harness with few calls, and checks that it produced every figure
 * and that Orion, the hand-written SQL and the JavaScript reduce give the same numbers. It never
 * asserts a timing: a benchmark measures, a test does not time.
 */
import { createOrion, metricsContextSchema, resolveMetricsContext } from '@orion/core';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '../../test/support/databases.js';
import { benchModules } from '../src/bench-modules.js';
import { numbersOfDashboard } from '../src/dashboard-numbers.js';
import type { DatasetLocation } from '../src/dataset.js';
import { generateDataset, quietLogger } from '../src/generate.js';
import { handWrittenDashboard, javascriptReduceDashboard } from '../src/hand-written-sql.js';
import { benchContext, runHarness } from '../src/harness.js';
import { figuresOf } from '../src/report.js';

function locationOf(database: TestDatabase): DatasetLocation {
  const url = database.url;
  return database.dialect === 'sqlite'
    ? { dialect: 'sqlite', url, name: url.slice('sqlite:'.length) }
    : { dialect: 'postgres', url, name: new URL(url).pathname.slice(1) };
}

describe.each(testDialects())('benchmark smoke run [%s]', (dialect) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('generates the smoke dataset, measures every figure, and the three ways agree', async () => {
    const database = await createTestDatabase(dialect);
    cleanups.push(() => database.drop());
    const location = locationOf(database);
    const generated = await generateDataset({ location, size: 'smoke', log: () => {} });
    expect(generated.orders).toBe(3_000);
    expect(generated.order_items).toBe(3_000);

    const result = await runHarness({
      location,
      size: 'smoke',
      calls: 30,
      warmup: 5,
      adminCalls: 5,
      memoryCalls: 50,
      verifyStores: 10,
      startupRuns: 2,
      discoveryRuns: 2,
      log: () => {},
    });
    expect(result.dataset.generated).toBe(false); // the marker made the harness reuse it
    expect(result.dataset.counts.orders).toBe(3_000);

    const figures = figuresOf(result);
    expect(figures.map((figure) => figure.figure.replace(/ \(.*\)$/, ''))).toEqual(
      expect.arrayContaining([
        'store dashboard p50',
        'store dashboard p99',
        'admin dashboard p50',
        'createOrion start-up p50',
        'discovery p50',
      ]),
    );
    for (const figure of figures) expect(Number.isFinite(figure.value), figure.figure).toBe(true);
    expect(result.store.orion.calls).toBe(30);
    expect(result.store.handWritten.calls).toBe(30);
    expect(result.store.javascriptReduce.calls).toBe(30);
    expect(result.admin.orion.calls).toBe(5);
    expect(Object.keys(result.providers.providers).sort()).toEqual([
      'catalog',
      'cms',
      'customers',
      'inventory',
      'marketplace',
      'orders',
      'tenancy',
    ]);
    expect(result.discovery.packages).toBe(200);
    expect(result.discovery.modules).toEqual(expect.arrayContaining(['orders', 'catalog', 'inventory', 'marketplace']));
    expect(result.equality).toMatchObject({ storesChecked: 10, platformsChecked: 3, mismatches: [] });
  });

  it('gives the same numbers three ways for a few stores and every platform', async () => {
    const database = await createTestDatabase(dialect);
    cleanups.push(() => database.drop());
    const location = locationOf(database);
    await generateDataset({ location, size: 'smoke', log: () => {} });
    const orion = await createOrion({ modules: benchModules, database: location.url, logger: quietLogger });
    cleanups.push(() => orion.close());

    // The customers were written in SQL: they must be those the orders' recording would have left.
    const count = async (query: ReturnType<typeof sql<{ n: number | string }>>) =>
      Number((await query.execute(orion.db)).rows[0]!.n);
    expect(await count(sql`select count(*) as n from customers`)).toBeGreaterThan(800);
    expect(await count(sql`select count(*) as n from customers`)).toBeLessThan(1_200);
    expect(await count(sql`select count(*) as n from customer_order_activity`)).toBe(3_000);
    expect(
      await count(sql`select count(*) as n from orders o where not exists
        (select 1 from customers c join customer_order_activity a on a.customer_id = c.id
         where c.store_id = o.store_id and c.email = o.customer_email and a.id = o.id and a.placed_at = o.created_at)`),
    ).toBe(0);
    expect(
      await count(sql`select count(*) as n from customers c where c.orders_count <> (select count(*) from customer_order_activity a where a.customer_id = c.id)
        or c.first_order_at <> (select min(placed_at) from customer_order_activity a where a.customer_id = c.id)
        or c.last_order_at <> (select max(placed_at) from customer_order_activity a where a.customer_id = c.id)`),
    ).toBe(0);
    expect(await count(sql`select count(*) as n from cms_pages where platform_id is not null`)).toBe(18);
    expect(await count(sql`select count(*) as n from cms_pages where status = 'published'`)).toBeGreaterThan(0);
    const window = resolveMetricsContext(metricsContextSchema.parse(benchContext));

    // The stores with the most orders in the window, so the comparison covers revenue in several currencies.
    const busiest = await orion.db
      .selectFrom('orders')
      .innerJoin('store_platforms', 'store_platforms.store_id', 'orders.store_id')
      .where('store_platforms.is_active', '=', true)
      .where('orders.created_at', '>=', window.previousFrom.toISOString())
      .groupBy(['orders.store_id', 'store_platforms.platform_id'])
      .select(['orders.store_id', 'store_platforms.platform_id', (eb) => eb.fn.countAll().as('n')])
      .orderBy('n', 'desc')
      .orderBy('orders.store_id')
      .limit(4)
      .execute();
    expect(busiest).toHaveLength(4);
    let revenueKeys = 0;
    for (const row of busiest) {
      const sample = { storeId: Number(row.store_id), platformId: Number(row.platform_id) };
      const numbers = numbersOfDashboard(
        await orion.statsAggregator.getStoreDashboardStats({ ...sample, context: benchContext }),
      );
      expect(await handWrittenDashboard(orion.db, dialect, { kind: 'store', ...sample }, window)).toEqual(numbers);
      expect(await javascriptReduceDashboard(orion.db, dialect, { kind: 'store', ...sample }, window)).toEqual(numbers);
      expect(numbers['orders.count']?.value).toBeGreaterThan(0);
      expect(numbers['customers.active']?.value).toBeGreaterThan(0);
      expect(numbers['customers.total']?.value).toBeGreaterThan(0);
      revenueKeys += Object.keys(numbers).filter((key) => key.startsWith('orders.revenue.')).length;
    }
    expect(revenueKeys).toBeGreaterThan(4);
    for (const platformId of [1, 2, 3]) {
      const numbers = numbersOfDashboard(
        await orion.statsAggregator.getAdminDashboardStats({ platformId, context: benchContext }),
      );
      expect(await handWrittenDashboard(orion.db, dialect, { kind: 'platform', platformId }, window)).toEqual(numbers);
      expect(await javascriptReduceDashboard(orion.db, dialect, { kind: 'platform', platformId }, window)).toEqual(
        numbers,
      );
      expect(numbers['tenancy.total_stores']?.value).toBeGreaterThan(0);
      expect(numbers['cms.pages']?.value).toBeGreaterThan(0);
      expect(numbers['cms.themed_stores']).toBeDefined();
    }
  });
});
