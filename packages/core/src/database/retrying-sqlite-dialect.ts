import type { Database } from 'better-sqlite3';
import {
  CompiledQuery,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  type SqliteDialectConfig,
  type TransactionSettings,
} from 'kysely';
import { DATABASE_BUSY_WAIT_MS, isDatabaseBusy, retryWhileDatabaseBusy } from '@orion/contracts';

/**
 * How long one attempt may block the event loop waiting for another process's lock (SQLite's
 * `busy_timeout`), in milliseconds: long enough to absorb a lock held for an instant, short enough
 * that the server keeps answering. Longer waits are asynchronous ({@link RetryingSqliteDialect}).
 */
export const sqliteBusyTimeoutMs = 5;

/** Options of {@link RetryingSqliteDialect}. */
export interface RetryingSqliteDialectConfig extends SqliteDialectConfig {
  /** The better-sqlite3 connection behind `database`, asked whether a transaction is open. */
  connection: Database;
  /** How long to wait for another process's lock, in milliseconds, before `ORION_ERR_DATABASE_BUSY`. */
  waitMs?: number;
}

/**
 * Kysely's SQLite dialect for a file that other processes (the `orion` CLI, a worker) write too.
 *
 * better-sqlite3 waits for a lock synchronously, which stops the whole process. Here a lock is
 * waited for only {@link sqliteBusyTimeoutMs} at a time; beyond that the work is retried after an
 * asynchronous pause ({@link retryWhileDatabaseBusy}), so the event loop keeps turning, and this
 * process's other queries (a dashboard's reads) use the connection during the pauses:
 * - a transaction starts with `BEGIN IMMEDIATE`, which takes the write lock before the
 *   transaction's first statement, so its body never runs without it and never fails halfway with
 *   `SQLITE_BUSY_SNAPSHOT` (a read-then-write transaction started with a plain `BEGIN` does when
 *   another process wrote in between). Only the `BEGIN` is retried: nothing has run yet. A
 *   transaction Kysely opens with `setAccessMode('read only')` starts with a plain `BEGIN`;
 * - a statement outside a transaction (the task queue's claims, single-statement writes) is
 *   retried: a refused statement changed nothing;
 * - a statement inside a transaction is not retried: the whole transaction must start again,
 *   which {@link inTransaction} does.
 *
 * This covers every write through Orion's database, whether it uses `inTransaction`,
 * `db.transaction()` (enablement) or no transaction at all (the task queue), without re-running a
 * transaction's body in the common case.
 */
export class RetryingSqliteDialect extends SqliteDialect {
  readonly #config: RetryingSqliteDialectConfig;

  constructor(config: RetryingSqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new RetryingSqliteDriver(new SqliteDriver(this.#config), this.#config);
  }
}

class RetryingSqliteDriver implements Driver {
  readonly #driver: SqliteDriver;
  readonly #database: Database;
  readonly #waitMs: number | undefined;
  #connection: RetryingConnection | undefined;

  constructor(driver: SqliteDriver, config: RetryingSqliteDialectConfig) {
    this.#driver = driver;
    this.#database = config.connection;
    this.#waitMs = config.waitMs;
  }

  init(): Promise<void> {
    return this.#driver.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    // SQLite has one connection, behind Kysely's mutex; wrap it once.
    const connection = await this.#driver.acquireConnection();
    const lock = { acquire: () => this.#driver.acquireConnection(), release: () => this.#driver.releaseConnection() };
    return (this.#connection ??= new RetryingConnection(connection, this.#database, lock, this.#waitMs));
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    // retried like any statement outside a transaction (RetryingConnection)
    const begin = settings.accessMode === 'read only' ? 'begin' : 'begin immediate';
    await connection.executeQuery(CompiledQuery.raw(begin));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    // SQLite ends a transaction itself after some errors; a second rollback would hide the first error.
    if (this.#database.inTransaction) await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  savepoint(...args: Parameters<SqliteDriver['savepoint']>): Promise<void> {
    return this.#driver.savepoint(...args);
  }

  rollbackToSavepoint(...args: Parameters<SqliteDriver['rollbackToSavepoint']>): Promise<void> {
    return this.#driver.rollbackToSavepoint(...args);
  }

  releaseSavepoint(...args: Parameters<SqliteDriver['releaseSavepoint']>): Promise<void> {
    return this.#driver.releaseSavepoint(...args);
  }

  releaseConnection(): Promise<void> {
    return this.#driver.releaseConnection();
  }

  destroy(): Promise<void> {
    return this.#driver.destroy();
  }
}

/** Takes and gives back Kysely's lock on the one SQLite connection. */
interface ConnectionLock {
  acquire(): Promise<unknown>;
  release(): Promise<void>;
}

class RetryingConnection implements DatabaseConnection {
  readonly #connection: DatabaseConnection;
  readonly #database: Database;
  readonly #lock: ConnectionLock;
  readonly #waitMs: number | undefined;
  /** Settles when the statement waiting for the lock now is done. */
  #waiting: Promise<void> = Promise.resolve();

  constructor(connection: DatabaseConnection, database: Database, lock: ConnectionLock, waitMs: number | undefined) {
    this.#connection = connection;
    this.#database = database;
    this.#lock = lock;
    this.#waitMs = waitMs;
  }

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.#database.inTransaction) return this.#connection.executeQuery(query);
    try {
      // better-sqlite3 runs the statement now, and throws now when the database is busy
      return this.#connection.executeQuery(query);
    } catch (error) {
      if (!isDatabaseBusy(error)) throw error;
      return this.#retry(query);
    }
  }

  /**
   * Runs `query` again until the other process lets go. Between attempts this process's other
   * queries may use the connection (a dashboard's reads go on while a write waits): no
   * transaction is open on it, and each attempt takes it back first. One waiting statement polls
   * at a time; the others queue behind it without polling (each attempt may block for
   * {@link sqliteBusyTimeoutMs}, and a poll per waiting write would add up), their wait counted
   * from when they started.
   */
  async #retry<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const started = Date.now();
    await this.#lock.release();
    const previous = this.#waiting;
    let done!: () => void;
    this.#waiting = new Promise<void>((resolve) => (done = resolve));
    let holding = false;
    try {
      await previous;
      const waitMs = Math.max(0, (this.#waitMs ?? DATABASE_BUSY_WAIT_MS) - (Date.now() - started));
      return await retryWhileDatabaseBusy(
        async () => {
          await this.#lock.acquire();
          holding = true;
          try {
            return await this.#connection.executeQuery<R>(query);
          } catch (error) {
            if (isDatabaseBusy(error)) {
              holding = false;
              await this.#lock.release();
            }
            throw error;
          }
        },
        { waitMs },
      );
    } finally {
      done();
      // whoever called holds the connection when this returns, as when it was called
      if (!holding) await this.#lock.acquire();
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.#connection.streamQuery(query, chunkSize);
  }
}
