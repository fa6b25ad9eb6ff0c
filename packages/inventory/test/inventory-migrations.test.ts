import { readFileSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { inventoryStockWriterRef, nowTimestamp, type AnyDatabase } from '@orion/contracts';
import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
import { inventoryModule } from '../src/index.js';

it('declares an optional module that requires tenancy, named after its package', () => {
  const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
    orion: { export: string };
  };
  expect(inventoryModule).toMatchObject({
    code: 'inventory',
    name: 'Inventory',
    isCore: false,
    isInternal: false,
    requires: ['tenancy'],
  });
  expect(inventoryModule.version).toBe(packageJson.version);
  expect(packageJson.orion.export).toBe('inventoryModule');
  expect(Object.keys(inventoryModule.migrations)).toEqual([
    'inventory_001_create_tables',
    'inventory_002_create_store_totals',
    'inventory_003_store_totals_triggers',
    'inventory_004_platform_totals',
    'inventory_005_seek_triggers',
  ]);
  expect(typeof inventoryModule.migrations.inventory_001_create_tables?.down).toBe('function');
  expect(inventoryModule.provides.map((provision) => provision.ref.id)).toEqual([inventoryStockWriterRef.id]);
  expect(inventoryModule.permissions.map((permission) => permission.code)).toEqual([
    'inventory.stock.view',
    'inventory.stock.manage',
    'inventory.reservations.manage',
  ]);
  expect(inventoryModule.menuItems).toEqual([
    expect.objectContaining({ frontend: 'store', path: '/inventory', permission: 'inventory.stock.view' }),
  ]);
});

describeEachDatabase('inventory migrations', (dialect) => {
  const hosts = useTestHosts(dialect);

  async function withStore(): Promise<{ db: Kysely<AnyDatabase>; storeId: number }> {
    const { orion } = await hosts.start({ modules: [inventoryModule] });
    const now = nowTimestamp();
    const merchant = await orion.db
      .insertInto('merchants')
      .values({ name: 'M', created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const store = await orion.db
      .insertInto('stores')
      .values({ merchant_id: merchant.id, code: 's', name: 'S', default_currency: 'EUR', created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { db: orion.db, storeId: store.id };
  }

  it('creates inventory_items with NOT NULL columns and defaults for location, reservations and threshold', async () => {
    const { db, storeId } = await withStore();
    const table = (await db.introspection.getTables()).find((candidate) => candidate.name === 'inventory_items')!;
    expect(table.columns.map((column) => column.name).sort()).toEqual(
      [
        'id',
        'location',
        'low_stock_threshold',
        'quantity',
        'reserved_quantity',
        'sku',
        'store_id',
        'updated_at',
      ].sort(),
    );
    for (const column of table.columns.filter((column) => column.name !== 'id')) {
      expect({ column: column.name, nullable: column.isNullable }).toEqual({ column: column.name, nullable: false });
    }
    const row = await db
      .insertInto('inventory_items')
      .values({ store_id: storeId, sku: 'A-1', quantity: 4, updated_at: nowTimestamp() })
      .returningAll()
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ location: 'default', reserved_quantity: 0, low_stock_threshold: 0 });
  });

  it('enforces the store foreign key, the unique (store_id, sku, location) index and the range checks', async () => {
    const { db, storeId } = await withStore();
    const insert = (values: Record<string, unknown>) =>
      db
        .insertInto('inventory_items')
        .values({ store_id: storeId, sku: 'A-1', quantity: 1, updated_at: nowTimestamp(), ...values })
        .execute();
    await insert({});
    await expect(insert({})).rejects.toThrow();
    await expect(insert({ location: 'default' })).rejects.toThrow();
    await insert({ location: 'shop' });
    await expect(insert({ store_id: 987_654, sku: 'B' })).rejects.toThrow();
    for (const bad of [
      { sku: '' },
      { sku: 'C', location: '' },
      { sku: 'C', quantity: 1_000_000_001 },
      { sku: 'C', quantity: -1_000_000_001 },
      { sku: 'C', reserved_quantity: -1 },
      { sku: 'C', low_stock_threshold: -1 },
    ]) {
      await expect(insert(bad)).rejects.toThrow();
    }
    await insert({ sku: 'C', quantity: -1_000_000_000, low_stock_threshold: 1_000_000_000 });

    // Items go with their store.
    await db.deleteFrom('stores').where('id', '=', storeId).execute();
    expect(await db.selectFrom('inventory_items').selectAll().execute()).toEqual([]);
  });

  it('fills the per-store totals from the items already there, and drops only them going down', async () => {
    const { db, storeId } = await withStore();
    const item = (sku: string, location: string, quantity: number, low_stock_threshold: number) => ({
      store_id: storeId,
      sku,
      location,
      quantity,
      low_stock_threshold,
      updated_at: nowTimestamp(),
    });
    await db
      .insertInto('inventory_items')
      .values([
        item('A', 'default', 10, 2),
        item('A', 'shop', 2, 2),
        item('B', 'default', 0, 5),
        item('C', 'shop', -3, 0),
      ])
      .execute();
    const migration = inventoryModule.migrations.inventory_002_create_store_totals!;
    await migration.down!(db);
    expect((await db.introspection.getTables()).map((table) => table.name)).not.toContain('inventory_store_totals');
    await migration.up(db);
    const rows = await db.selectFrom('inventory_store_totals').selectAll().execute();
    expect(rows.map((row) => ({ ...row, total_units: Number(row.total_units) }))).toEqual([
      { store_id: storeId, total_units: 12, skus: 3, low_stock: 1, out_of_stock: 2, locations: 2 },
    ]);
  });

  it('fills the per-platform totals from the store totals there, keeps them through a store deletion, and drops them going down', async () => {
    const { db, storeId } = await withStore();
    const now = nowTimestamp();
    const other = await db
      .insertInto('stores')
      .values({ merchant_id: 1, code: 't', name: 'T', default_currency: 'EUR', created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('platforms')
      .values([
        { code: 'p', name: 'P', created_at: now },
        { code: 'q', name: 'Q', created_at: now },
      ])
      .execute();
    const item = (store: number, sku: string, quantity: number) => ({
      store_id: store,
      sku,
      quantity,
      low_stock_threshold: 2,
      updated_at: now,
    });
    await db
      .insertInto('inventory_items')
      .values([item(storeId, 'A', 10), item(storeId, 'B', 1), item(other.id, 'A', 0)])
      .execute();
    // store 1 on both platforms, the other store on platform 1 only, and inactive on platform 2
    await db
      .insertInto('store_platforms')
      .values([
        { store_id: storeId, platform_id: 1, is_active: true, created_at: now },
        { store_id: storeId, platform_id: 2, is_active: true, created_at: now },
        { store_id: other.id, platform_id: 1, is_active: true, created_at: now },
        { store_id: other.id, platform_id: 2, is_active: false, created_at: now },
      ])
      .execute();
    const platformRows = async () =>
      (
        await sql<Record<string, unknown>>`select * from inventory_platform_totals order by platform_id`.execute(db)
      ).rows.map((found) =>
        Object.fromEntries(Object.entries(found).map(([column, value]) => [column, Number(value)])),
      );
    const row = (platform_id: number, total_units: number, skus: number, low_stock: number, out_of_stock: number) => ({
      platform_id,
      total_units,
      skus,
      low_stock,
      out_of_stock,
      locations: skus === 1 ? 1 : platform_id === 1 ? 2 : 1,
    });
    const both = [row(1, 11, 3, 1, 1), row(2, 11, 2, 1, 0)];
    expect(await platformRows()).toEqual(both);

    const migration = inventoryModule.migrations.inventory_004_platform_totals!;
    await migration.down!(db);
    expect((await db.introspection.getTables()).map((table) => table.name)).not.toContain('inventory_platform_totals');
    await db
      .insertInto('inventory_items')
      .values(item(other.id, 'C', 4))
      .execute();
    await migration.up(db);
    const withC = [row(1, 15, 4, 1, 1), row(2, 11, 2, 1, 0)];
    expect(await platformRows()).toEqual(withC);

    // deleting a store (its memberships, items and totals go with it) counts it out of each platform once
    await db.deleteFrom('stores').where('id', '=', storeId).execute();
    expect(await platformRows()).toEqual([{ ...row(1, 4, 2, 0, 1), locations: 1 }]);
    await db.deleteFrom('stores').where('id', '=', other.id).execute();
    expect(await platformRows()).toEqual([]);
  });

  it('drops the table on the way down', async () => {
    const { db } = await withStore();
    await inventoryModule.migrations.inventory_001_create_tables!.down!(db);
    expect((await db.introspection.getTables()).map((table) => table.name)).not.toContain('inventory_items');
  });
});
