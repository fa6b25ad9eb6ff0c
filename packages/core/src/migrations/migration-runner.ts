import { OrionError, isDatabaseBusy, sqlDialectOf, type Logger } from '@orion/contracts';
import { Migrator, sql, type Kysely, type Migration, type MigrationResult, type MigrationResultSet } from 'kysely';
import type { ModuleRegistry } from '../registry/module-registry.js';
import { coreMigrations } from './core-migrations.js';

/** One migration's outcome in a {@link MigrationReport}. */
export interface MigrationStep {
  module: string;
  migration: string;
  status: MigrationResult['status'] | 'Pending';
}

/** What {@link MigrationRunner.migrate} did, module by module, in order. */
export interface MigrationReport {
  steps: MigrationStep[];
}

const HOST = 'core';

/**
 * Runs each module's Kysely migrations in dependency order, tracked per module in its own table
 * (`orion_migrations_<code>`), after the host's own. On PostgreSQL, Kysely's Migrator runs each
 * module's batch in one transaction under an advisory lock. Kysely takes no lock on SQLite and runs
 * the batch outside a transaction, so two processes starting on one fresh file would both run it;
 * here each module's batch runs inside `BEGIN IMMEDIATE`, which holds SQLite's write lock: the
 * second process waits (up to the busy timeout), then finds the work done, and a failing migration
 * leaves nothing half-applied.
 */
export class MigrationRunner {
  readonly #db: Kysely<any>;
  readonly #registry: ModuleRegistry;
  readonly #logger: Logger;
  #schema: Promise<string | undefined> | undefined;

  constructor(db: Kysely<any>, registry: ModuleRegistry, logger: Logger) {
    this.#db = db;
    this.#registry = registry;
    this.#logger = logger;
  }

  /**
   * Applies every pending migration; stops at the first failure.
   *
   * @throws OrionError `ORION_ERR_MIGRATION_FAILED` naming the module and the migration.
   */
  async migrate(): Promise<MigrationReport> {
    const steps: MigrationStep[] = [];
    for (const [code, migrations] of this.#migrationSets()) {
      const results = await this.#migrateModule(code, migrations);
      steps.push(
        ...results.map((result) => ({ module: code, migration: result.migrationName, status: result.status })),
      );
    }
    return { steps };
  }

  /** The migrations not applied yet, without applying them (`orion migrate --dry-run`). */
  async pending(): Promise<MigrationStep[]> {
    const pending: MigrationStep[] = [];
    for (const [code, migrations] of this.#migrationSets()) {
      const infos = await (await this.#migrator(code, migrations)).getMigrations();
      for (const info of infos) {
        if (!info.executedAt) pending.push({ module: code, migration: info.name, status: 'Pending' });
      }
    }
    return pending;
  }

  *#migrationSets(): Generator<[string, Record<string, Migration>]> {
    yield [HOST, coreMigrations];
    for (const module of this.#registry.all()) {
      if (Object.keys(module.definition.migrations).length > 0) yield [module.code, module.definition.migrations];
    }
  }

  async #migrator(code: string, migrations: Record<string, Migration>, db: Kysely<any> = this.#db): Promise<Migrator> {
    const table = `orion_migrations_${code.replace(/-/g, '_')}`;
    // On PostgreSQL, pin the bookkeeping tables to the current schema: Kysely otherwise looks for
    // them in every schema, and another schema's copy would hide a missing one here.
    const schema = await (this.#schema ??= this.#currentSchema());
    return new Migrator({
      db,
      provider: { getMigrations: () => Promise.resolve(migrations) },
      migrationTableName: table,
      migrationLockTableName: `${table}_lock`,
      ...(schema ? { migrationTableSchema: schema } : {}),
    });
  }

  async #currentSchema(): Promise<string | undefined> {
    if (sqlDialectOf(this.#db) !== 'postgres') return undefined;
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(this.#db);
    return rows[0]?.schema;
  }

  async #migrateModule(code: string, migrations: Record<string, Migration>): Promise<MigrationResult[]> {
    for (let attempt = 1; ; attempt++) {
      const { error, results = [] } = await this.#migrateToLatest(code, migrations);
      if (!error) {
        for (const result of results) this.#logger.info(`Migrated ${result.migrationName}`, { module: code });
        return results;
      }
      if (attempt < 5 && isBusy(error)) {
        // Another process held the lock for the whole wait, or a deadlock was broken: nothing of
        // ours was applied, so try again.
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
        continue;
      }
      const failed = results.find((result) => result.status === 'Error');
      throw new OrionError(
        'ORION_ERR_MIGRATION_FAILED',
        { code, migration: failed?.migrationName ?? '(migration bookkeeping)', reason: errorMessage(error) },
        { cause: error },
      );
    }
  }

  async #migrateToLatest(code: string, migrations: Record<string, Migration>): Promise<MigrationResultSet> {
    if (sqlDialectOf(this.#db) !== 'sqlite') return (await this.#migrator(code, migrations)).migrateToLatest();
    return this.#db.connection().execute(async (connection) => {
      try {
        await sql`begin immediate`.execute(connection);
      } catch (error) {
        return { error };
      }
      const outcome = await (await this.#migrator(code, migrations, connection)).migrateToLatest();
      await sql.raw(outcome.error ? 'rollback' : 'commit').execute(connection);
      return outcome;
    });
  }
}

/** Another process held SQLite's write lock for the whole wait, or PostgreSQL broke a deadlock. */
function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return isDatabaseBusy(error) || code === 'ORION_ERR_DATABASE_BUSY' || code === '40P01';
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
