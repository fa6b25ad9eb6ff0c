/**
 * Waiting for another process's SQLite write lock (issue 14, item 3). better-sqlite3 waits for a
 * lock synchronously, so a process waiting for the write lock used to stop answering altogether
 * (`/health/live` took 6.7 s). Here a real second process holds the lock (`BEGIN IMMEDIATE`, then
 * sleeps) while this one writes: the write waits, and this process's event loop keeps turning.
 */
import { createRequire } from 'node:module';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Kysely, SqliteDialect, type SqliteDatabase } from 'kysely';
import { afterEach, beforeEach, expect, it, describe } from 'vitest';
import { afterCommit, inTransaction, isOrionError, type AnyDatabase } from '../../packages/contracts/src/index.js';
import { openDatabase, type OrionDatabase } from '../../packages/core/src/index.js';
import { RetryingSqliteDialect } from '../../packages/core/src/database/retrying-sqlite-dialect.js';
import { createTestDatabase, type TestDatabase } from '../../packages/testing/src/vitest.js';
import { startWorker } from './processes.js';

/** better-sqlite3, from @orion/core's dependencies. */
interface Connection extends SqliteDatabase {
  pragma(source: string): unknown;
  exec(source: string): void;
  readonly inTransaction: boolean;
}
const SQLite = createRequire(new URL('../../packages/core/package.json', import.meta.url))('better-sqlite3') as new (
  file: string,
) => Connection;

/** How long the other process holds the lock: long enough that a synchronous wait would be obvious. */
const holdMs = 1500;
/**
 * A bound on how long the event loop may be blocked at once: generous (a loaded CI machine stalls
 * a few hundred ms by itself), not a benchmark, and well under the hold a synchronous wait would show.
 */
const blockingBoundMs = 1000;

describe('a write while another process holds the SQLite write lock', () => {
  let database: TestDatabase;
  let opened: OrionDatabase;

  beforeEach(async () => {
    database = await createTestDatabase('sqlite');
    opened = openDatabase(database.url);
    await opened.db.schema.createTable('notes').addColumn('body', 'text').execute();
  });

  afterEach(async () => {
    await opened.close();
    await database.drop();
  });

  function file(): string {
    return database.url.slice('sqlite:'.length);
  }

  it('waits without blocking the event loop, then commits once the lock is free', async () => {
    const holder = startWorker('hold-lock', [file(), holdMs]);
    await holder.ready;
    holder.go();
    await holder.locked;

    const delay = monitorEventLoopDelay({ resolution: 10 });
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    delay.enable();
    try {
      await inTransaction(opened.db, async (trx) => {
        await trx.insertInto('notes').values({ body: 'in a transaction' }).execute();
      });
      await opened.db.insertInto('notes').values({ body: 'on its own' }).execute();
    } finally {
      delay.disable();
      clearInterval(ticker);
    }
    await holder.result;

    // The writes had to wait for the holder's commit: its row is there, and so are ours.
    const rows = await opened.db.selectFrom('notes').select('body').execute();
    expect(rows.map((row) => row.body).sort()).toEqual(['in a transaction', 'on its own']);
    const held = await opened.db
      .selectFrom('lock_holder' as 'notes')
      .selectAll()
      .execute();
    expect(held).toHaveLength(1);
    // A synchronous wait would have frozen the loop for the whole hold (no tick, one long delay).
    expect(ticks).toBeGreaterThan(10);
    expect(delay.max / 1e6).toBeLessThan(blockingBoundMs);
  });

  it('gives up with ORION_ERR_DATABASE_BUSY once its wait is over, having changed nothing', async () => {
    const connection = new SQLite(file());
    connection.pragma('busy_timeout = 5');
    const db = new Kysely<AnyDatabase>({
      dialect: new RetryingSqliteDialect({ database: connection, connection: connection as never, waitMs: 200 }),
    });
    const holder = startWorker('hold-lock', [file(), holdMs]);
    await holder.ready;
    holder.go();
    await holder.locked;
    try {
      const error = await db
        .insertInto('notes')
        .values({ body: 'too late' })
        .execute()
        .catch((caught: unknown) => caught);
      expect(isOrionError(error, 'ORION_ERR_DATABASE_BUSY')).toBe(true);
      const inTransactionError = await inTransaction(db, (trx) =>
        trx.insertInto('notes').values({ body: 'too late' }).execute(),
      ).catch((caught: unknown) => caught);
      expect(isOrionError(inTransactionError, 'ORION_ERR_DATABASE_BUSY')).toBe(true);
    } finally {
      await holder.result;
    }
    expect(await db.selectFrom('notes').selectAll().execute()).toEqual([]);
    await db.destroy();
  });
});

describe('a transaction another process wrote under (SQLITE_BUSY_SNAPSHOT)', () => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await createTestDatabase('sqlite');
  });

  afterEach(async () => {
    await database.drop();
  });

  it('inTransaction runs it again from the start, and its after-commit callbacks run once', async () => {
    const file = database.url.slice('sqlite:'.length);
    const setup = new SQLite(file);
    setup.pragma('journal_mode = WAL');
    setup.exec('create table counters (id integer primary key, value integer not null)');
    setup.exec('insert into counters (id, value) values (1, 0)');
    setup.close();

    // An app's own Kysely instance begins deferred transactions: a read, another writer, then a
    // write fails with SQLITE_BUSY_SNAPSHOT. The other writer stands for another process.
    const connection = new SQLite(file);
    connection.pragma('busy_timeout = 5');
    const other = new SQLite(file);
    other.pragma('busy_timeout = 5');
    const db = new Kysely<AnyDatabase>({ dialect: new SqliteDialect({ database: connection }) });
    let attempts = 0;
    const committed: number[] = [];
    try {
      await inTransaction(db, async (trx) => {
        attempts++;
        const { value } = await trx
          .selectFrom('counters')
          .select('value')
          .where('id', '=', 1)
          .executeTakeFirstOrThrow();
        if (attempts === 1) other.exec('update counters set value = value + 100 where id = 1');
        await trx
          .updateTable('counters')
          .set({ value: value + 1 })
          .where('id', '=', 1)
          .execute();
        afterCommit(trx, () => committed.push(attempts));
      });
      expect(attempts).toBe(2);
      expect(committed).toEqual([2]);
      const { value } = await db.selectFrom('counters').select('value').where('id', '=', 1).executeTakeFirstOrThrow();
      expect(value).toBe(101); // the other writer's 100, then ours on top: no lost update
    } finally {
      other.close();
      await db.destroy();
    }
  });
});
