import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createOrion, toIsoTimestamp, toNumber, type DashboardStats, type Orion, type OrionOptions } from '@orion/core';
import { ordersModule } from '@orion/orders';
import { sql, type RawBuilder } from 'kysely';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDatabase,
  type TestDialect,
  type TestDatabase,
} from '../../../test/support/databases.js';
import { seedDemo, type DemoData } from '../src/seed/seed-demo.js';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
/** 2,000 orders and ~140 products: the shape of the demo in a few seconds. */
const scale = 0.05;
const dayMs = 86_400_000;
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
/** The cms keeps the seeded media files here (it reads CMS_MEDIA_DIR when a host starts). */
const mediaDir = mkdtempSync(join(tmpdir(), 'orion-demo-media-'));
process.env.CMS_MEDIA_DIR = mediaDir;
afterAll(() => rmSync(mediaDir, { recursive: true, force: true }));

/** Hosts on a fresh database of `dialect`, closed and dropped by `cleanUp`. */
function testHosts(dialect: TestDialect) {
  let database: TestDatabase | undefined;
  const opened: Orion[] = [];
  return {
    /** The app's host: modules discovered from examples/server/package.json, as the app does. */
    async start(options: OrionOptions = {}): Promise<Orion> {
      database ??= await createTestDatabase(dialect);
      const host = await createOrion({ database: database.url, cwd: serverDir, logger: quiet, ...options });
      opened.push(host);
      return host;
    },
    async cleanUp(): Promise<void> {
      await Promise.all(opened.splice(0).map((host) => host.close()));
      await database?.drop();
      database = undefined;
    },
  };
}

const tables = [
  'platforms',
  'merchants',
  'stores',
  'store_platforms',
  'users',
  'store_users',
  'store_domains',
  'products',
  'inventory_items',
  'orders',
  'order_items',
  'marketplace_import_jobs',
  'marketplace_products',
  'marketplace_import_errors',
  'customers',
  'customer_order_activity',
  'cms_pages',
  'cms_media_files',
  'cms_themes',
];

async function rowCounts(orion: Orion, names = tables): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of names) {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(orion.db);
    counts[table] = toNumber(rows[0]!.n);
  }
  return counts;
}

async function rows<T>(orion: Orion, query: RawBuilder<T>): Promise<T[]> {
  return (await query.execute(orion.db)).rows;
}

/** `orders.count` and every `orders.revenue.<CUR>` of a dashboard. */
function orderNumbers(stats: DashboardStats): Record<string, number> {
  expect(stats.failures).toEqual([]);
  return Object.fromEntries(
    (stats.categories.orders ?? [])
      .filter((metric) => metric.key === 'orders.count' || metric.key.startsWith('orders.revenue.'))
      .map((metric) => [metric.key, Number(metric.value)]),
  );
}

/** The same numbers from the rows, for orders matching `scope` (a SQL condition on `o`). */
async function numbersFromRows(
  orion: Orion,
  stats: DashboardStats,
  scope: RawBuilder<unknown>,
): Promise<Record<string, number>> {
  const from = stats.window.dateFrom.toISOString();
  const to = stats.window.dateTo.toISOString();
  const [{ n }] = (await rows<{ n: number | string }>(
    orion,
    sql`select count(*) as n from orders o where ${scope} and o.created_at >= ${from} and o.created_at < ${to}`,
  )) as [{ n: number | string }];
  const revenue = await rows<{ currency: string; total: number | string }>(
    orion,
    sql`select o.currency, sum(o.total_amount) as total from orders o
        where ${scope} and o.created_at >= ${from} and o.created_at < ${to} and o.status not in ('cancelled', 'refunded')
        group by o.currency`,
  );
  return {
    'orders.count': toNumber(n),
    // EUR, CHF and GBP have two minor digits.
    ...Object.fromEntries(revenue.map((row) => [`orders.revenue.${row.currency}`, toNumber(row.total) / 100])),
  };
}

describeEachDatabase('the demo seed', (dialect) => {
  const hosts = testHosts(dialect);
  afterAll(() => hosts.cleanUp());
  let orion: Orion;
  let demo: DemoData;
  let seededAt: number;

  beforeAll(async () => {
    orion = await hosts.start();
    seededAt = Date.now();
    demo = await seedDemo(orion, { scale });
  }, 60_000);

  it('seeds two platforms and stores of several merchants, some on both platforms', async () => {
    expect(orion.registry.codes()).toEqual(
      expect.arrayContaining(['tenancy', 'orders', 'catalog', 'inventory', 'marketplace']),
    );
    expect(demo.seeded).toBe(true);
    expect(demo.platforms.map((platform) => platform.code).sort()).toEqual(['letzshop', 'wholesale']);
    expect(demo.stores.length).toBeGreaterThanOrEqual(24);
    expect(new Set(demo.stores.map((store) => store.merchantName)).size).toBeGreaterThan(3);
    expect(demo.stores.filter((store) => store.platformIds.length === 2).length).toBeGreaterThan(1);
    // platformIds are the active memberships, as tenancy lists them.
    const [letzshop] = demo.platforms;
    const members = await rows<{ store_id: number }>(
      orion,
      sql`select store_id from store_platforms where platform_id = ${letzshop!.id} and is_active = ${true} order by store_id`,
    );
    expect(demo.stores.filter((store) => store.platformIds.includes(letzshop!.id)).map((store) => store.id)).toEqual(
      members.map((member) => member.store_id),
    );
    const inactive = await rows<{ n: number | string }>(
      orion,
      sql`select count(*) as n from store_platforms where is_active = ${false}`,
    );
    expect(toNumber(inactive[0]!.n)).toBeGreaterThan(0);
    const owners = await rows<{ store_id: number; user_id: number }>(
      orion,
      sql`select store_id, user_id from store_users where role = 'owner' and is_active = ${true}`,
    );
    for (const store of demo.stores) {
      expect(owners).toContainEqual({ store_id: store.id, user_id: store.ownerUserId });
    }
  });

  it('seeds orders in several currencies over the past year, older ones mostly delivered', async () => {
    const currencies = await rows<{ currency: string }>(
      orion,
      sql`select distinct currency from orders order by currency`,
    );
    expect(currencies.map((row) => row.currency)).toEqual(['CHF', 'EUR', 'GBP']);
    const [span] = await rows<{ oldest: unknown; newest: unknown; n: number | string }>(
      orion,
      sql`select min(created_at) as oldest, max(created_at) as newest, count(*) as n from orders`,
    );
    expect(toNumber(span!.n)).toBeGreaterThan(1_500);
    const oldest = Date.parse(toIsoTimestamp(span!.oldest));
    const newest = Date.parse(toIsoTimestamp(span!.newest));
    expect(oldest).toBeLessThan(seededAt - 300 * dayMs);
    expect(oldest).toBeGreaterThanOrEqual(seededAt - 366 * dayMs);
    expect(newest).toBeGreaterThan(seededAt - dayMs);
    expect(newest).toBeLessThanOrEqual(Date.now());

    const monthAgo = new Date(seededAt - 30 * dayMs).toISOString();
    const statuses = await rows<{ status: string; old: number | string; recent: number | string }>(
      orion,
      sql`select status,
                 sum(case when created_at < ${monthAgo} then 1 else 0 end) as old,
                 sum(case when created_at >= ${monthAgo} then 1 else 0 end) as recent
          from orders group by status`,
    );
    const of = (status: string, column: 'old' | 'recent') =>
      toNumber(statuses.find((row) => row.status === status)?.[column]);
    const old = statuses.reduce((sum, row) => sum + toNumber(row.old), 0);
    expect(of('delivered', 'old') / old).toBeGreaterThan(0.8);
    expect(of('pending', 'old') + of('paid', 'old')).toBeLessThan(old * 0.02);
    expect(of('pending', 'recent') + of('paid', 'recent') + of('shipped', 'recent')).toBeGreaterThan(0);
    expect(of('cancelled', 'old') + of('cancelled', 'recent')).toBeGreaterThan(0);
    expect(of('refunded', 'old') + of('refunded', 'recent')).toBeGreaterThan(0);
  });

  it('sells in each store’s own currency, skewed: the biggest store has many times the orders of the smallest', async () => {
    const perStore = await rows<{ n: number | string; currencies: number | string; wrong: number | string }>(
      orion,
      sql`select count(*) as n, count(distinct o.currency) as currencies,
                 sum(case when o.currency = s.default_currency then 0 else 1 end) as wrong
          from orders o join stores s on s.id = o.store_id group by o.store_id order by n desc`,
    );
    expect(perStore.every((row) => toNumber(row.currencies) === 1 && toNumber(row.wrong) === 0)).toBe(true);
    expect(toNumber(perStore[0]!.n)).toBeGreaterThan(10 * toNumber(perStore.at(-1)!.n));
  });

  it('gives every order item a SKU that is a product of the order’s store', async () => {
    const [items] = await rows<{ total: number | string; unknown: number | string }>(
      orion,
      sql`select count(*) as total, sum(case when p.id is null then 1 else 0 end) as unknown
          from order_items i join orders o on o.id = i.order_id
          left join products p on p.store_id = o.store_id and p.sku = i.sku`,
    );
    expect(toNumber(items!.total)).toBeGreaterThan(toNumber((await rowCounts(orion, ['orders'])).orders));
    expect(toNumber(items!.unknown)).toBe(0);
    const [flags] = await rows<{ inactive: number | string; featured: number | string }>(
      orion,
      sql`select sum(case when is_active = ${false} then 1 else 0 end) as inactive,
                 sum(case when is_featured = ${true} then 1 else 0 end) as featured from products`,
    );
    expect(toNumber(flags!.featured)).toBeGreaterThan(0);
    expect(toNumber(flags!.inactive)).toBeGreaterThan(0);
  });

  it('keeps stock of the products in more than one location, some low and some out of stock', async () => {
    const [stock] = await rows<{
      locations: number | string;
      low: number | string;
      out: number | string;
      orphans: number | string;
    }>(
      orion,
      sql`select count(distinct i.location) as locations,
                 sum(case when i.quantity > 0 and i.quantity <= i.low_stock_threshold then 1 else 0 end) as low,
                 sum(case when i.quantity <= 0 then 1 else 0 end) as out,
                 sum(case when p.id is null then 1 else 0 end) as orphans
          from inventory_items i left join products p on p.store_id = i.store_id and p.sku = i.sku`,
    );
    expect(toNumber(stock!.locations)).toBeGreaterThan(1);
    expect(toNumber(stock!.low)).toBeGreaterThan(0);
    expect(toNumber(stock!.out)).toBeGreaterThan(0);
    expect(toNumber(stock!.orphans)).toBe(0);
    const perStore = await rows<{ locations: number | string }>(
      orion,
      sql`select count(distinct location) as locations from inventory_items group by store_id`,
    );
    expect(perStore.length).toBe(demo.stores.length);
    expect(perStore.every((row) => toNumber(row.locations) >= 2)).toBe(true);
  });

  it('imports the sample feed: jobs finish, the bad rows are rejected with their reasons, some products are published', async () => {
    const jobs = await rows<{ status: string; error_rows: number | string; imported_rows: number | string }>(
      orion,
      sql`select status, error_rows, imported_rows from marketplace_import_jobs`,
    );
    expect(jobs.length).toBeGreaterThan(2);
    expect(jobs.every((job) => job.status === 'completed' || job.status === 'failed')).toBe(true);
    const completed = jobs.filter((job) => job.status === 'completed');
    expect(completed.length).toBeGreaterThan(2);
    expect(
      completed.every((job) => toNumber(job.error_rows) > 0 && toNumber(job.imported_rows) > toNumber(job.error_rows)),
    ).toBe(true);
    const reasons = await rows<{ reason: string }>(orion, sql`select distinct reason from marketplace_import_errors`);
    expect(reasons.map((row) => row.reason).join('\n')).toMatch(/title is empty/);
    const staged = await rows<{ status: string; n: number | string }>(
      orion,
      sql`select status, count(*) as n from marketplace_products group by status order by status`,
    );
    expect(staged.map((row) => row.status)).toEqual(['published', 'rejected', 'staged']);
    // Published feed products are in the catalog of their store.
    const [missing] = await rows<{ n: number | string }>(
      orion,
      sql`select count(*) as n from marketplace_products m
          left join products p on p.store_id = m.store_id and p.sku = m.sku
          where m.status = 'published' and p.id is null`,
    );
    expect(toNumber(missing!.n)).toBe(0);
  });

  it('shows the same 30-day order count and revenue on a store and an admin dashboard as plain SQL on the rows', async () => {
    const letzshop = demo.platforms.find((platform) => platform.code === 'letzshop')!;
    const monthAgo = new Date(Date.now() - 30 * dayMs).toISOString();
    const [busiest] = await rows<{ store_id: number }>(
      orion,
      sql`select o.store_id from orders o join store_platforms m on m.store_id = o.store_id
          where m.platform_id = ${letzshop.id} and m.is_active = ${true} and o.created_at >= ${monthAgo}
          group by o.store_id order by count(*) desc, o.store_id limit 1`,
    );
    const storeStats = await orion.statsAggregator.getStoreDashboardStats({
      storeId: busiest!.store_id,
      platformId: letzshop.id,
      context: { period: '30d' },
    });
    const storeRows = await numbersFromRows(orion, storeStats, sql`o.store_id = ${busiest!.store_id}`);
    expect(storeRows['orders.count']).toBeGreaterThan(0);
    expect(Object.keys(storeRows).length).toBeGreaterThan(1);
    expect(orderNumbers(storeStats)).toEqual(storeRows);

    const adminStats = await orion.statsAggregator.getAdminDashboardStats({
      platformId: letzshop.id,
      context: { period: '30d' },
    });
    const adminRows = await numbersFromRows(
      orion,
      adminStats,
      sql`o.store_id in (select store_id from store_platforms where platform_id = ${letzshop.id} and is_active = ${true})`,
    );
    expect(adminRows['orders.count']).toBeGreaterThan(storeRows['orders.count']!);
    expect(Object.keys(adminRows).length).toBeGreaterThan(2);
    expect(orderNumbers(adminStats)).toEqual(adminRows);
  });

  it('records every order’s customer through the orders path: one per store and e-mail, with consistent first and last orders', async () => {
    expect(orion.registry.codes()).toEqual(expect.arrayContaining(['customers', 'cms']));
    // Every order has its activity row, and every (store, e-mail) of the orders is one customer.
    const [totals] = await rows<{
      orders: number | string;
      activity: number | string;
      customers: number | string;
      pairs: number | string;
    }>(
      orion,
      sql`select (select count(*) from orders) as orders, (select count(*) from customer_order_activity) as activity,
                 (select count(*) from customers) as customers,
                 (select count(*) from (select distinct store_id, lower(customer_email) as email from orders) p) as pairs`,
    );
    expect(toNumber(totals!.activity)).toBe(toNumber(totals!.orders));
    expect(toNumber(totals!.customers)).toBe(toNumber(totals!.pairs));
    expect(toNumber(totals!.customers)).toBeLessThan(toNumber(totals!.orders));
    // Each customer's count and first and last order are its orders'.
    const [wrong] = await rows<{ n: number | string }>(
      orion,
      sql`select count(*) as n from customers c
          join (select store_id, lower(customer_email) as email, count(*) as n, min(created_at) as first_at, max(created_at) as last_at
                from orders group by store_id, lower(customer_email)) o on o.store_id = c.store_id and o.email = c.email
          where c.orders_count <> o.n or c.first_order_at <> o.first_at or c.last_order_at <> o.last_at or c.created_at <> o.first_at`,
    );
    expect(toNumber(wrong!.n)).toBe(0);
    // Customers who ordered in several months make returning customers on the dashboards.
    const letzshop = demo.platforms.find((platform) => platform.code === 'letzshop')!;
    const stats = await orion.statsAggregator.getAdminDashboardStats({
      platformId: letzshop.id,
      context: { period: '90d', includeTrends: true },
    });
    expect(stats.failures).toEqual([]);
    const value = (key: string) => Number(stats.categories.customers?.find((metric) => metric.key === key)?.value);
    expect(value('customers.total')).toBeGreaterThan(value('customers.active'));
    expect(value('customers.active')).toBeGreaterThan(value('customers.returning'));
    expect(value('customers.returning')).toBeGreaterThan(0);
    expect(value('customers.new')).toBeGreaterThan(0);
  });

  it('writes pages for stores and platforms (some drafts), PNG media files into the media directory and some themes', async () => {
    const pages = await rows<{
      store_id: number | null;
      platform_id: number | null;
      status: string;
      body_html: string;
    }>(orion, sql`select store_id, platform_id, status, body_html from cms_pages`);
    const memberStores = demo.stores.filter((store) => store.platformIds.length > 0);
    expect(new Set(pages.filter((page) => page.store_id !== null).map((page) => page.store_id)).size).toBe(
      memberStores.length,
    );
    expect(new Set(pages.filter((page) => page.platform_id !== null).map((page) => page.platform_id)).size).toBe(
      demo.platforms.length,
    );
    expect(pages.filter((page) => page.status === 'draft').length).toBeGreaterThan(0);
    expect(pages.filter((page) => page.status === 'published').length).toBeGreaterThan(pages.length / 2);
    expect(pages.find((page) => page.body_html.includes('<strong>'))).toBeDefined();

    const media = await rows<{ storage_name: string; content_type: string; bytes: number | string }>(
      orion,
      sql`select storage_name, content_type, bytes from cms_media_files`,
    );
    expect(media.length).toBeGreaterThan(3);
    for (const file of media) {
      expect(file.content_type).toBe('image/png');
      expect(existsSync(join(mediaDir, file.storage_name))).toBe(true);
    }
    expect(readdirSync(mediaDir).filter((name) => !name.startsWith('.'))).toEqual(
      expect.arrayContaining(media.map((file) => file.storage_name)),
    );

    const themed = await rows<{ theme_code: string }>(orion, sql`select theme_code from cms_themes`);
    expect(themed.length).toBeGreaterThan(2);
    const letzshop = demo.platforms.find((platform) => platform.code === 'letzshop')!;
    const stats = await orion.statsAggregator.getAdminDashboardStats({
      platformId: letzshop.id,
      context: { period: '30d' },
    });
    const value = (key: string) => Number(stats.categories.cms?.find((metric) => metric.key === key)?.value);
    expect(value('cms.pages')).toBeGreaterThan(value('cms.published_pages'));
    expect(value('cms.media_files')).toBeGreaterThan(0);
    expect(value('cms.media_bytes')).toBeGreaterThan(0);
    expect(value('cms.themed_stores')).toBeGreaterThan(0);
  });

  it('writes nothing on a second start', async () => {
    const before = await rowCounts(orion);
    const lines: string[] = [];
    const again = await seedDemo(orion, { scale, log: (line) => lines.push(line) });
    expect(again.seeded).toBe(false);
    expect(again.platforms).toEqual(demo.platforms);
    expect(again.stores).toEqual(demo.stores);
    expect(await rowCounts(orion)).toEqual(before);
    expect(lines.at(-1)).toMatch(/reusing it/);
  });
});

describeEachDatabase('the demo seed, started again', (dialect) => {
  const hosts = testHosts(dialect);
  afterEach(() => hosts.cleanUp());
  const start = (options: OrionOptions = {}) => hosts.start(options);

  it('completes a seed that stopped half-way through the orders', async () => {
    const first = await start();
    const stop = new Error('the process stopped');
    await expect(
      seedDemo(first, {
        scale,
        log: (line) => {
          if (/orders: [\d,]+ \/ /.test(line)) throw stop;
        },
      }),
    ).rejects.toBe(stop);
    const stopped = await rowCounts(first, ['orders', 'products']);
    expect(stopped.orders).toBeGreaterThan(0);
    await first.close();

    const second = await start();
    const lines: string[] = [];
    const resumed = await seedDemo(second, { scale, log: (line) => lines.push(line) });
    expect(resumed.seeded).toBe(true);
    expect(lines).toContain('  catalog: every store has its products already');
    const [, had, placed] =
      /orders: ([\d,]+) orders there already; placing the other ([\d,]+)/.exec(lines.join('\n')) ?? [];
    expect(Number(had?.replace(/,/g, ''))).toBe(stopped.orders);
    const after = await rowCounts(second);
    expect(after.orders).toBe(stopped.orders! + Number(placed?.replace(/,/g, '')));
    expect(after.orders).toBeGreaterThan(stopped.orders!);
    expect(after.marketplace_import_jobs).toBeGreaterThan(0);
    expect((await seedDemo(second, { scale })).seeded).toBe(false);
    expect(await rowCounts(second)).toEqual(after);
  }, 120_000); // two seeds, one writer: the orders triggers keep every summary in the same transaction

  it('seeds only the modules the app has installed', async () => {
    const orion = await start({ modules: [ordersModule], discover: false });
    expect(orion.registry.codes()).toEqual(['tenancy', 'orders']);
    const lines: string[] = [];
    const demo = await seedDemo(orion, { scale: 0.02, log: (line) => lines.push(line) });
    expect(demo.seeded).toBe(true);
    expect((await rowCounts(orion, ['stores', 'orders'])).orders).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toMatch(/catalog|inventory|marketplace|cms/);
    const tables = await orion.db.introspection.getTables();
    expect(tables.map((table) => table.name)).not.toContain('products');
  });
});
