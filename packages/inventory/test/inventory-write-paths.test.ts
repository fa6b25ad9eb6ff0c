/**
 * Every write path keeps the inventory dashboards exact (issue 12): seeded random writes through the
 * service, the stock writer and plain SQL (multi-row inserts, updates of quantity, threshold, SKU,
 * location and store, deletes, `COPY` on PostgreSQL), interleaved with membership flips, moves and
 * deletes and store deletions (which cascade to memberships, items and totals), and no rebuild call;
 * then every figure of every store and platform dashboard, and every row of the platform totals the
 * database keeps, is compared with numbers computed in plain TypeScript from the rows the test
 * wrote, and a rebuild changes nothing. The same writes without the platform triggers of
 * `inventory_004_platform_totals` fail the comparison.
 */
import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import type { AnyDatabase } from '@orion/contracts';
import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
import type { ComparableMetric } from '../../../test/support/metric-oracle.js';
import { seededRandom } from '../../../test/support/random.js';
import { seedTenancy, type TenancyFixture } from '../../../test/support/tenancy-fixture.js';
import {
  compareDashboards,
  copyRows,
  flipMembership,
  MembershipModel,
  type WritePathContext,
} from '../../../test/support/write-paths.js';
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

type Dialect = 'sqlite' | 'postgres';
type Orion = Parameters<typeof compareDashboards>[0];

/** The five figures of the inventory dashboards, in the columns of both totals tables. */
const figures = ['total_units', 'skus', 'low_stock', 'out_of_stock', 'locations'] as const;

/**
 * Runs `steps` seeded random writes on a fresh host's database, then compares every store and
 * platform dashboard and every `inventory_platform_totals` row with numbers computed from the rows
 * the test wrote (throwing on the first difference), and returns a check that compares them again.
 */
async function writeAndCompare(orion: Orion, dialect: Dialect, steps: number): Promise<() => Promise<void>> {
  const db = orion.db;
  const random = seededRandom(20_261_202);
  const fixture = await seedTenancy(db, random, { platforms: 4, merchants: 4, stores: 16 });
  const memberships = new MembershipModel(fixture);
  const inventory = new InventoryService(db);
  const writer = new InventoryStockWriterService();
  const items = new Map<string, Item>();
  const keyOf = (storeId: number, sku: string, location: string) => `${storeId}|${sku}|${location}`;
  const storeIds = () => fixture.stores.map((store) => store.id);
  const quantity = () => random.pick([-3, 0, 0, 1, 2, 4, 7, 15, 40]);
  const freeKey = () => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const key = { storeId: random.pick(storeIds()), sku: random.pick(skus), location: random.pick(locations) };
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

  for (let step = 0; step < steps; step++) {
    const op = random.int(0, 12);
    if (op === 10 && dialect !== 'postgres') continue;
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
      const storeId = random.pick(storeIds());
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
      const next = { storeId: random.pick(storeIds()), sku: random.pick(skus), location: random.pick(locations) };
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
    } else if (op === 11) {
      name = await moveMembership(db, random, fixture, memberships);
    } else if (op === 12 && fixture.stores.length > 10) {
      // deleting a store cascades to its memberships, items and totals row: one subtraction each
      const gone = random.chance(0.4)
        ? [random.pick(fixture.stores).id, random.pick(fixture.stores).id]
        : [random.pick(fixture.stores).id];
      name = `sql delete stores ${gone.join(', ')}`;
      await db.deleteFrom('stores').where('id', 'in', gone).execute();
      fixture.stores.splice(0, fixture.stores.length, ...fixture.stores.filter((store) => !gone.includes(store.id)));
      for (const platformId of fixture.platformIds) {
        for (const storeId of gone) memberships.set(storeId, platformId, undefined);
      }
      for (const [key, other] of items) if (gone.includes(other.storeId)) items.delete(key);
    } else {
      continue;
    }
    done.add(op);
    expect(name).toBeTruthy();
  }
  expect(done.size).toBe(dialect === 'postgres' ? 13 : 12);

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
  const context: WritePathContext = {
    dateFrom: new Date(Date.now() - 86_400_000),
    dateTo: new Date(),
    includeTrends: true,
  };
  const platformRows = async () =>
    (
      await sql<Record<'platform_id' | (typeof figures)[number], number | string>>`
          select platform_id, ${sql.raw(figures.join(', '))} from inventory_platform_totals order by platform_id`.execute(
        db,
      )
    ).rows.map((row) => [Number(row.platform_id), ...figures.map((figure) => Number(row[figure]))]);
  const compare = async () => {
    expect(await compareDashboards(orion, 'inventory', fixture, memberships, context, expected)).toBeGreaterThan(30);
    // the platform rows hold exactly what a fill computes: one per platform with an item, none at zero
    const platforms = fixture.platformIds
      .map((platformId) => [platformId, ...expected(memberships.activeStoreIds(platformId)).map((m) => m.value)])
      .filter((row) => row[2] !== 0);
    expect(await platformRows()).toEqual(platforms);
  };
  await compare();
  return compare;
}

/**
 * Moves one random membership, in SQL: to another platform the store is not on, or to another store
 * not on that platform (the flag travels with it). Returns what it did, for the failure message.
 */
async function moveMembership(
  db: Kysely<AnyDatabase>,
  random: ReturnType<typeof seededRandom>,
  fixture: TenancyFixture,
  model: MembershipModel,
): Promise<string> {
  const storeId = random.pick(fixture.stores).id;
  const platformId = random.pick(fixture.platformIds);
  const isActive = model.get(storeId, platformId);
  if (isActive === undefined) return 'no membership to move';
  const toPlatform = random.chance(0.5);
  const target = toPlatform
    ? { storeId, platformId: random.pick(fixture.platformIds) }
    : { storeId: random.pick(fixture.stores).id, platformId };
  if (model.get(target.storeId, target.platformId) !== undefined) return 'no free place to move to';
  await db
    .updateTable('store_platforms')
    .set({ store_id: target.storeId, platform_id: target.platformId })
    .where('store_id', '=', storeId)
    .where('platform_id', '=', platformId)
    .execute();
  model.set(storeId, platformId, undefined);
  model.set(target.storeId, target.platformId, isActive);
  return `sql move ${storeId}:${platformId} to ${target.storeId}:${target.platformId}`;
}

describeEachDatabase('inventory write paths', (dialect) => {
  const hosts = useTestHosts(dialect);

  it('keeps every dashboard figure exact through services, SQL and COPY, and a rebuild changes nothing', async () => {
    const { orion } = await hosts.start({ modules: [inventoryModule] });
    const compare = await writeAndCompare(orion, dialect, 260);

    const db = orion.db;
    const totals = async () => ({
      stores: await db.selectFrom('inventory_store_totals').selectAll().orderBy('store_id').execute(),
      platforms: await sql`select * from inventory_platform_totals order by platform_id`.execute(db),
    });
    const kept = await totals();
    await new InventoryService(db).rebuildStoreTotals();
    expect(await totals()).toEqual(kept);
    // `orion rebuild inventory`: refills the platform rows from empty, to the same rows
    await sql`delete from inventory_platform_totals`.execute(db);
    await inventoryModule.rebuild!({ db });
    expect(await totals()).toEqual(kept);
    await compare();
  });

  it('fails the same comparison without the platform triggers', async () => {
    const { orion } = await hosts.start({ modules: [inventoryModule] });
    for (const [trigger, table] of [
      ['inventory_platform_totals_insert', 'inventory_store_totals'],
      ['inventory_platform_totals_update', 'inventory_store_totals'],
      ['inventory_platform_totals_delete', 'inventory_store_totals'],
      ['inventory_platform_membership_insert', 'store_platforms'],
      ['inventory_platform_membership_update', 'store_platforms'],
      ['inventory_platform_membership_leave', 'store_platforms'],
      ['inventory_platform_membership_join', 'store_platforms'],
      ['inventory_platform_membership_delete', 'store_platforms'],
    ]) {
      await sql
        .raw(`drop trigger if exists ${trigger}${dialect === 'postgres' ? ` on ${table}` : ''}`)
        .execute(orion.db);
    }
    await expect(writeAndCompare(orion, dialect, 260)).rejects.toThrow(/platformId/);
  });
});
