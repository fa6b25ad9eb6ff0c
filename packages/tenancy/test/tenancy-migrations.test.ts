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
  expect(Object.keys(tenancyModule.migrations)).toEqual([
    'tenancy_001_create_tables',
    'tenancy_002_platform_team_members',
    'tenancy_003_store_deletion',
  ]);
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

  it('migrates down to nothing and up again', async () => {
    const down = await database.migrator.migrateTo(NO_MIGRATIONS);
    expect(down.error).toBeUndefined();
    expect(down.results).toEqual([
      { migrationName: 'tenancy_003_store_deletion', direction: 'Down', status: 'Success' },
      { migrationName: 'tenancy_002_platform_team_members', direction: 'Down', status: 'Success' },
      { migrationName: 'tenancy_001_create_tables', direction: 'Down', status: 'Success' },
    ]);
    expect(await tableNames()).toEqual([]);

    const up = await database.migrator.migrateToLatest();
    expect(up.error).toBeUndefined();
    expect(await tableNames()).toEqual(tenancyTables);
  });
});
