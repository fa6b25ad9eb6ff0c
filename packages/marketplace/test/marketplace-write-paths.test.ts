/**
 * Every write path keeps the marketplace dashboards exact (issue 12): seeded random writes through
 * the service and plain SQL (jobs and staged products inserted, statuses and creation times
 * changed, products moved and deleted, jobs deleted with their products, `COPY` on PostgreSQL),
 * interleaved with membership flips; then every figure of every store and platform dashboard,
 * trends included, is compared with numbers computed in plain TypeScript from the rows the test
 * wrote, and a recount of the per-store staged totals from the products finds nothing to change.
 */
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
import { inventoryModule } from '@orion/inventory';
import { expectedTrend, type ComparableMetric } from '../../../test/support/metric-oracle.js';
import { explainPlan } from '../../../test/support/explain.js';
import { seededRandom } from '../../../test/support/random.js';
import { seedTenancy } from '../../../test/support/tenancy-fixture.js';
import {
  compareDashboardWindows,
  copyRows,
  flipMembership,
  MembershipModel,
  type WritePathWindow,
} from '../../../test/support/write-paths.js';
import { marketplaceModule, MarketplaceService } from '../src/index.js';
import { marketplaceMetricsQuery } from '../src/marketplace-metrics-provider.js';

const DAY = 86_400_000;
const jobStatuses = ['pending', 'processing', 'completed', 'failed'] as const;
const productStatuses = ['staged', 'published', 'rejected'] as const;

interface Job {
  storeId: number;
  status: (typeof jobStatuses)[number];
  createdAt: number;
}
interface Product {
  storeId: number;
  jobId: number;
  status: (typeof productStatuses)[number];
}

describeEachDatabase('marketplace write paths', (dialect) => {
  const hosts = useTestHosts(dialect);

  it('keeps every dashboard figure exact through the service, SQL and COPY', async () => {
    const { orion } = await hosts.start({ modules: [inventoryModule, marketplaceModule] });
    const db = orion.db;
    const random = seededRandom(20_261_204);
    const fixture = await seedTenancy(db, random, { platforms: 3, merchants: 4, stores: 12 });
    const memberships = new MembershipModel(fixture);
    const service = new MarketplaceService(db);
    const jobs = new Map<number, Job>();
    const products = new Map<number, Product>();
    const storeIds = fixture.stores.map((store) => store.id);
    const dateTo = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000);
    const dateFrom = new Date(dateTo.getTime() - 10 * DAY);
    const randomTime = () => dateTo.getTime() - random.int(-DAY, 22 * DAY);
    let serial = 0;
    const productRow = (storeId: number, jobId: number, status: string) => ({
      store_id: storeId,
      import_job_id: jobId,
      external_id: `x-${++serial}`,
      sku: `k-${serial}`,
      title: 't',
      price: 1,
      currency: 'EUR',
      quantity: 1,
      status,
      created_at: new Date().toISOString(),
    });
    const done = new Set<number>();

    for (let step = 0; step < 220; step++) {
      const op = random.int(0, dialect === 'postgres' ? 8 : 7);
      const job = jobs.size ? random.pick([...jobs.entries()]) : undefined;
      const product = products.size ? random.pick([...products.entries()]) : undefined;
      if (op === 0 || op === 1) {
        // a job with its products, in SQL
        const storeId = random.pick(storeIds);
        const row: Job = { storeId, status: random.pick(jobStatuses), createdAt: randomTime() };
        const { id } = await db
          .insertInto('marketplace_import_jobs')
          .values({
            store_id: storeId,
            source: 'sql',
            status: row.status,
            created_at: new Date(row.createdAt).toISOString(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        jobs.set(Number(id), row);
        const statuses = Array.from({ length: random.int(0, 8) }, () => random.pick(productStatuses));
        if (statuses.length === 0) continue;
        const inserted = await db
          .insertInto('marketplace_products')
          .values(statuses.map((status) => productRow(storeId, Number(id), status)))
          .returning('id')
          .execute();
        inserted.forEach((p, index) =>
          products.set(Number(p.id), { storeId, jobId: Number(id), status: statuses[index]! }),
        );
      } else if (op === 2 && job) {
        const status = random.pick(jobStatuses);
        const createdAt = random.chance(0.5) ? randomTime() : job[1].createdAt;
        await db
          .updateTable('marketplace_import_jobs')
          .set({ status, created_at: new Date(createdAt).toISOString() })
          .where('id', '=', job[0])
          .execute();
        Object.assign(job[1], { status, createdAt });
      } else if (op === 3 && job) {
        // every product of one job at once
        const status = random.pick(productStatuses);
        await db.updateTable('marketplace_products').set({ status }).where('import_job_id', '=', job[0]).execute();
        for (const p of products.values()) if (p.jobId === job[0]) p.status = status;
      } else if (op === 4 && product) {
        const storeId = random.pick(storeIds);
        await db.updateTable('marketplace_products').set({ store_id: storeId }).where('id', '=', product[0]).execute();
        product[1].storeId = storeId;
      } else if (op === 5 && job) {
        // a job deleted: its products go with it (a cascade)
        await db.deleteFrom('marketplace_import_jobs').where('id', '=', job[0]).execute();
        jobs.delete(job[0]);
        for (const [id, p] of products) if (p.jobId === job[0]) products.delete(id);
      } else if (op === 6 && product) {
        const staged = [...products.entries()].filter(
          ([, p]) => p.storeId === product[1].storeId && p.status === 'staged',
        );
        if (staged.length === 0) continue;
        const ids = staged.slice(0, random.int(1, staged.length)).map(([id]) => id);
        expect(await service.rejectStagedProducts(product[1].storeId, ids)).toBe(ids.length);
        for (const id of ids) products.get(id)!.status = 'rejected';
      } else if (op === 7) {
        await flipMembership(db, random, fixture, memberships);
      } else if (op === 8 && job) {
        const rows = Array.from({ length: random.int(1, 12) }, () =>
          productRow(job[1].storeId, job[0], random.pick(productStatuses)),
        );
        const columns = Object.keys(rows[0]!);
        await copyRows(
          db,
          'marketplace_products',
          columns,
          rows.map((r) => Object.values(r)),
        );
        const copied = await db
          .selectFrom('marketplace_products')
          .select(['id', 'status'])
          .where(
            'external_id',
            'in',
            rows.map((r) => r.external_id),
          )
          .execute();
        expect(copied).toHaveLength(rows.length);
        for (const p of copied)
          products.set(Number(p.id), { storeId: job[1].storeId, jobId: job[0], status: p.status as Product['status'] });
      } else {
        continue;
      }
      done.add(op);
    }
    expect(done.size).toBe(dialect === 'postgres' ? 9 : 8);

    // the hour-aligned window, and one whose boundaries fall inside days, to the millisecond (the
    // platform dashboard reads whole days from its rollup and the cut days' shorter sides from the jobs)
    const cutTo = new Date(dateTo.getTime() - 7 * 3_600_000 - 12_345);
    const windows = [
      { dateFrom, dateTo },
      { dateFrom: new Date(cutTo.getTime() - 9 * DAY - 13 * 3_600_000 - 678), dateTo: cutTo },
    ];
    const expected =
      (includeTrends: boolean, window: WritePathWindow) =>
      (storeIds: Set<number>): ComparableMetric[] => {
        const mine = [...jobs.values()].filter((j) => storeIds.has(j.storeId));
        const inWindow = (from: number, to: number) => mine.filter((j) => j.createdAt >= from && j.createdAt < to);
        const [from, to] = [window.dateFrom.getTime(), window.dateTo.getTime()];
        const current = inWindow(from, to);
        const previous = inWindow(from - (to - from), from);
        const count = (list: Job[], status?: Job['status']) =>
          list.filter((j) => !status || j.status === status).length;
        const rate = (list: Job[]) => {
          const finished = count(list, 'completed') + count(list, 'failed');
          return finished === 0 ? undefined : (100 * count(list, 'completed')) / finished;
        };
        const trend = (now: number, before: number) => (includeTrends ? expectedTrend(now, before) : {});
        const metrics: ComparableMetric[] = [
          { key: 'marketplace.import_jobs', value: count(current), ...trend(count(current), count(previous)) },
          {
            key: 'marketplace.failed_jobs',
            value: count(current, 'failed'),
            ...trend(count(current, 'failed'), count(previous, 'failed')),
          },
        ];
        const [now, before] = [rate(current), rate(previous)];
        if (now !== undefined) {
          const rateTrend =
            before !== undefined
              ? expectedTrend(now, before, 'points')
              : now === 0
                ? { trend: 'stable' as const, trendValue: 0 }
                : { trend: 'up' as const, trendValue: null };
          metrics.push({
            key: 'marketplace.import_success_rate',
            value: Math.round(now * 10) / 10,
            unit: '%',
            ...(includeTrends ? rateTrend : {}),
          });
        }
        metrics.push({
          key: 'marketplace.staging_products',
          value: [...products.values()].filter((p) => storeIds.has(p.storeId) && p.status === 'staged').length,
        });
        return metrics;
      };
    const compareAll = () => compareDashboardWindows(orion, 'marketplace', fixture, memberships, windows, expected);
    expect(await compareAll()).toBeGreaterThan(120);

    // the platform rollups hold exactly what a fill from the rows computes: no row left at zero
    const day = (at: string | Date | number) => Math.floor(new Date(at).getTime() / DAY) * DAY;
    const dailyExpected = new Map<string, number[]>();
    const stagedExpected = new Map<number, number>();
    for (const platformId of fixture.platformIds) {
      const stores = memberships.activeStoreIds(platformId);
      for (const job of jobs.values()) {
        if (!stores.has(job.storeId)) continue;
        const key = `${platformId}/${day(job.createdAt)}`;
        const [n, failed, completed] = dailyExpected.get(key) ?? [0, 0, 0];
        dailyExpected.set(key, [
          n! + 1,
          failed! + (job.status === 'failed' ? 1 : 0),
          completed! + (job.status === 'completed' ? 1 : 0),
        ]);
      }
      const staged = [...products.values()].filter((p) => stores.has(p.storeId) && p.status === 'staged').length;
      if (staged > 0) stagedExpected.set(platformId, staged);
    }
    const checkRollups = async () => {
      const daily = await sql<{
        platform_id: number;
        day: string | Date;
        jobs: number;
        failed: number;
        completed: number;
      }>`
        select platform_id, day, jobs, failed, completed from marketplace_platform_daily_totals`.execute(db);
      expect(
        new Map(
          daily.rows.map((row) => [
            `${row.platform_id}/${day(row.day)}`,
            [Number(row.jobs), Number(row.failed), Number(row.completed)],
          ]),
        ),
      ).toEqual(dailyExpected);
      const staged = await sql<{ platform_id: number; staged_products: number | string }>`
        select platform_id, staged_products from marketplace_platform_totals`.execute(db);
      expect(new Map(staged.rows.map((row) => [row.platform_id, Number(row.staged_products)]))).toEqual(stagedExpected);
    };
    await checkRollups();

    // the per-store totals are exactly a recount from the products
    const kept = await db.selectFrom('marketplace_store_totals').selectAll().orderBy('store_id').execute();
    const recount = await sql<{ store_id: number; staged_products: number | string }>`
      select store_id, count(*) as staged_products from marketplace_products where status = 'staged'
      group by store_id order by store_id`.execute(db);
    expect(kept.map((r) => [r.store_id, Number(r.staged_products)])).toEqual(
      recount.rows.map((r) => [r.store_id, Number(r.staged_products)]),
    );

    await marketplaceModule.rebuild!({ db }); // `orion rebuild marketplace` changes nothing
    expect(await db.selectFrom('marketplace_store_totals').selectAll().orderBy('store_id').execute()).toEqual(kept);
    await checkRollups();
    await compareAll();

    // the staged figure is read from the store's row or the platform's row, never from the products;
    // the platform's jobs from its daily rows and, at a cut day, the jobs' creation-time index
    for (const window of windows) {
      const context = {
        ...window,
        includeTrends: true,
        previousFrom: new Date(2 * window.dateFrom.getTime() - window.dateTo.getTime()),
        previousTo: window.dateFrom,
      };
      for (const [scope, id] of [
        ['store', storeIds[0]!],
        ['platform', fixture.platformIds[0]!],
      ] as const) {
        const plan = await explainPlan(db, marketplaceMetricsQuery(db, scope, id, context as never).compile());
        expect(plan).not.toMatch(/marketplace_products/);
        if (scope === 'store') {
          expect(plan).toMatch(/marketplace_store_totals/);
        } else {
          expect(plan).toMatch(/marketplace_platform_totals/);
          expect(plan).toMatch(/marketplace_platform_daily_totals/);
          expect(plan).not.toMatch(/marketplace_store_totals|marketplace_import_jobs_store_created_idx/);
          if (window.dateTo === cutTo) expect(plan).toMatch(/marketplace_import_jobs_created_idx/);
          if (dialect === 'sqlite') expect(plan).not.toMatch(/SCAN (?!CONSTANT ROW)/);
        }
      }
    }
  });
});
