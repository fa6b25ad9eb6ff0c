import { OrionError, sqlDialectOf, type Logger } from '@orion/contracts';
import { DEFAULT_DATABASE, openDatabase, type DatabaseOption, type OrionDatabase } from './create-database.js';

const postgresUrl = /^postgres(ql)?:\/\//;

/**
 * Checks `readDatabase` against `database` before anything is opened: a read replica is a
 * PostgreSQL URL or Kysely instance beside a PostgreSQL primary. SQLite is refused rather than
 * ignored: it has no replicas, and every process on one SQLite file already reads that file, so a
 * second SQLite database there would be a different database, not a copy.
 *
 * @throws OrionError `ORION_ERR_VALIDATION` naming what is wrong.
 */
export function checkReadDatabase(
  readDatabase: DatabaseOption | undefined,
  database: DatabaseOption | undefined,
): void {
  if (readDatabase === undefined) return;
  const refuse = (issues: string): never => {
    throw new OrionError('ORION_ERR_VALIDATION', { subject: 'readDatabase option', issues });
  };
  if (!isPostgres(database ?? DEFAULT_DATABASE)) {
    refuse('a read replica needs a PostgreSQL primary (SQLite has no replicas: leave readDatabase out)');
  }
  if (!isPostgres(readDatabase)) refuse('expected a postgres:// URL or a PostgreSQL Kysely instance');
}

/** Opens the read replica checked by {@link checkReadDatabase}, or `undefined` when none is configured. */
export function openReadDatabase(readDatabase: DatabaseOption | undefined, logger: Logger): OrionDatabase | undefined {
  return readDatabase === undefined ? undefined : openDatabase(readDatabase, process.cwd(), logger);
}

function isPostgres(option: DatabaseOption): boolean {
  if (typeof option === 'string') return postgresUrl.test(option);
  if (typeof (option as { selectFrom?: unknown } | null)?.selectFrom !== 'function') return false;
  return sqlDialectOf(option) === 'postgres';
}
