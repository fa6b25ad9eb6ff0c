/**
 * Every write path keeps the inventory dashboards exact (issue 12): seeded random writes through the
 * service, the stock writer and plain SQL (multi-row inserts, updates of quantity, threshold, SKU,
 * location and store, deletes, `COPY` on PostgreSQL), interleaved with membership flips, and no
 * rebuild call; then every figure of every store and platform dashboard is compared with numbers
 * computed in plain TypeScript from the rows the test wrote, and a rebuild changes nothing.
 */
import { expect, it } from 'vitest';
import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
import type { ComparableMetric } from '../../../test/support/metric-oracle.js';
import { seededRandom } from '../../../test/support/random.js';
import { seedTenancy } from '../../../test/support/tenancy-fixture.js';
import { compareDashboards, copyRows, flipMembership, MembershipModel } from '../../../test/support/write-paths.js';
import { InventoryService, InventoryStockWriterService, inventoryModule } from '../src/index.js';

interface Item {
  storeId: number;
  sku: string;
  location: string;
  quantity: number;
  threshold: number;
}

const skus = ['A', 'B', 'C', 'D', 'E', 'F'];
const locations = ['default', 'north', 'south', 'east'];

describeEachDatabase('inventory write paths', (dialect) => {
  const hosts = useTestHosts(dialect);

  it('keeps every dashboard figure exact through services, SQL and COPY, and a rebuild changes nothing', async () => {
    const { orion } = await hosts.start({ modules: [inventoryModule] });
    const db = orion.db;
    const random = seededRandom(20_261_202);
    const fixture = await seedTenancy(db, random, { platforms: 3, merchants: 4, stores: 14 });
    const memberships = new MembershipModel(fixture);
    const inventory = new InventoryService(db);
    const writer = new InventoryStockWriterService();
    const items = new Map<string, Item>();
    const keyOf = (storeId: number, sku: string, location: string) => `${storeId}|${sku}|${location}`;
    const storeIds = fixture.stores.map((store) => store.id);
    const quantity = () => random.pick([-3, 0, 0, 1, 2, 4, 7, 15, 40]);
    const freeKey = () => {
      for (let attempt = 0; attempt < 50; attempt++) {
        const key = { storeId: random.pick(storeIds), sku: random.pick(skus), location: random.pick(locations) };
        if (!items.has(keyOf(key.storeId, key.sku, key.location))) return key;
      }
      return undefined;
    };
    const keyFields = (item: Item) => ({ storeId: item.storeId, sku: item.sku, location: item.location });
    const pickItem = () => (items.size ? random.pick([...items.values()]) : undefined);
    const moveTo = (item: Item, next: Partial<Item>) => {
      items.delete(keyOf(item.storeId, item.sku, item.location));
      Object.assign(item, next);
      items.set(keyOf(item.storeId, item.sku, item.location), item);
    };
    const done = new Set<number>();

    for (let step = 0; step < 220; step++) {
      const op = random.int(0, dialect === 'postgres' ? 10 : 9);
      let name: string;
      const item = pickItem();
      if (op === 0) {
        name = 'service set stock';
        const key = random.chance(0.5) && item ? item : freeKey();
        if (!key) continue;
        const threshold = random.chance(0.5) ? random.int(0, 5) : undefined;
        const saved = await inventory.setStock({
          storeId: key.storeId,
          sku: key.sku,
          location: key.location,
          quantity: quantity(),
          ...(threshold === undefined ? {} : { lowStockThreshold: threshold }),
        });
        items.set(keyOf(key.storeId, key.sku, key.location), {
          storeId: key.storeId,
          sku: key.sku,
          location: key.location,
          quantity: saved.quantity,
          threshold: saved.lowStockThreshold,
        });
      } else if (op === 1 && item) {
        name = 'service adjust';
        const saved = await inventory.adjustStock({ ...keyFields(item), delta: random.int(-6, 6) });
        item.quantity = saved.quantity;
      } else if (op === 2 && item) {
        name = 'service threshold';
        const saved = await inventory.setLowStockThreshold({ ...keyFields(item), threshold: random.int(0, 8) });
        item.threshold = saved.lowStockThreshold;
      } else if (op === 3) {
        name = 'stock writer';
        const storeId = random.pick(storeIds);
        const levels = new Map<string, { sku: string; location: string; quantity: number }>();
        for (let i = random.int(1, 5); i > 0; i--) {
          const level = { sku: random.pick(skus), location: random.pick(locations), quantity: quantity() };
          levels.set(`${level.sku}|${level.location}`, level);
        }
        await db.transaction().execute((trx) => writer.setStock(trx, storeId, [...levels.values()]));
        for (const level of levels.values()) {
          const existing = items.get(keyOf(storeId, level.sku, level.location));
          if (existing) existing.quantity = level.quantity;
          else items.set(keyOf(storeId, level.sku, level.location), { storeId, ...level, threshold: 0 });
        }
      } else if (op === 4 || op === 5) {
        name = 'sql insert';
        const rows = new Map<string, Item>();
        for (let i = random.int(1, 10); i > 0; i--) {
          const key = freeKey();
          if (!key) continue;
          const row = { ...key, quantity: quantity(), threshold: random.int(0, 5) };
          rows.set(keyOf(key.storeId, key.sku, key.location), row);
        }
        if (rows.size === 0) continue;
        await db
          .insertInto('inventory_items')
          .values(
            [...rows.values()].map((row) => ({
              store_id: row.storeId,
              sku: row.sku,
              location: row.location,
              quantity: row.quantity,
              low_stock_threshold: row.threshold,
              updated_at: new Date().toISOString(),
            })),
          )
          .execute();
        for (const [key, row] of rows) items.set(key, row);
      } else if (op === 6 && item) {
        name = 'sql update quantities of a store';
        const change = random.int(-5, 5);
        const threshold = random.int(0, 6);
        await db
          .updateTable('inventory_items')
          .set((eb) => ({ quantity: eb('quantity', '+', change), low_stock_threshold: threshold }))
          .where('store_id', '=', item.storeId)
          .execute();
        for (const other of items.values()) {
          if (other.storeId === item.storeId) Object.assign(other, { quantity: other.quantity + change, threshold });
        }
      } else if (op === 7 && item) {
        name = 'sql move sku, location or store';
        const next = { storeId: random.pick(storeIds), sku: random.pick(skus), location: random.pick(locations) };
        if (items.has(keyOf(next.storeId, next.sku, next.location))) continue;
        await db
          .updateTable('inventory_items')
          .set({ store_id: next.storeId, sku: next.sku, location: next.location })
          .where('store_id', '=', item.storeId)
          .where('sku', '=', item.sku)
          .where('location', '=', item.location)
          .execute();
        moveTo(item, next);
      } else if (op === 8 && item) {
        name = 'sql delete';
        const all = random.chance(0.3);
        await db
          .deleteFrom('inventory_items')
          .where('store_id', '=', item.storeId)
          .$if(!all, (query) => query.where('sku', '=', item.sku))
          .execute();
        for (const [key, other] of items) {
          if (other.storeId === item.storeId && (all || other.sku === item.sku)) items.delete(key);
        }
      } else if (op === 9) {
        name = await flipMembership(db, random, fixture, memberships);
      } else if (op === 10) {
        name = 'copy';
        const rows = new Map<string, Item>();
        for (let i = random.int(1, 15); i > 0; i--) {
          const key = freeKey();
          if (key) rows.set(keyOf(key.storeId, key.sku, key.location), { ...key, quantity: quantity(), threshold: 2 });
        }
        if (rows.size === 0) continue;
        await copyRows(
          db,
          'inventory_items',
          ['store_id', 'sku', 'location', 'quantity', 'low_stock_threshold', 'updated_at'],
          [...rows.values()].map((r) => [
            r.storeId,
            r.sku,
            r.location,
            r.quantity,
            r.threshold,
            new Date().toISOString(),
          ]),
        );
        for (const [key, row] of rows) items.set(key, row);
      } else {
        continue;
      }
      done.add(op);
      expect(name).toBeTruthy();
    }
    expect(done.size).toBeGreaterThanOrEqual(dialect === 'postgres' ? 10 : 9);

    const expected = (storeIds: Set<number>): ComparableMetric[] => {
      const mine = [...items.values()].filter((item) => storeIds.has(item.storeId));
      return [
        { key: 'inventory.total_units', value: mine.reduce((sum, i) => sum + Math.max(i.quantity, 0), 0) },
        { key: 'inventory.skus', value: new Set(mine.map((i) => `${i.storeId}|${i.sku}`)).size },
        { key: 'inventory.low_stock', value: mine.filter((i) => i.quantity > 0 && i.quantity <= i.threshold).length },
        { key: 'inventory.out_of_stock', value: mine.filter((i) => i.quantity <= 0).length },
        { key: 'inventory.locations', value: new Set(mine.map((i) => `${i.storeId}|${i.location}`)).size },
      ];
    };
    const context = { dateFrom: new Date(Date.now() - 86_400_000), dateTo: new Date(), includeTrends: true };
    expect(await compareDashboards(orion, 'inventory', fixture, memberships, context, expected)).toBeGreaterThan(60);

    const totals = () => db.selectFrom('inventory_store_totals').selectAll().orderBy('store_id').execute();
    const kept = await totals();
    await inventory.rebuildStoreTotals();
    expect(await totals()).toEqual(kept);
    await inventoryModule.rebuild!({ db }); // `orion rebuild inventory`
    expect(await totals()).toEqual(kept);
  });
});
