import { CompiledQuery, sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { resolveMetricsContext, metricsContextSchema } from '@orion/contracts';
import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
import { seededRandom } from '../../../test/support/random.js';
import { TenancyService } from '../../tenancy/src/index.js';
import { ordersModule, type OrdersDatabase } from '../src/index.js';
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
    db: Kysely<OrdersDatabase>,
    scope: OrdersMetricsScope,
    query: (db: Kysely<OrdersDatabase>, scope: OrdersMetricsScope) => { compile(): CompiledQuery } = (db, scope) =>
      ordersMetricsQuery(db, scope, context),
  ): Promise<string[]> {
    const compiled = query(db, scope).compile();
    const prefix = dialect === 'sqlite' ? 'explain query plan ' : 'explain ';
    const result = await db.executeQuery<Record<string, string>>(
      CompiledQuery.raw(prefix + compiled.sql, [...compiled.parameters]),
    );
    return result.rows.map((row) => (dialect === 'sqlite' ? row.detail! : row['QUERY PLAN']!));
  }

  const window = (dateFrom: string, dateTo: string) =>
    resolveMetricsContext(metricsContextSchema.parse({ dateFrom, dateTo, includeTrends: true }));
  /** Boundaries on hours, not midnights: whole days and whole hours, no orders. */
  const offMidnight = window('2026-03-01T05:00:00Z', '2026-03-31T07:00:00Z');
  /**
   * Boundaries inside hours: the previous window starts at 2026-01-30T02:40 (the shorter side is
   * [02:40, 03:00), taken away), the shared boundary 05:10 is read twice ([05:00, 05:10) for each
   * window), and the end 07:40 reads [07:40, 08:00): four bounded ranges of orders.
   */
  const offHour = window('2026-03-01T05:10:00Z', '2026-03-31T07:40:00Z');

  const rollups = [
    'orders_daily_totals',
    'orders_hourly_totals',
    'orders_store_totals',
    'orders_platform_daily_totals',
    'orders_platform_hourly_totals',
    'orders_platform_totals',
  ];

  /**
   * The dashboard reads the rollups by their key only, and `orders` only for the parts of hours a
   * boundary cuts, each a bounded range of `created_at`: never a store's (or platform's) history,
   * and for a platform never a read per store.
   */
  function expectBoundedReads(lines: string[], scope: 'store' | 'platform', grains: string[], orderReads: number) {
    const text = lines.join('\n');
    const ordersIndex = scope === 'store' ? indexName : 'orders_created_idx';
    const tables = scope === 'store' ? rollups.slice(0, 3) : rollups.slice(3);
    if (dialect === 'sqlite') {
      const reads = lines.filter((line) => /^(SCAN|SEARCH) \w+/.test(line));
      for (const line of reads) {
        const table = /^(?:SCAN|SEARCH) (\w+)/.exec(line)![1]!;
        if (table === 'orders') {
          const range =
            scope === 'store'
              ? 'store_id=\\? AND created_at>\\? AND created_at<\\?'
              : 'created_at>\\? AND created_at<\\?';
          expect(line, text).toMatch(new RegExp(`^SEARCH orders USING COVERING INDEX ${ordersIndex} \\(${range}\\)$`));
        } else if (rollups.includes(table)) {
          expect(tables, text).toContain(table);
          expect(line, text).toMatch(
            /^SEARCH \w+ USING (PRIMARY KEY|INTEGER PRIMARY KEY|COVERING INDEX \w+) \((store_id|platform_id|rowid)=\?/,
          );
        } else if (table === 'store_platforms') {
          // one seek per order read of a cut hour, never the platform's whole list of stores
          // (equalities only, the order's store among them: a seek, not the platform's range of stores)
          expect(line, text).toMatch(
            /^SEARCH store_platforms (EXISTS )?USING (COVERING )?INDEX \w+ \((\w+=\? AND )*\w+=\?\)$/,
          );
          expect(line, text).toContain('store_id=?');
        } else {
          expect(['t', 'r', 'b'], text).toContain(table); // the statement's own derived tables
        }
      }
      expect(reads.filter((line) => /^SEARCH orders\b/.test(line)).length, text).toBe(orderReads);
      for (const grain of grains)
        expect(text).toMatch(
          new RegExp(
            `SEARCH ${tables[grain === 'day' ? 0 : 1]} USING PRIMARY KEY \\((store_id|platform_id)=\\? AND ${grain}>\\? AND ${grain}<\\?\\)`,
          ),
        );
    } else {
      expect(text).not.toMatch(
        /Seq Scan on (orders|orders_daily_totals|orders_hourly_totals|orders_platform_daily_totals|orders_platform_hourly_totals)\b/,
      );
      const ordersReads = lines.filter((line) => /Scan .*\bon orders\b/.test(line));
      expect(ordersReads.length, text).toBe(orderReads);
      // A store's part of an hour: either index bounds it (PostgreSQL weighs a store's range of
      // (store_id, created_at) against every store's range of (created_at, …)); a platform's: the latter.
      for (const line of ordersReads)
        expect(line, text).toMatch(
          scope === 'store'
            ? /Index Only Scan using (orders_store_created_idx|orders_created_idx) on orders/
            : /Index Only Scan using orders_created_idx on orders/,
        );
      expect(lines.filter((line) => /Index Cond: .*created_at >= .*created_at </.test(line)).length, text).toBe(
        orderReads,
      );
      for (const grain of grains) expect(text).toContain(`${tables[grain === 'day' ? 0 : 1]}_pk`);
    }
  }

  it('answers the store dashboard from its rollups, and reads orders only for the parts of hours a boundary cuts', async () => {
    const { orion, storeId } = await seed();
    const at = (resolved: typeof context) =>
      plan(orion.db, { storeId }, (db, scope) => ordersMetricsQuery(db, scope, resolved));
    expectBoundedReads(await at(context), 'store', ['day'], 0);
    expectBoundedReads(await at(offMidnight), 'store', ['day', 'hour'], 0);
    expectBoundedReads(await at(offHour), 'store', ['day', 'hour'], 4);
  });

  it("answers the platform dashboard from the platform's rollups, never a read per store", async () => {
    const { orion, platformId } = await seed();
    const at = (resolved: typeof context) =>
      plan(orion.db, { platformId }, (db, scope) => ordersMetricsQuery(db, scope, resolved));
    expectBoundedReads(await at(context), 'platform', ['day'], 0);
    expectBoundedReads(await at(offMidnight), 'platform', ['day', 'hour'], 0);
    expectBoundedReads(await at(offHour), 'platform', ['day', 'hour'], 4);
  });

  it('answers the daily series (the dashboard chart) from the same rollups, for a store and a platform', async () => {
    const { orion, storeId, platformId } = await seed();
    const daily = (resolved: typeof context) => (db: Kysely<OrdersDatabase>, scope: OrdersMetricsScope) => ({
      compile: () =>
        dailyOrderTotalsQuery(db, scope, {
          from: resolved.dateFrom.toISOString(),
          to: resolved.dateTo.toISOString(),
        }).compile(db),
    });
    for (const [scope, kind] of [
      [{ storeId }, 'store'],
      [{ platformId }, 'platform'],
    ] as const) {
      expectBoundedReads(await plan(orion.db, scope, daily(context)), kind, ['day'], 0);
      // [05:00, 05:10) and [07:40, 08:00) taken away from their hours' rows
      expectBoundedReads(await plan(orion.db, scope, daily(offHour)), kind, ['day', 'hour'], 2);
    }
  });
});
