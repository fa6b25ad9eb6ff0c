import { roundTo, type MetricValue } from '@orion/contracts';
import { expectedTrend } from '../../../test/support/metric-oracle.js';
import { inventoryModule } from '@orion/inventory';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
import { seededRandom } from '../../../test/support/random.js';
import { seedTenancy, type TenancyFixture } from '../../../test/support/tenancy-fixture.js';
import type { TestHost } from '@orion/testing';
import { marketplaceModule } from '../src/index.js';

/** The host, as the kit starts it. */
type Orion = TestHost['orion'];

const dateFrom = new Date('2026-10-01T00:00:00.000Z');
const dateTo = new Date('2026-10-31T00:00:00.000Z');
const length = dateTo.getTime() - dateFrom.getTime();
const previousFrom = new Date(dateFrom.getTime() - length);

const statuses = ['pending', 'processing', 'completed', 'failed'] as const;
const productStatuses = ['staged', 'published', 'rejected'] as const;

interface Job {
  storeId: number;
  status: (typeof statuses)[number];
  createdAt: Date;
}
interface Product {
  storeId: number;
  status: (typeof productStatuses)[number];
}

/** Times that matter: both windows' edges, a millisecond either side, and anywhere in a year. */
function jobTime(random: ReturnType<typeof seededRandom>): Date {
  const edges = [dateFrom, dateTo, previousFrom].flatMap((edge) => [
    edge.getTime() - 1,
    edge.getTime(),
    edge.getTime() + 1,
  ]);
  if (random.chance(0.25)) return new Date(random.pick(edges));
  return new Date(previousFrom.getTime() - length + random.next() * 4 * length);
}

/** The expected metrics, computed from the generated rows with no SQL at all. */
function expected(
  jobs: Job[],
  products: Product[],
  inScope: (storeId: number) => boolean,
  includeTrends: boolean,
): MetricValue[] {
  const mine = jobs.filter((job) => inScope(job.storeId));
  const current = mine.filter((job) => job.createdAt >= dateFrom && job.createdAt < dateTo);
  const previous = mine.filter((job) => job.createdAt >= previousFrom && job.createdAt < dateFrom);
  const count = (list: Job[], status?: Job['status']) => list.filter((job) => !status || job.status === status).length;
  const rate = (list: Job[]) => {
    const finished = count(list, 'completed') + count(list, 'failed');
    return finished === 0 ? undefined : (100 * count(list, 'completed')) / finished;
  };
  const trend = (value: number, before: number) => (includeTrends ? expectedTrend(value, before) : {});
  const metrics: Partial<MetricValue>[] = [
    { key: 'marketplace.import_jobs', value: count(current), ...trend(count(current), count(previous)) },
    {
      key: 'marketplace.failed_jobs',
      value: count(current, 'failed'),
      ...trend(count(current, 'failed'), count(previous, 'failed')),
    },
  ];
  const currentRate = rate(current);
  const previousRate = rate(previous);
  if (currentRate !== undefined) {
    // the trend from the exact rates, in percentage points; no previous rate: up with no number
    const rateTrend =
      previousRate !== undefined
        ? expectedTrend(currentRate, previousRate, 'points')
        : currentRate === 0
          ? { trend: 'stable' as const, trendValue: 0 }
          : { trend: 'up' as const, trendValue: null };
    metrics.push({
      key: 'marketplace.import_success_rate',
      value: roundTo(currentRate, 1),
      unit: '%',
      ...(includeTrends ? rateTrend : {}),
    });
  }
  metrics.push({
    key: 'marketplace.staging_products',
    value: products.filter((product) => inScope(product.storeId) && product.status === 'staged').length,
  });
  return metrics as MetricValue[];
}

const essentials = (metrics: MetricValue[] | undefined) =>
  (metrics ?? []).map(({ key, value, unit, trend, trendValue }) => ({
    key,
    value,
    ...(unit ? { unit } : {}),
    ...(trend ? { trend, trendValue } : {}),
  }));

describeEachDatabase('marketplace metrics against the generated rows', (dialect) => {
  const hosts = useTestHosts(dialect, { per: 'suite' });
  let orion: Orion;
  let tenancy: TenancyFixture;
  const jobs: Job[] = [];
  const products: Product[] = [];

  beforeAll(async () => {
    ({ orion } = await hosts.start({ modules: [inventoryModule, marketplaceModule] }));
    const random = seededRandom(dialect === 'sqlite' ? 7 : 8);
    tenancy = await seedTenancy(orion.db, random, { platforms: 3, merchants: 5, stores: 20 });
    jobs.length = 0;
    products.length = 0;
    for (const store of tenancy.stores) {
      const jobCount = store.id === tenancy.stores[1]!.id ? 1_200 : random.int(0, 40);
      for (let j = 0; j < jobCount; j++)
        jobs.push({ storeId: store.id, status: random.pick(statuses), createdAt: jobTime(random) });
    }
    for (let start = 0; start < jobs.length; start += 500) {
      const inserted = await orion.db
        .insertInto('marketplace_import_jobs')
        .values(
          jobs.slice(start, start + 500).map((job) => ({
            store_id: job.storeId,
            source: 'generated',
            status: job.status,
            created_at: job.createdAt.toISOString(),
          })),
        )
        .returning(['id', 'store_id'])
        .execute();
      for (const { id, store_id } of inserted.filter(() => random.chance(0.3))) {
        const rows = random.int(1, 6);
        const batch = Array.from({ length: rows }, (_, index) => {
          const product: Product = { storeId: store_id, status: random.pick(productStatuses) };
          products.push(product);
          return {
            store_id,
            import_job_id: id,
            external_id: `e-${index}`,
            sku: `sku-${index}`,
            title: 'Generated',
            price: 100,
            currency: 'EUR',
            quantity: 1,
            status: product.status,
            created_at: new Date().toISOString(),
          };
        });
        await orion.db.insertInto('marketplace_products').values(batch).execute();
      }
    }
  }, 120_000);

  it.each([false, true])('every store dashboard matches (includeTrends: %s)', async (includeTrends) => {
    let compared = 0;
    for (const store of tenancy.stores) {
      const platformId = tenancy.storePlatform(store.id);
      if (platformId === undefined) continue;
      const stats = await orion.statsAggregator.getStoreDashboardStats({
        storeId: store.id,
        platformId,
        context: { dateFrom, dateTo, includeTrends },
      });
      expect(stats.failures).toEqual([]);
      expect(essentials(stats.categories.marketplace)).toEqual(
        expected(jobs, products, (id) => id === store.id, includeTrends),
      );
      compared++;
    }
    expect(compared).toBeGreaterThan(10);
  });

  it.each([false, true])('every platform dashboard matches (includeTrends: %s)', async (includeTrends) => {
    for (const platformId of tenancy.platformIds) {
      const stats = await orion.statsAggregator.getAdminDashboardStats({
        platformId,
        context: { dateFrom, dateTo, includeTrends },
      });
      const members = tenancy.activeStoreIds(platformId);
      expect(essentials(stats.categories.marketplace)).toEqual(
        expected(jobs, products, (id) => members.has(id), includeTrends),
      );
    }
  });

  it('the data covers what the rules are about', () => {
    expect(jobs.filter((job) => job.createdAt.getTime() === dateFrom.getTime()).length).toBeGreaterThan(0);
    expect(jobs.filter((job) => job.createdAt.getTime() === dateTo.getTime()).length).toBeGreaterThan(0);
    expect(new Set(jobs.map((job) => job.status)).size).toBe(4);
    expect(tenancy.memberships.some((m) => !m.isActive)).toBe(true);
  });
});
