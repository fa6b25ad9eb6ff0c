/**
 * Deleting a store, a merchant's stores or a platform keeps every marketplace dashboard exact (issue
 * 12): the store's import jobs, staged products, `marketplace_store_totals` row and memberships go by
 * cascades, in any order, and leave the platform rollups exactly once. See `describeStoreDeletion`.
 */
import { inventoryModule } from '@orion/inventory';
import { expectedTrend, type ComparableMetric } from '../../../test/support/metric-oracle.js';
import { describeStoreDeletion } from '../../../test/support/store-deletion.js';
import { marketplaceModule } from '../src/index.js';

const DAY = 86_400_000;

interface Job {
  storeId: number;
  createdAt: number;
  status: 'pending' | 'processing' | 'completed' | 'failed';
}

interface Product {
  storeId: number;
  status: 'staged' | 'published' | 'rejected';
}

describeStoreDeletion('marketplace store deletion', () => {
  const jobs = new Map<number, Job>();
  const products = new Map<number, Product>();
  return {
    modules: [inventoryModule, marketplaceModule],
    category: 'marketplace',
    rollupTables: ['marketplace_store_totals', 'marketplace_platform_daily_totals', 'marketplace_platform_totals'],
    cascadeTables: ['marketplace_import_jobs', 'marketplace_products', 'marketplace_store_totals'],
    async seed(db, fixture, random, now) {
      let serial = 0;
      for (const store of fixture.stores) {
        for (let j = random.int(2, 4); j > 0; j--) {
          const job: Job = {
            storeId: store.id,
            createdAt: now - random.int(0, 25 * DAY),
            status: random.pick(['pending', 'processing', 'completed', 'failed'] as const),
          };
          const { id } = await db
            .insertInto('marketplace_import_jobs')
            .values({
              store_id: store.id,
              source: 'feed.csv',
              status: job.status,
              created_at: new Date(job.createdAt).toISOString(),
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          jobs.set(Number(id), job);
          const rows = Array.from({ length: random.int(1, 4) }, () => ({
            store_id: store.id,
            import_job_id: Number(id),
            external_id: `E-${++serial}`,
            sku: `S-${serial}`,
            title: 'Staged',
            price: random.int(0, 9_999),
            currency: 'EUR',
            status: random.pick(['staged', 'staged', 'published', 'rejected'] as const),
            created_at: new Date(job.createdAt).toISOString(),
          }));
          const inserted = await db.insertInto('marketplace_products').values(rows).returning('id').execute();
          inserted.forEach((row, index) =>
            products.set(Number(row.id), { storeId: store.id, status: rows[index]!.status }),
          );
        }
      }
    },
    forgetStore(storeId) {
      for (const [id, job] of jobs) if (job.storeId === storeId) jobs.delete(id);
      for (const [id, product] of products) if (product.storeId === storeId) products.delete(id);
    },
    expected: (window) => (storeIds) => {
      const mine = [...jobs.values()].filter((j) => storeIds.has(j.storeId));
      const inWindow = (from: number, to: number) => mine.filter((j) => j.createdAt >= from && j.createdAt < to);
      const [from, to] = [window.dateFrom.getTime(), window.dateTo.getTime()];
      const current = inWindow(from, to);
      const previous = inWindow(from - (to - from), from);
      const count = (list: Job[], status?: Job['status']) => list.filter((j) => !status || j.status === status).length;
      const rate = (list: Job[]) => {
        const finished = count(list, 'completed') + count(list, 'failed');
        return finished === 0 ? undefined : (100 * count(list, 'completed')) / finished;
      };
      const metrics: ComparableMetric[] = [
        { key: 'marketplace.import_jobs', value: count(current), ...expectedTrend(count(current), count(previous)) },
        {
          key: 'marketplace.failed_jobs',
          value: count(current, 'failed'),
          ...expectedTrend(count(current, 'failed'), count(previous, 'failed')),
        },
      ];
      const [now, before] = [rate(current), rate(previous)];
      if (now !== undefined) {
        metrics.push({
          key: 'marketplace.import_success_rate',
          value: Math.round(now * 10) / 10,
          unit: '%',
          ...(before !== undefined
            ? expectedTrend(now, before, 'points')
            : now === 0
              ? { trend: 'stable' as const, trendValue: 0 }
              : { trend: 'up' as const, trendValue: null }),
        });
      }
      metrics.push({
        key: 'marketplace.staging_products',
        value: [...products.values()].filter((p) => storeIds.has(p.storeId) && p.status === 'staged').length,
      });
      return metrics;
    },
    rebuild: (db) => marketplaceModule.rebuild!({ db }),
  };
});
