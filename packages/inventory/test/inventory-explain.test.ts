import { CompiledQuery, sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { nowTimestamp, type AnyDatabase } from '@orion/contracts';
import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
import { platformInventoryQuery, storeInventoryQuery } from '../src/inventory-metrics-provider.js';
import { InventoryService, inventoryModule } from '../src/index.js';

const stores = 60;
const itemsPerStore = 100;

/** 60 stores with 100 items each (6,000 rows), all on platform 1, in multi-row batches. */
async function seed(db: Kysely<AnyDatabase>): Promise<void> {
  const now = nowTimestamp();
  await db.insertInto('platforms').values({ code: 'p', name: 'P', created_at: now }).execute();
  await db.insertInto('merchants').values({ name: 'M', created_at: now }).execute();
  for (let s = 1; s <= stores; s++) {
    await db
      .insertInto('stores')
      .values({ merchant_id: 1, code: `s${s}`, name: `S${s}`, default_currency: 'EUR', created_at: now })
      .execute();
    await db.insertInto('store_platforms').values({ store_id: s, platform_id: 1, created_at: now }).execute();
    const rows = Array.from({ length: itemsPerStore }, (_, i) => ({
      store_id: s,
      sku: `SKU-${i}`,
      location: i % 4 === 0 ? 'shop' : 'default',
      quantity: (i % 13) - 3,
      low_stock_threshold: i % 5,
      updated_at: now,
    }));
    await db.insertInto('inventory_items').values(rows).execute();
  }
  await new InventoryService(db).rebuildStoreTotals();
}

async function plan(db: Kysely<AnyDatabase>, dialect: 'sqlite' | 'postgres', query: CompiledQuery): Promise<string> {
  const prefix = dialect === 'sqlite' ? 'explain query plan ' : 'explain ';
  const result = await db.executeQuery<Record<string, unknown>>(
    CompiledQuery.raw(prefix + query.sql, [...query.parameters]),
  );
  return result.rows.map((row) => String(dialect === 'sqlite' ? row.detail : row['QUERY PLAN'])).join('\n');
}

describeEachDatabase('inventory metric query plans', (dialect) => {
  const hosts = useTestHosts(dialect);

  it("answers the store dashboard from the store's totals row, by its primary key", async () => {
    const { orion } = await hosts.start({ modules: [inventoryModule] });
    await seed(orion.db);
    if (dialect === 'postgres') await sql`analyze`.execute(orion.db);

    const storePlan = await plan(orion.db, dialect, storeInventoryQuery(orion.db, 17).compile());
    expect(storePlan).not.toMatch(/inventory_items/);
    if (dialect === 'sqlite') {
      expect(storePlan).toMatch(/SEARCH inventory_store_totals USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    } else {
      expect(storePlan).toMatch(/(Index|Seq) Scan .*on inventory_store_totals/);
    }
  });

  it("answers the platform dashboard from the platform's own totals row, by its primary key", async () => {
    const { orion } = await hosts.start({ modules: [inventoryModule] });
    await seed(orion.db);
    // 1,000 more platforms, each with three of the sixty stores, so that the platform totals fill
    // pages and reading one row by its key is the plan PostgreSQL picks too.
    const now = nowTimestamp();
    const platforms = 1_000;
    await orion.db
      .insertInto('platforms')
      .values(Array.from({ length: platforms }, (_, p) => ({ code: `q${p}`, name: `Q${p}`, created_at: now })))
      .execute();
    await orion.db
      .insertInto('store_platforms')
      .values(
        Array.from({ length: platforms }, (_, p) =>
          [0, 20, 40].map((offset) => ({ store_id: ((p + offset) % stores) + 1, platform_id: p + 2, created_at: now })),
        ).flat(),
      )
      .execute();
    expect(await orion.db.selectFrom('inventory_platform_totals').select('platform_id').execute()).toHaveLength(
      platforms + 1,
    );
    if (dialect === 'postgres') await sql`analyze`.execute(orion.db);

    const platformPlan = await plan(orion.db, dialect, platformInventoryQuery(orion.db, 2).compile());
    expect(platformPlan).not.toMatch(/inventory_items|inventory_store_totals|store_platforms/);
    if (dialect === 'sqlite') {
      expect(platformPlan).toMatch(/SEARCH inventory_platform_totals USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    } else {
      expect(platformPlan).toMatch(/Index Scan using inventory_platform_totals_pkey on inventory_platform_totals/);
    }
  });
});
