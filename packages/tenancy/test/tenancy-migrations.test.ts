import { readFileSync } from 'node:fs';
import { NO_MIGRATIONS, sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { isOrionError, isUniqueViolation, nowTimestamp, toBoolean } from '@orion/contracts';
import { describeEachDatabase } from '../../../test/support/databases.js';
import { tenancyModule } from '../src/index.js';
import { createTenancyTestDatabase, type TenancyTestDatabase } from './tenancy-test-database.js';

const tenancyTables = [
  'merchants',
  'platforms',
  'store_domains',
  'store_platforms',
  'store_users',
  'stores',
  'tenancy_platform_merchants',
  'tenancy_platform_stores',
  'tenancy_platform_team_members',
  'tenancy_platform_totals',
  'users',
];

it('declares a core module named after its package, with conventionally named migrations', () => {
  const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
    orion: { export: string };
  };
  expect(tenancyModule).toMatchObject({
    code: 'tenancy',
    name: 'Tenancy',
    isCore: true,
    isInternal: false,
    requires: [],
  });
  expect(tenancyModule.version).toBe(packageJson.version);
  expect(packageJson.orion.export).toBe('tenancyModule');
  const names = Object.keys(tenancyModule.migrations);
  expect(names.slice(0, 4)).toEqual([
    'tenancy_001_create_tables',
    'tenancy_002_platform_team_members',
    'tenancy_003_store_deletion',
    'tenancy_004_platform_stores',
  ]);
  // numbered in order, from 001, without gaps
  expect(names.map((name) => /^tenancy_(\d{3})_[a-z0-9_]+$/.exec(name)?.[1])).toEqual(
    names.map((_, index) => String(index + 1).padStart(3, '0')),
  );
  expect(tenancyModule.permissions.map((permission) => permission.code)).toContain('tenancy.stores.view');
  expect(typeof tenancyModule.migrations.tenancy_001_create_tables?.down).toBe('function');
});

describeEachDatabase('tenancy migrations', (dialect) => {
  let database: TenancyTestDatabase;

  beforeAll(async () => {
    database = await createTenancyTestDatabase(dialect);
  });
  afterAll(async () => {
    await database?.destroy();
  });

  /** This database's tables; on PostgreSQL introspection also lists concurrent tests' schemas. */
  async function ownTables() {
    const tables = await database.db.introspection.getTables();
    if (dialect === 'sqlite') return tables;
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db);
    return tables.filter((table) => table.schema === rows[0]!.schema);
  }

  async function tableNames(): Promise<string[]> {
    return (await ownTables())
      .map((table) => table.name)
      .filter((name) => tenancyTables.includes(name))
      .sort();
  }

  it('creates every table with NOT NULL columns and the defaults for flags', async () => {
    expect(await tableNames()).toEqual(tenancyTables);
    const stores = (await ownTables()).find((table) => table.name === 'stores')!;
    for (const column of stores.columns.filter((column) => column.name !== 'id')) {
      expect({ column: column.name, nullable: column.isNullable }).toEqual({ column: column.name, nullable: false });
    }

    const db = database.db;
    const now = nowTimestamp();
    const merchant = await db
      .insertInto('merchants')
      .values({ name: 'M', created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const store = await db
      .insertInto('stores')
      .values({ merchant_id: merchant.id, code: 'defaults', name: 'D', default_currency: 'EUR', created_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    expect(toBoolean(store.is_active)).toBe(true);
    const domain = await db
      .insertInto('store_domains')
      .values({ store_id: store.id, domain: 'defaults.example.com', created_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    expect(toBoolean(domain.is_verified)).toBe(false);
    await expect(db.insertInto('merchants').values({ name: null, created_at: now }).execute()).rejects.toThrow();
  });

  it('enforces foreign keys and unique constraints in the database', async () => {
    const db = database.db;
    const now = nowTimestamp();
    await expect(
      db
        .insertInto('stores')
        .values({ merchant_id: 987_654, code: 'orphan', name: 'O', default_currency: 'EUR', created_at: now })
        .execute(),
    ).rejects.toThrow();

    const platform = await db
      .insertInto('platforms')
      .values({ code: 'p', name: 'P', created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const duplicate = await db
      .insertInto('platforms')
      .values({ code: 'p', name: 'P again', created_at: now })
      .execute()
      .catch((error: unknown) => error);
    expect(isUniqueViolation(duplicate)).toBe(true);
    expect(isOrionError(duplicate)).toBe(false);

    const store = await db.selectFrom('stores').select('id').where('code', '=', 'defaults').executeTakeFirstOrThrow();
    await db
      .insertInto('store_platforms')
      .values({ store_id: store.id, platform_id: platform.id, created_at: now })
      .execute();
    const twice = await db
      .insertInto('store_platforms')
      .values({ store_id: store.id, platform_id: platform.id, created_at: now })
      .execute()
      .catch((error: unknown) => error);
    expect(isUniqueViolation(twice)).toBe(true);
  });

  it('indexes the platform membership lookup', async () => {
    const indexes =
      dialect === 'sqlite'
        ? await sql<{
            name: string;
          }>`select name from sqlite_master where type = 'index' and tbl_name = 'store_platforms'`.execute(database.db)
        : await sql<{
            name: string;
          }>`select indexname as name from pg_indexes where tablename = 'store_platforms' and schemaname = current_schema()`.execute(
            database.db,
          );
    expect(indexes.rows.map((row) => row.name)).toContain('store_platforms_platform_active_store_idx');
  });

  it('fills the per-platform stores and merchants (tenancy_004) from the rows already there', async () => {
    const db = database.db;
    const down = await database.migrator.migrateTo('tenancy_003_store_deletion');
    expect(down.error).toBeUndefined();
    expect(await tableNames()).not.toContain('tenancy_platform_stores');
    const now = nowTimestamp();
    const [north, south] = await db
      .insertInto('platforms')
      .values([
        { code: 'fill-north', name: 'North', created_at: now },
        { code: 'fill-south', name: 'South', created_at: now },
      ])
      .returning('id')
      .execute();
    const [m1, m2] = await db
      .insertInto('merchants')
      .values([
        { name: 'Fill 1', created_at: now },
        { name: 'Fill 2', created_at: now },
      ])
      .returning('id')
      .execute();
    const stores = await db
      .insertInto('stores')
      .values(
        [
          [m1!.id, true],
          [m1!.id, false],
          [m2!.id, true],
          [m2!.id, true],
        ].map(([merchant, isActive], index) => ({
          merchant_id: merchant as number,
          code: `fill-${index}`,
          name: `Fill ${index}`,
          is_active: isActive as boolean,
          default_currency: 'EUR',
          created_at: now,
        })),
      )
      .returning('id')
      .execute();
    // north: stores 0, 1 (merchant 1; one inactive) and 2 (merchant 2); store 3's membership is
    // inactive. south: store 3 only.
    await db
      .insertInto('store_platforms')
      .values(
        [
          [0, north, true],
          [1, north, true],
          [2, north, true],
          [3, north, false],
          [3, south, true],
        ].map(([store, platform, isActive]) => ({
          store_id: stores[store as number]!.id,
          platform_id: (platform as { id: number }).id,
          is_active: isActive as boolean,
          created_at: now,
        })),
      )
      .execute();

    const up = await database.migrator.migrateToLatest();
    expect(up.error).toBeUndefined();
    const rows = await db
      .selectFrom('tenancy_platform_stores')
      .select(['platform_id', 'stores', 'active_stores', 'merchants'])
      .where('platform_id', 'in', [north!.id, south!.id])
      .orderBy('platform_id')
      .execute();
    expect(rows).toEqual([
      { platform_id: north!.id, stores: 3, active_stores: 2, merchants: 2 },
      { platform_id: south!.id, stores: 1, active_stores: 1, merchants: 1 },
    ]);
    const merchants = await db
      .selectFrom('tenancy_platform_merchants')
      .select(['platform_id', 'merchant_id', 'stores'])
      .where('platform_id', 'in', [north!.id, south!.id])
      .orderBy(['platform_id', 'merchant_id'])
      .execute();
    expect(merchants).toEqual([
      { platform_id: north!.id, merchant_id: m1!.id, stores: 2 },
      { platform_id: north!.id, merchant_id: m2!.id, stores: 1 },
      { platform_id: south!.id, merchant_id: m2!.id, stores: 1 },
    ]);
  });

  it('migrates down to nothing and up again', async () => {
    const down = await database.migrator.migrateTo(NO_MIGRATIONS);
    expect(down.error).toBeUndefined();
    expect(down.results).toEqual(
      Object.keys(tenancyModule.migrations)
        .reverse()
        .map((migrationName) => ({ migrationName, direction: 'Down', status: 'Success' })),
    );
    expect(await tableNames()).toEqual([]);

    const up = await database.migrator.migrateToLatest();
    expect(up.error).toBeUndefined();
    expect(await tableNames()).toEqual(tenancyTables);
  });
});
