/**
 * A database with the tenancy tables, for this package's integration tests: a fresh SQLite file or
 * PostgreSQL database from the shared test support, opened the way the host opens it (so SQLite has
 * the boolean plugin), and migrated with the tenancy migrations.
 */
import { Migrator, sql, type Kysely } from 'kysely';
import { sqlDialectOf, type AnyDatabase } from '@orion/contracts';
import { createTestDatabase, type TestDialect } from '../../../test/support/databases.js';
import { openDatabase } from '../../core/src/database/create-database.js';
import { tenancyModule } from '../src/index.js';

/** An open, migrated database; `destroy()` closes it and drops it. */
export interface TenancyTestDatabase {
  dialect: TestDialect;
  db: Kysely<AnyDatabase>;
  migrator: Migrator;
  destroy(): Promise<void>;
}

/**
 * A Migrator over the tenancy migrations, with the host's table names for this module.
 *
 * On PostgreSQL it names the connection's current schema: without a schema, kysely's Migrator
 * looks for its tables in every schema of the database, so a concurrent test's schema that already
 * has `orion_migrations_tenancy` makes it skip creating its own.
 */
export async function createTenancyMigrator(db: Kysely<AnyDatabase>): Promise<Migrator> {
  let migrationTableSchema: string | undefined;
  if (sqlDialectOf(db) === 'postgres') {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    migrationTableSchema = rows[0]?.schema;
  }
  return new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(tenancyModule.migrations) },
    migrationTableName: 'orion_migrations_tenancy',
    migrationLockTableName: 'orion_migrations_tenancy_lock',
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
}

/** Creates a database of `dialect` and applies every tenancy migration. */
export async function createTenancyTestDatabase(dialect: TestDialect): Promise<TenancyTestDatabase> {
  const testDatabase = await createTestDatabase(dialect);
  const { db, ...opened } = openDatabase(testDatabase.url);
  const destroy = async () => {
    await opened.close();
    await testDatabase.drop();
  };
  const migrator = await createTenancyMigrator(db);
  const { error } = await migrator.migrateToLatest();
  if (error) {
    await destroy();
    throw new Error('The tenancy migrations failed', { cause: error });
  }
  return { dialect, db, migrator, destroy };
}
