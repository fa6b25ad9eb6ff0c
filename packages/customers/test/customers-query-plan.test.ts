/**
 * The customers dashboards, the list and the prefix search read ranges of indexes, never a whole
 * table: checked with EXPLAIN on SQLite and PostgreSQL over 24,000 customers of 40 stores, with
 * statistics gathered; the plans are read for a small store, whose range is what an index must find.
 */
import { metricsContextSchema, resolveMetricsContext } from '@orion/contracts';
import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
import { TenancyService } from '@orion/tenancy';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { seededRandom } from '../../../test/support/random.js';
import { customersModule, type CustomersDatabase } from '../src/index.js';
import { customersMetricsQuery, platformCustomersMetricsQuery } from '../src/customers-metrics-query.js';
import { listQuery } from '../src/customers-service.js';

const context = resolveMetricsContext(
  metricsContextSchema.parse({ dateFrom: '2026-03-01T00:00:00Z', dateTo: '2026-03-31T00:00:00Z', includeTrends: true }),
);

describeEachDatabase('customers query plans', (dialect) => {
  const hosts = useTestHosts(dialect);

  async function seed() {
    const { orion } = await hosts.start({ modules: [customersModule] });
    const db = orion.db as Kysely<CustomersDatabase>;
    const tenancy = new TenancyService(db);
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
    const random = seededRandom(11);
    const start = Date.parse('2025-06-01T00:00:00.000Z');
    const at = () => new Date(start + random.int(0, 365) * 86_400_000 + random.int(0, 86_399_999)).toISOString();
    const names = ['ada', 'grace', 'alan', 'edsger', 'barbara', 'donald', 'margaret', 'ken', 'dennis', 'frances'];
    const customers = Array.from({ length: 24_000 }, (_, i) => {
      const first = random.pick(names);
      const createdAt = at();
      return {
        // The store the plans are read for is a small one (60 customers): a store's range must beat walking the table.
        store_id: i % 400 === 0 ? storeIds[0]! : storeIds[1 + (i % 39)]!,
        email: `${first}.${i}@example.com`,
        first_name: first,
        last_name: `Family${i}`,
        name_key: `${first} family${i}`,
        phone: null,
        locale: null,
        is_active: true,
        first_order_at: createdAt,
        last_order_at: createdAt,
        orders_count: 1,
        created_at: createdAt,
        updated_at: createdAt,
      };
    });
    for (let i = 0; i < customers.length; i += 1_000)
      await db
        .insertInto('customers')
        .values(customers.slice(i, i + 1_000))
        .execute();
    const ids = await db.selectFrom('customers').select(['id', 'store_id']).execute();
    const activity = ids.flatMap((row) =>
      [1, 2].map(() => ({ store_id: row.store_id, customer_id: row.id, placed_at: at() })),
    );
    for (let i = 0; i < activity.length; i += 1_000)
      await db
        .insertInto('customer_order_activity')
        .values(activity.slice(i, i + 1_000))
        .execute();
    // Statistics, and on PostgreSQL the visibility map index-only scans rely on (what autovacuum keeps).
    await (dialect === 'postgres' ? sql`vacuum analyze` : sql`analyze`).execute(db);
    return { db, storeId: storeIds[0]!, platformId: platform.id };
  }

  async function plan(db: Kysely<CustomersDatabase>, query: { compile(): CompiledQuery }): Promise<string[]> {
    const compiled = query.compile();
    const prefix = dialect === 'sqlite' ? 'explain query plan ' : 'explain ';
    const result = await db.executeQuery<Record<string, string>>(
      CompiledQuery.raw(prefix + compiled.sql, [...compiled.parameters]),
    );
    return result.rows.map((row) => (dialect === 'sqlite' ? row.detail! : row['QUERY PLAN']!));
  }

  /** Every read of the module's tables goes through an index (or the primary key); none scans a table. */
  function expectIndexedReads(lines: string[], indexes: string[]): void {
    const text = lines.join('\n');
    if (dialect === 'sqlite') {
      const reads = lines.filter((line) => /^(SCAN|SEARCH) (customers|customer_order_activity)\b/.test(line));
      expect(reads.length, text).toBeGreaterThan(0);
      for (const line of reads)
        expect(line, text).toMatch(/^SEARCH \w+ USING (COVERING INDEX \w+|INDEX \w+|INTEGER PRIMARY KEY) \(/);
    } else {
      expect(text).not.toMatch(/Seq Scan on (customers|customer_order_activity)\b/);
    }
    for (const index of indexes) expect(text).toContain(index);
  }

  it('answers the store dashboard from index ranges', async () => {
    const { db, storeId } = await seed();
    for (const scope of [{ storeId }]) {
      const lines = await plan(db, customersMetricsQuery(db, scope, context));
      expectIndexedReads(lines, ['customers_store_created_idx', 'customer_order_activity_store_placed_previous_idx']);
      // all-time customers: the per-store rows the database keeps, not one index entry per customer
      const text = lines.join('\n');
      expect(text).toMatch(/customers_store_totals/);
      expect(text).not.toMatch(/customers_store_id_idx|SEARCH customers USING COVERING INDEX \w+ \(store_id=\?\)/);
      if (dialect === 'sqlite') {
        // The active and returning counts read the covering index alone.
        const activity = lines.filter((line) => /customer_order_activity\b/.test(line) && /^SEARCH/.test(line));
        for (const line of activity)
          expect(line).toMatch(
            /COVERING INDEX customer_order_activity_store_placed_previous_idx \((store_id=\?|store_id=\? AND placed_at>\? AND placed_at<\?)\)/,
          );
      } else {
        const text = lines.join('\n');
        expect(text).toMatch(/Index Only Scan using customer_order_activity_store_placed_previous_idx/);
        expect(text).toMatch(/Index Cond: .*placed_at >=/);
      }
    }
  });

  it('answers the platform dashboard from its rollups, one primary-key range per window day, and cut days from rows', async () => {
    const { db, platformId } = await seed();
    // whole days: the platform's own rows only (customers_005_platform_rollups)
    const days = await plan(db, platformCustomersMetricsQuery(db, platformId, context));
    const text = days.join('\n');
    if (dialect === 'sqlite') {
      expect(
        days.filter((line) => /^(SCAN|SEARCH) (customers|customer_order_activity)\b/.test(line)),
        text,
      ).toEqual([]);
      expect(text).toMatch(/SEARCH customers_platform_totals USING INTEGER PRIMARY KEY \(rowid=\?\)/);
      expect(text).toMatch(
        /SEARCH customers_platform_daily_totals USING PRIMARY KEY \(platform_id=\? AND day>\? AND day<\?\)/,
      );
      // one range per day of the window, not the platform's rows
      expect(text).toMatch(/SEARCH r USING PRIMARY KEY \(platform_id=\? AND day=\? AND previous_day>\?\)/);
      expect(text).not.toMatch(/SCAN customers_platform/);
    } else {
      expect(text).not.toMatch(/on (customers|customer_order_activity)\b/);
      expect(text).toMatch(/Index Cond: \(\(platform_id = \d+\) AND \(day = w\.day\) AND \(previous_day >= \d+\)\)/);
      // (the daily rows of this one-platform test are few: PostgreSQL may read them whole)
      expect(text).not.toMatch(/Seq Scan on customers_platform_activity_days/);
    }
    // cut days: the rows of those days across the platform's stores, from (placed_at, …) and
    // (created_at, …), each store's membership probed; the next orders from (customer_id, placed_at, id)
    const cut = resolveMetricsContext(
      metricsContextSchema.parse({
        dateFrom: '2026-03-01T05:06:07.089Z',
        dateTo: '2026-03-30T21:00:00Z',
        includeTrends: true,
      }),
    );
    const cutLines = await plan(db, platformCustomersMetricsQuery(db, platformId, cut));
    const cutText = cutLines.join('\n');
    for (const index of [
      'customer_order_activity_placed_idx',
      'customers_created_idx',
      'customer_order_activity_customer_placed_idx',
    ])
      expect(cutText).toContain(index);
    // (not one range per member store; SQLite may skip-scan the per-store index over this test's 40 stores)
    expect(cutText).not.toMatch(
      /customers_store_created_idx|customer_order_activity_store_placed_previous_idx \(store_id=/,
    );
    if (dialect === 'sqlite') {
      // nothing scanned but the window's days and the subqueries' own rows (c, n); each membership
      // probed by (platform, active, store)
      expect(
        cutLines.filter((line) => /^SCAN /.test(line) && !/^SCAN (CONSTANT ROW|w|c|n)$/.test(line)),
        cutText,
      ).toEqual([]);
      expect(cutText).toMatch(/customer_order_activity_placed_idx \(placed_at>\? AND placed_at<\?\)/);
      expect(cutText).toMatch(/customers_created_idx \(created_at>\? AND created_at<\?\)/);
      expect(cutText).not.toMatch(/store_platforms\w* \(platform_id=\?\)/);
    } else {
      expect(cutText).not.toMatch(/Seq Scan on (customers|customer_order_activity)\b/);
    }
  }, 120_000);

  it('lists a store’s customers newest first from (store_id, id), and searches e-mail and name prefixes by index', async () => {
    const { db, storeId } = await seed();
    const page = (input: { search?: string; before?: number }) =>
      listQuery(db, { storeId, ...input })
        .selectAll()
        .limit(51);
    // SQLite walks (store_id, id) backwards; PostgreSQL may as well sort the store's range read from another (store_id, …) index.
    for (const lines of [await plan(db, page({})), await plan(db, page({ before: 5_000 }))]) {
      expectIndexedReads(lines, dialect === 'sqlite' ? ['customers_store_id_idx'] : []);
      if (dialect === 'postgres') expect(lines.join('\n')).toMatch(/Index Cond: \(+store_id = \d+\)/);
    }
    const emailIndex = dialect === 'sqlite' ? 'sqlite_autoindex_customers_1' : 'customers_store_email_key';
    const search = await plan(db, page({ search: 'grace.1' }));
    expectIndexedReads(search, [emailIndex, 'customers_store_name_idx']);
    if (dialect === 'sqlite') {
      expect(search.join('\n')).toMatch(/email>\? AND email<\?/);
      expect(search.join('\n')).toMatch(/name_key>\? AND name_key<\?/);
    } else {
      expect(search.join('\n')).toMatch(/Index Cond: .*\(email\)::text >= /);
      expect(search.join('\n')).toMatch(/Index Cond: .*\(name_key\)::text >= /);
    }
  });
});
