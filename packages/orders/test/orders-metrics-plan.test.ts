import { CompiledQuery, sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { resolveMetricsContext, metricsContextSchema } from '@orion/contracts';
import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
import { seededRandom } from '../../../test/support/random.js';
import { TenancyService } from '../../tenancy/src/index.js';
import { OrdersService, ordersModule } from '../src/index.js';
import { dailyOrderTotalsQuery } from '../src/orders-daily-totals.js';
import { ordersMetricsQuery, type OrdersMetricsScope } from '../src/orders-metrics-query.js';

const indexName = 'orders_store_created_idx';

describeEachDatabase('orders dashboard query plan', (dialect) => {
  const hosts = useTestHosts(dialect);

  /** 40 stores, 3 of them on the platform, 6,000 orders over a year, statistics gathered. */
  async function seed() {
    const { orion } = await hosts.start({ modules: [ordersModule] });
    const tenancy = new TenancyService(orion.db);
    const platform = await tenancy.createPlatform({ code: 'eu', name: 'Europe' });
    const merchant = await tenancy.createMerchant({ name: 'Acme' });
    const storeIds: number[] = [];
    for (let s = 0; s < 40; s++) {
      const store = await tenancy.createStore({
        merchantId: merchant.id,
        code: `store-${s}`,
        name: `Store ${s}`,
        defaultCurrency: 'EUR',
      });
      if (s < 3) await tenancy.addStoreToPlatform(store.id, platform.id);
      storeIds.push(store.id);
    }
    const random = seededRandom(7);
    const start = Date.parse('2025-06-01T00:00:00.000Z');
    const rows = Array.from({ length: 6_000 }, (_, i) => ({
      store_id: storeIds[i % storeIds.length]!,
      order_number: `P-${i}`,
      customer_email: 'ada@example.com',
      status: random.pick(['pending', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded']),
      currency: random.pick(['EUR', 'USD', 'JPY']),
      total_amount: random.int(0, 100_000),
      created_at: new Date(start + random.int(0, 365) * 86_400_000 + random.int(0, 86_399_999)).toISOString(),
    }));
    for (let i = 0; i < rows.length; i += 500)
      await orion.db
        .insertInto('orders')
        .values(rows.slice(i, i + 500))
        .execute();
    await new OrdersService(orion.db).rebuildSummaries();
    // Statistics, and on PostgreSQL the visibility map that index-only scans rely on: what
    // autovacuum maintains on a live database. (No planner switches are touched.)
    await (dialect === 'postgres' ? sql`vacuum analyze` : sql`analyze`).execute(orion.db);
    return { orion, storeId: storeIds[0]!, platformId: platform.id };
  }

  const context = resolveMetricsContext(
    metricsContextSchema.parse({
      dateFrom: '2026-03-01T00:00:00Z',
      dateTo: '2026-03-31T00:00:00Z',
      includeTrends: true,
    }),
  );

  /** The plan of a statement (default: the dashboard's) for `scope`, a line per node. */
  async function plan(
    db: Kysely<any>,
    scope: OrdersMetricsScope,
    query: (db: Kysely<any>, scope: OrdersMetricsScope) => { compile(): CompiledQuery } = (db, scope) =>
      ordersMetricsQuery(db, scope, context),
  ): Promise<string[]> {
    const compiled = query(db, scope).compile();
    const prefix = dialect === 'sqlite' ? 'explain query plan ' : 'explain ';
    const result = await db.executeQuery<Record<string, string>>(
      CompiledQuery.raw(prefix + compiled.sql, [...compiled.parameters]),
    );
    return result.rows.map((row) => (dialect === 'sqlite' ? row.detail! : row['QUERY PLAN']!));
  }

  /** Each read of orders uses the covering index alone. */
  function expectIndexOnlyReads(lines: string[], reads = 2): void {
    const text = lines.join('\n');
    if (dialect === 'sqlite') {
      const ordersReads = lines.filter((line) => /\borders\b/.test(line) && /^(SCAN|SEARCH)/.test(line));
      expect(ordersReads.length, text).toBe(reads);
      for (const line of ordersReads)
        expect(line, text).toMatch(new RegExp(`^SEARCH orders USING COVERING INDEX ${indexName} \\(store_id=\\?`));
    } else {
      const ordersReads = lines.filter((line) => /Scan .*\bon orders\b/.test(line));
      expect(ordersReads.length, text).toBe(reads);
      for (const line of ordersReads) expect(line, text).toContain(`Index Only Scan using ${indexName} on orders`);
    }
  }

  const offMidnight = resolveMetricsContext(
    metricsContextSchema.parse({
      dateFrom: '2026-03-01T05:00:00Z',
      dateTo: '2026-03-31T07:00:00Z',
      includeTrends: true,
    }),
  );

  /**
   * The dashboard reads the summary rows by their key, and orders only for the days a window
   * boundary falls inside, each a bounded range of the covering index: never a store's whole history.
   */
  function expectSummaryReads(lines: string[], splitDays: number): void {
    const text = lines.join('\n');
    if (dialect === 'sqlite') {
      const summaryReads = lines.filter((line) => /^(SCAN|SEARCH) orders_daily_totals\b/.test(line));
      expect(summaryReads.length, text).toBeGreaterThan(0);
      for (const line of summaryReads)
        expect(line, text).toMatch(
          /^SEARCH orders_daily_totals USING PRIMARY KEY \((store_id=\?|ANY\(store_id\)) AND day>\? AND day<\?\)$/,
        );
      const ordersReads = lines.filter((line) => /^(SCAN|SEARCH) orders\b/.test(line));
      expect(ordersReads.length, text).toBe(splitDays);
      for (const line of ordersReads) {
        expect(line, text).toMatch(
          new RegExp(
            `^SEARCH orders USING COVERING INDEX ${indexName} \\((store_id=\\?|ANY\\(store_id\\)) AND created_at>\\? AND created_at<\\?\\)$`,
          ),
        );
      }
    } else {
      expect(text).toContain('orders_daily_totals_pk');
      expect(text).not.toMatch(/Seq Scan on orders_daily_totals\b/);
      const ordersReads = lines.filter((line) => /Scan .*\bon orders\b/.test(line));
      expect(ordersReads.length, text).toBe(splitDays);
      for (const line of ordersReads) expect(line, text).toContain(`Index Only Scan using ${indexName} on orders`);
      const conditions = lines.filter((line) => /Index Cond: .*created_at >=/.test(line));
      expect(conditions.length, text).toBe(splitDays);
    }
  }

  it('answers the store dashboard from the summary rows, and reads orders only for the days a boundary splits', async () => {
    const { orion, storeId } = await seed();
    expectSummaryReads(await plan(orion.db, { storeId }), 0);
    expectSummaryReads(await plan(orion.db, { storeId }, (db, scope) => ordersMetricsQuery(db, scope, offMidnight)), 3);
  });

  it("answers the platform dashboard the same way, for the platform's stores", async () => {
    const { orion, platformId } = await seed();
    expectSummaryReads(await plan(orion.db, { platformId }), 0);
    expectSummaryReads(
      await plan(orion.db, { platformId }, (db, scope) => ordersMetricsQuery(db, scope, offMidnight)),
      3,
    );
  });

  it('answers the daily series (the dashboard chart) from the same index, for a store and a platform', async () => {
    const { orion, storeId, platformId } = await seed();
    const daily = (db: Kysely<any>, scope: OrdersMetricsScope) =>
      dailyOrderTotalsQuery(db, scope, { from: context.dateFrom.toISOString(), to: context.dateTo.toISOString() });
    expectIndexOnlyReads(await plan(orion.db, { storeId }, daily), 1);
    expectIndexOnlyReads(await plan(orion.db, { platformId }, daily), 1);
  });
});
