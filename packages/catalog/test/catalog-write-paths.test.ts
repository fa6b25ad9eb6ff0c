/**
 * Every write path keeps the catalog dashboards exact (issue 12): seeded random writes through the
 * service, the product writer and plain SQL (multi-row inserts, updates of flags, store and
 * creation time, deletes, `COPY` on PostgreSQL), interleaved with membership flips, and no rebuild
 * call; then every figure of every store and platform dashboard is compared with numbers computed in
 * plain TypeScript from the rows the test wrote, and a rebuild changes nothing.
 */
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
import { expectedTrend, type ComparableMetric } from '../../../test/support/metric-oracle.js';
import { seededRandom } from '../../../test/support/random.js';
import { seedTenancy } from '../../../test/support/tenancy-fixture.js';
import {
  compareDashboardWindows,
  copyRows,
  flipMembership,
  MembershipModel,
  type WritePathWindow,
} from '../../../test/support/write-paths.js';
import { CatalogProductWriterService, CatalogService, catalogModule } from '../src/index.js';

const DAY = 86_400_000;

interface Product {
  storeId: number;
  sku: string;
  createdAt: number;
  isActive: boolean;
  isFeatured: boolean;
}

describeEachDatabase('catalog write paths', (dialect) => {
  const hosts = useTestHosts(dialect);

  it('keeps every dashboard figure exact through services, SQL and COPY, and a rebuild changes nothing', async () => {
    const { orion } = await hosts.start({ modules: [catalogModule] });
    const db = orion.db;
    const random = seededRandom(20_261_201);
    const fixture = await seedTenancy(db, random, { platforms: 3, merchants: 4, stores: 14 });
    const memberships = new MembershipModel(fixture);
    const catalog = new CatalogService(db);
    const writer = new CatalogProductWriterService();
    const products = new Map<number, Product>();
    const dateTo = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + DAY);
    const dateFrom = new Date(dateTo.getTime() - 10 * DAY);
    const randomTime = () => dateTo.getTime() - random.int(0, 25 * DAY);
    let serial = 0;
    const storeIds = () => fixture.stores.map((store) => store.id);
    const pickIds = (count: number) => {
      const ids = [...products.keys()];
      return Array.from({ length: Math.min(count, ids.length) }, () => random.pick(ids));
    };
    const done = new Map<string, number>();

    for (let step = 0; step < 160; step++) {
      const op = random.int(0, dialect === 'postgres' ? 9 : 8);
      const storeId = random.pick(storeIds());
      let name: string;
      if (op === 0) {
        name = 'service create';
        const product = await catalog.createProduct({
          storeId,
          sku: `S-${++serial}`,
          title: 'Service',
          price: 100,
          currency: 'EUR',
          isActive: random.chance(0.7),
          isFeatured: random.chance(0.4),
        });
        products.set(product.id, {
          storeId,
          sku: product.sku,
          createdAt: Date.parse(product.createdAt),
          isActive: product.isActive,
          isFeatured: product.isFeatured,
        });
      } else if (op === 1 && products.size > 0) {
        name = 'service flags';
        const id = random.pick([...products.keys()]);
        const product = random.chance(0.5)
          ? await catalog.setProductActive(id, random.chance(0.5))
          : await catalog.setProductFeatured(id, random.chance(0.5));
        Object.assign(products.get(id)!, { isActive: product.isActive, isFeatured: product.isFeatured });
      } else if (op === 2) {
        name = 'product writer';
        const known = [...products.entries()].filter(([, p]) => p.storeId === storeId).slice(0, 3);
        const batch = [
          ...known.map(([, p]) => ({
            sku: p.sku,
            title: 'W',
            price: 1,
            currency: 'USD',
            isActive: random.chance(0.5),
          })),
          { sku: `W-${++serial}`, title: 'W', price: 1, currency: 'USD', isActive: random.chance(0.5) },
        ];
        await db.transaction().execute((trx) => writer.upsertProducts(trx, storeId, batch));
        for (const [index, [, p]] of known.entries()) p.isActive = batch[index]!.isActive;
        const created = await db
          .selectFrom('products')
          .select(['id', 'created_at'])
          .where('store_id', '=', storeId)
          .where('sku', '=', batch.at(-1)!.sku)
          .executeTakeFirstOrThrow();
        products.set(created.id, {
          storeId,
          sku: batch.at(-1)!.sku,
          createdAt: new Date(created.created_at).getTime(),
          isActive: batch.at(-1)!.isActive,
          isFeatured: false,
        });
      } else if (op === 3 || op === 4) {
        name = 'sql insert';
        const rows = Array.from({ length: random.int(1, 25) }, () => ({
          store_id: random.pick(storeIds()),
          sku: `Q-${++serial}`,
          title: 'SQL',
          price: random.int(0, 9_999),
          currency: 'EUR',
          is_active: random.chance(0.7),
          is_featured: random.chance(0.4),
          created_at: new Date(randomTime()).toISOString(),
          updated_at: new Date().toISOString(),
        }));
        const inserted = await db.insertInto('products').values(rows).returning('id').execute();
        inserted.forEach(({ id }, index) => {
          const row = rows[index]!;
          products.set(Number(id), {
            storeId: row.store_id,
            sku: row.sku,
            createdAt: Date.parse(row.created_at),
            isActive: row.is_active,
            isFeatured: row.is_featured,
          });
        });
      } else if (op === 5 && products.size > 0) {
        name = 'sql update flags and creation time';
        const ids = [...new Set(pickIds(random.int(1, 12)))];
        const isActive = random.chance(0.5);
        const isFeatured = random.chance(0.5);
        const createdAt = randomTime();
        await db
          .updateTable('products')
          .set({ is_active: isActive, is_featured: isFeatured, created_at: new Date(createdAt).toISOString() })
          .where('id', 'in', ids)
          .execute();
        for (const id of ids) Object.assign(products.get(id)!, { isActive, isFeatured, createdAt });
      } else if (op === 6 && products.size > 0) {
        name = 'sql move to another store';
        const id = random.pick([...products.keys()]);
        await db.updateTable('products').set({ store_id: storeId }).where('id', '=', id).execute();
        products.get(id)!.storeId = storeId;
      } else if (op === 7 && products.size > 0) {
        name = 'sql delete';
        const ids = [...new Set(pickIds(random.int(1, 8)))];
        await db.deleteFrom('products').where('id', 'in', ids).execute();
        for (const id of ids) products.delete(id);
      } else if (op === 8) {
        name = await flipMembership(db, random, fixture, memberships);
      } else if (op === 9) {
        name = 'copy';
        const rows = Array.from({ length: random.int(1, 40) }, () => [
          random.pick(storeIds()),
          `C-${++serial}`,
          'COPY',
          random.int(0, 9_999),
          'USD',
          random.chance(0.7),
          random.chance(0.4),
          new Date(randomTime()).toISOString(),
          new Date().toISOString(),
        ]);
        const columns = [
          'store_id',
          'sku',
          'title',
          'price',
          'currency',
          'is_active',
          'is_featured',
          'created_at',
          'updated_at',
        ];
        await copyRows(db, 'products', columns, rows);
        const copied = await db
          .selectFrom('products')
          .select(['id', 'store_id', 'sku'])
          .where(
            'sku',
            'in',
            rows.map((row) => row[1] as string),
          )
          .execute();
        for (const row of copied) {
          const source = rows.find((r) => r[1] === row.sku && r[0] === row.store_id)!;
          products.set(Number(row.id), {
            storeId: row.store_id as number,
            sku: row.sku as string,
            createdAt: Date.parse(source[7] as string),
            isActive: source[5] as boolean,
            isFeatured: source[6] as boolean,
          });
        }
        expect(copied).toHaveLength(rows.length);
      } else {
        continue;
      }
      done.set(name, (done.get(name) ?? 0) + 1);
    }
    expect(done.size).toBeGreaterThanOrEqual(dialect === 'postgres' ? 9 : 8);

    // the hour-aligned window, and one whose boundaries fall inside days, to the millisecond (the
    // platform dashboard reads whole days from its rollup and the cut days' shorter sides from products)
    const cutTo = new Date(dateTo.getTime() - 7 * 3_600_000 - 12_345);
    const windows = [
      { dateFrom, dateTo },
      { dateFrom: new Date(cutTo.getTime() - 9 * DAY - 13 * 3_600_000 - 678), dateTo: cutTo },
    ];
    const expected =
      (includeTrends: boolean, window: WritePathWindow) =>
      (storeIds: Set<number>): ComparableMetric[] => {
        const mine = [...products.values()].filter((p) => storeIds.has(p.storeId));
        const between = (from: number, to: number) =>
          mine.filter((p) => p.createdAt >= from && p.createdAt < to).length;
        const [from, to] = [window.dateFrom.getTime(), window.dateTo.getTime()];
        const current = between(from, to);
        const previous = between(from - (to - from), from);
        return [
          { key: 'catalog.products', value: mine.length },
          { key: 'catalog.active_products', value: mine.filter((p) => p.isActive).length },
          { key: 'catalog.featured_products', value: mine.filter((p) => p.isActive && p.isFeatured).length },
          { key: 'catalog.new_products', value: current, ...(includeTrends ? expectedTrend(current, previous) : {}) },
        ];
      };
    const compareAll = () => compareDashboardWindows(orion, 'catalog', fixture, memberships, windows, expected);
    expect(await compareAll()).toBeGreaterThan(160);

    // the platform rollups hold exactly what a fill from the rows computes: no row left at zero
    const day = (at: string | Date) => new Date(Math.floor(new Date(at).getTime() / DAY) * DAY).getTime();
    const activeMemberships = fixture.platformIds.flatMap((platformId) =>
      [...memberships.activeStoreIds(platformId)].map((storeId) => [storeId, platformId] as const),
    );
    const dailyExpected = new Map<string, number>();
    const totalsExpected = new Map<number, number[]>();
    for (const [storeId, platformId] of activeMemberships) {
      for (const p of products.values()) {
        if (p.storeId !== storeId) continue;
        const key = `${platformId}/${day(new Date(p.createdAt))}`;
        dailyExpected.set(key, (dailyExpected.get(key) ?? 0) + 1);
        const sums = totalsExpected.get(platformId) ?? [0, 0, 0];
        totalsExpected.set(platformId, [
          sums[0]! + 1,
          sums[1]! + (p.isActive ? 1 : 0),
          sums[2]! + (p.isActive && p.isFeatured ? 1 : 0),
        ]);
      }
    }
    const checkRollups = async () => {
      const dailyRows = await sql<{ platform_id: number; day: string | Date; new_products: number | string }>`
        select platform_id, day, new_products from catalog_platform_daily_totals`.execute(db);
      expect(
        new Map(dailyRows.rows.map((row) => [`${row.platform_id}/${day(row.day)}`, Number(row.new_products)])),
      ).toEqual(dailyExpected);
      const totalRows = await sql<{
        platform_id: number;
        products: number;
        active_products: number;
        featured_products: number;
      }>`
        select platform_id, products, active_products, featured_products from catalog_platform_totals`.execute(db);
      expect(
        new Map(
          totalRows.rows.map((row) => [
            row.platform_id,
            [Number(row.products), Number(row.active_products), Number(row.featured_products)],
          ]),
        ),
      ).toEqual(totalsExpected);
    };
    await checkRollups();

    const totals = () => db.selectFrom('catalog_store_totals').selectAll().orderBy('store_id').execute();
    const kept = await totals();
    await catalog.rebuildStoreTotals();
    expect(await totals()).toEqual(kept);
    await catalogModule.rebuild!({ db }); // `orion rebuild catalog`
    expect(await totals()).toEqual(kept);
    await checkRollups();
    await compareAll();
  });
});
