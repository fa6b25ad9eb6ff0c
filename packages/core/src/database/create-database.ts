import { isAbsolute, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import {
  DATABASE_BUSY_WAIT_MS,
  OrionError,
  sqlDialectOf,
  type Logger,
  type SqlDialect,
  type AnyDatabase,
} from '@orion/contracts';
import { optionalFeatures, requireOptional } from '../discovery/optional-dependency.js';
import { RetryingSqliteDialect, sqliteBusyTimeoutMs } from './retrying-sqlite-dialect.js';
import { SqliteBooleanPlugin } from './sqlite-boolean-plugin.js';
import { withStatementCache } from './sqlite-statement-cache.js';

/** Where Orion keeps its data: a connection string or a Kysely instance the app already has. */
export type DatabaseOption = string | Kysely<AnyDatabase>;

/** The default database: an SQLite file in the working directory. */
export const DEFAULT_DATABASE = 'sqlite:orion.db';

/** The SQLite instances {@link openDatabase} opened, whose connection binds booleans itself. */
const bindingBooleans = new WeakSet<Kysely<AnyDatabase>>();

/** An open database and whether Orion owns (and so closes) it. */
export interface OrionDatabase {
  db: Kysely<AnyDatabase>;
  dialect: SqlDialect;
  /** Closes the connection when Orion opened it; leaves an app's own instance open. */
  close(): Promise<void>;
}

/**
 * Opens `sqlite:<file>`, `sqlite::memory:` or a `postgres://` URL, or adopts a Kysely instance.
 *
 * PostgreSQL connections the server closes while idle are logged to `logger` and replaced.
 * SQLite files run in WAL mode, so other processes read while one writes; a write waits for another
 * process's write lock without blocking the event loop, for up to 5 s ({@link RetryingSqliteDialect},
 * then `ORION_ERR_DATABASE_BUSY`). They reuse prepared statements and bind booleans as 1/0
 * ({@link withStatementCache}). Within
 * one process, every opening of a file shares one connection ({@link sharedSqlite}). An app's own
 * SQLite Kysely instance gets {@link SqliteBooleanPlugin} for the booleans instead.
 *
 * @throws OrionError `ORION_ERR_DATABASE_INVALID` for anything else.
 *   `ORION_ERR_OPTIONAL_DEPENDENCY_MISSING` for a `postgres://` URL when `pg` is not installed.
 */
export function openDatabase(
  option: DatabaseOption = DEFAULT_DATABASE,
  cwd = process.cwd(),
  logger?: Logger,
): OrionDatabase {
  if (typeof option !== 'string') {
    if (typeof (option as { selectFrom?: unknown })?.selectFrom !== 'function') {
      throw new OrionError('ORION_ERR_DATABASE_INVALID', { value: typeof option });
    }
    const dialect = sqlDialectOf(option);
    const bindsBooleans = dialect === 'postgres' || bindingBooleans.has(option);
    const db = bindsBooleans ? option : option.withPlugin(new SqliteBooleanPlugin());
    return { db, dialect, close: async () => {} };
  }
  if (option.startsWith('sqlite:')) {
    const target = option.slice('sqlite:'.length);
    if (target === '') throw new OrionError('ORION_ERR_DATABASE_INVALID', { value: JSON.stringify(option) });
    const file = target === ':memory:' ? ':memory:' : isAbsolute(target) ? target : resolve(cwd, target);
    return file === ':memory:' ? openSqlite(file) : sharedSqlite(file);
  }
  if (/^postgres(ql)?:\/\//.test(option)) {
    // pg is an optional peer, loaded here on first use (openDatabase is synchronous, so with require)
    const { Pool } = requireOptional<typeof pg>(optionalFeatures.postgres, 'pg');
    const pool = new Pool({ connectionString: option, max: 10 });
    // An idle connection the server ends (a restart, a terminated backend) is reported here; without
    // a listener Node would treat it as an unhandled error and stop the process.
    pool.on('error', (error) => logger?.warn('A PostgreSQL connection was closed by the server', { error }));
    const db = new Kysely<AnyDatabase>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  throw new OrionError('ORION_ERR_DATABASE_INVALID', { value: JSON.stringify(redact(option)) });
}

function openSqlite(file: string): OrionDatabase {
  // Opening may wait for another process synchronously (the server is not answering yet); every
  // later lock is waited for asynchronously (RetryingSqliteDialect).
  const database = new SQLite(file, { timeout: DATABASE_BUSY_WAIT_MS });
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma(`busy_timeout = ${sqliteBusyTimeoutMs}`);
  const db = new Kysely<AnyDatabase>({
    dialect: new RetryingSqliteDialect({ database: withStatementCache(database), connection: database }),
  });
  bindingBooleans.add(db);
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

/** SQLite files open in this process: one connection each, shared by every `openDatabase` of the file. */
const openFiles = new Map<string, { opened: OrionDatabase; users: number }>();

/**
 * The process's connection to `file`, opened on first use and closed when its last user closes.
 *
 * Two connections to one file in one process would compete for SQLite's write lock against each
 * other (each waiting, polling, for a transaction of its own process). One shared connection runs
 * one query at a time (Kysely's connection lock), and transactions from several hosts take turns;
 * only other processes are waited for ({@link RetryingSqliteDialect}).
 */
function sharedSqlite(file: string): OrionDatabase {
  let entry = openFiles.get(file);
  if (!entry) openFiles.set(file, (entry = { opened: openSqlite(file), users: 0 }));
  entry.users++;
  const shared = entry;
  let closed = false;
  return {
    db: shared.opened.db,
    dialect: 'sqlite',
    close: async () => {
      if (closed) return;
      closed = true;
      if (--shared.users > 0) return;
      openFiles.delete(file);
      await shared.opened.close();
    },
  };
}

function redact(value: string): string {
  return value.replace(/\/\/[^@/]*@/, '//***@');
}
