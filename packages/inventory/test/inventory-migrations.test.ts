import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { inventoryStockWriterRef, nowTimestamp } from '@orion/contracts';
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

  async function withStore(): Promise<{ db: Kysely<any>; storeId: number }> {
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

  it('drops the table on the way down', async () => {
    const { db } = await withStore();
    await inventoryModule.migrations.inventory_001_create_tables!.down!(db);
    expect((await db.introspection.getTables()).map((table) => table.name)).not.toContain('inventory_items');
  });
});
