import { readFileSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { isOrionError, isUniqueViolation, nowTimestamp, toBoolean, type AnyDatabase } from '@orion/contracts';
import { TenancyService } from '@orion/tenancy';
import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
import { catalogModule } from '../src/index.js';
import { catalog001CreateTables } from '../src/migrations/catalog-001-create-tables.js';

it('declares an optional module that requires tenancy, provides the product writer and has conventional migrations', () => {
  const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
    orion: { export: string };
  };
  expect(catalogModule).toMatchObject({
    code: 'catalog',
    name: 'Catalog',
    isCore: false,
    isInternal: false,
    requires: ['tenancy'],
  });
  expect(catalogModule.version).toBe(packageJson.version);
  expect(packageJson.orion.export).toBe('catalogModule');
  expect(Object.keys(catalogModule.migrations)).toEqual([
    'catalog_001_create_tables',
    'catalog_002_create_store_totals',
    'catalog_003_store_totals_triggers',
    'catalog_004_platform_rollups',
    'catalog_005_store_deletion',
  ]);
  expect(typeof catalogModule.migrations.catalog_001_create_tables?.down).toBe('function');
  expect(catalogModule.provides.map((provision) => provision.ref.id)).toEqual(['catalog.product-writer']);
  expect(catalogModule.permissions.map((permission) => permission.code)).toEqual([
    'catalog.products.view',
    'catalog.products.manage',
  ]);
  expect(catalogModule.menuItems.map((item) => item.permission)).toEqual(['catalog.products.view']);
});

describeEachDatabase('catalog migrations', (dialect) => {
  const hosts = useTestHosts(dialect);

  async function setUp() {
    const { orion } = await hosts.start({ modules: [catalogModule] });
    const tenancy = new TenancyService(orion.db);
    const merchant = await tenancy.createMerchant({ name: 'Acme' });
    const store = await tenancy.createStore({
      merchantId: merchant.id,
      code: 'acme',
      name: 'Acme',
      defaultCurrency: 'EUR',
    });
    const now = nowTimestamp();
    const product = (values: Record<string, unknown> = {}) => ({
      store_id: store.id,
      sku: 'MUG-01',
      title: 'Mug',
      price: 1299,
      currency: 'EUR',
      created_at: now,
      updated_at: now,
      ...values,
    });
    return { orion, storeId: store.id, product };
  }

  async function productIndexes(db: Kysely<AnyDatabase>): Promise<string[]> {
    const result =
      dialect === 'sqlite'
        ? await sql<{
            name: string;
          }>`select name from sqlite_master where type = 'index' and tbl_name = 'products'`.execute(db)
        : await sql<{
            name: string;
          }>`select indexname as name from pg_indexes where tablename = 'products' and schemaname = current_schema()`.execute(
            db,
          );
    return result.rows.map((row) => row.name);
  }

  it('creates products with NOT NULL columns, flag defaults and the metrics index', async () => {
    const { orion, product } = await setUp();
    const table = (await orion.db.introspection.getTables()).find((candidate) => candidate.name === 'products')!;
    expect(table.columns.map((column) => column.name)).toEqual([
      'id',
      'store_id',
      'sku',
      'title',
      'price',
      'currency',
      'is_active',
      'is_featured',
      'created_at',
      'updated_at',
    ]);
    for (const column of table.columns.filter((column) => column.name !== 'id')) {
      expect({ column: column.name, nullable: column.isNullable }).toEqual({ column: column.name, nullable: false });
    }
    const row = await orion.db.insertInto('products').values(product()).returningAll().executeTakeFirstOrThrow();
    expect(toBoolean(row.is_active)).toBe(true);
    expect(toBoolean(row.is_featured)).toBe(false);
    expect(await productIndexes(orion.db)).toContain('products_store_created_idx');
  });

  it('enforces the store foreign key, the (store_id, sku) unique constraint and the cheap checks', async () => {
    const { orion, storeId, product } = await setUp();
    const db = orion.db;
    await db.insertInto('products').values(product()).execute();

    const duplicate = await db
      .insertInto('products')
      .values(product({ title: 'Again' }))
      .execute()
      .catch((error: unknown) => error);
    expect(isUniqueViolation(duplicate)).toBe(true);
    expect(isOrionError(duplicate)).toBe(false);
    await expect(
      db
        .insertInto('products')
        .values(product({ store_id: 987_654, sku: 'ORPHAN' }))
        .execute(),
    ).rejects.toThrow();
    await expect(
      db
        .insertInto('products')
        .values(product({ sku: 'NEG', price: -1 }))
        .execute(),
    ).rejects.toThrow();
    await expect(
      db
        .insertInto('products')
        .values(product({ sku: 'CUR', currency: 'EU' }))
        .execute(),
    ).rejects.toThrow();
    await expect(
      db
        .insertInto('products')
        .values(product({ sku: 'NULL', title: null }))
        .execute(),
    ).rejects.toThrow();

    // products go with their store
    await db.deleteFrom('store_platforms').where('store_id', '=', storeId).execute();
    await db.deleteFrom('stores').where('id', '=', storeId).execute();
    expect(await db.selectFrom('products').select('id').execute()).toEqual([]);
  });

  it('fills the per-store totals from the products already there, and drops only them going down', async () => {
    const { orion, storeId, product } = await setUp();
    await orion.db
      .insertInto('products')
      .values([
        product({ sku: 'A', is_active: true, is_featured: true }),
        product({ sku: 'B', is_active: true, is_featured: false }),
        product({ sku: 'C', is_active: false, is_featured: true }),
      ])
      .execute();
    const migration = catalogModule.migrations.catalog_002_create_store_totals!;
    await migration.down!(orion.db);
    expect((await orion.db.introspection.getTables()).map((table) => table.name)).not.toContain('catalog_store_totals');
    await migration.up(orion.db);
    expect(await orion.db.selectFrom('catalog_store_totals').selectAll().execute()).toEqual([
      { store_id: storeId, products: 3, active_products: 2, featured_products: 1 },
    ]);
  });

  it('migrates down to nothing and up again', async () => {
    const { orion } = await setUp();
    await catalog001CreateTables.down!(orion.db);
    expect((await orion.db.introspection.getTables()).map((table) => table.name)).not.toContain('products');
    await catalog001CreateTables.up(orion.db);
    expect((await orion.db.introspection.getTables()).map((table) => table.name)).toContain('products');
    expect(await productIndexes(orion.db)).toContain('products_store_created_idx');
  });
});
