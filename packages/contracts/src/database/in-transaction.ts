import type { AnyDatabase } from './any-database.js';
import type { Kysely, Transaction } from 'kysely';
import { OrionError } from '../errors/orion-error.js';
import { retryWhileDatabaseBusy } from './database-busy.js';

/** Where {@link inTransaction} keeps a transaction's after-commit callbacks; `Symbol.for` so every copy of this package agrees. */
const afterCommitKey = Symbol.for('@orion/contracts.after-commit');

interface AfterCommitQueue {
  state: 'open' | 'committed' | 'rolled-back';
  callbacks: (() => void)[];
}

/**
 * Runs `work` in the caller's transaction when `db` is one, else in a transaction of its own, so a
 * service's writes commit or roll back together with the caller's other writes.
 *
 * A transaction it opens collects {@link afterCommit} callbacks (events published with
 * `{ transaction: trx }`) and runs them once it has committed; on rollback they are dropped. Nested
 * calls with that transaction share its callbacks, which wait for the outermost commit.
 *
 * A transaction it opens is run again from the start, after a short pause that does not block the
 * event loop, when another connection's locks make it fail ({@link isDatabaseBusy}: on SQLite for
 * example `SQLITE_BUSY_SNAPSHOT` when another process wrote since this transaction first read; on
 * PostgreSQL a deadlock, `40P01`, when two transactions update the same totals rows in opposite
 * orders, or a serialization failure, `40001`), for up to {@link DATABASE_BUSY_WAIT_MS} ms in all
 * ({@link retryWhileDatabaseBusy}). So `work` may run more than once: it must only change the
 * database through `trx` and have no other effect that a rollback does not undo; announce anything
 * else with {@link afterCommit}, whose callbacks of a failed attempt are dropped, so they run once,
 * after the commit that succeeded.
 *
 * @throws OrionError `ORION_ERR_DATABASE_BUSY` (503) when the database stayed busy for the whole wait;
 *   any other error of `work` (after a rollback) as it is.
 * @example
 * ```ts
 * import { inTransaction } from '@orion/contracts';
 * await inTransaction(db, async (trx) => {
 *   await trx.insertInto('notes').values({ store_id: storeId, body: 'Call back' }).execute();
 *   await trx.updateTable('note_counts').set((eb) => ({ count: eb('count', '+', 1) })).where('store_id', '=', storeId).execute();
 * });
 * ```
 */
export async function inTransaction<DB, T>(db: Kysely<DB>, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Transaction<DB>);
  return retryWhileDatabaseBusy(() => runTransaction(db, work));
}

/** One attempt of {@link inTransaction}: its own after-commit queue, run only once this attempt commits. */
async function runTransaction<DB, T>(db: Kysely<DB>, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  const queue: AfterCommitQueue = { state: 'open', callbacks: [] };
  let result: T;
  try {
    result = await db.transaction().execute((trx) => {
      Object.defineProperty(trx, afterCommitKey, { value: queue, enumerable: false });
      return work(trx);
    });
  } catch (error) {
    queue.state = 'rolled-back';
    queue.callbacks = [];
    throw error;
  }
  queue.state = 'committed';
  const callbacks = queue.callbacks;
  queue.callbacks = [];
  for (const callback of callbacks) {
    try {
      callback();
    } catch {
      // A callback only schedules work; its own failures are reported where that work runs.
    }
  }
  return result;
}

/**
 * Runs `callback` once the transaction `trx` commits, or never if it rolls back. `trx` must be a
 * transaction {@link inTransaction} opened (from any copy of `@orion/contracts`): a transaction
 * opened otherwise has no commit Orion can see.
 *
 * @throws OrionError `ORION_ERR_EVENT_TRANSACTION_UNKNOWN` when `trx` is not an open transaction of
 *   `inTransaction`.
 * @example
 * ```ts
 * import { afterCommit, inTransaction } from '@orion/contracts';
 * await inTransaction(db, async (trx) => {
 *   await trx.insertInto('notes').values({ store_id: storeId, body: 'Call back' }).execute();
 *   afterCommit(trx, () => console.log('note saved'));
 * });
 * ```
 */
export function afterCommit(trx: Kysely<AnyDatabase>, callback: () => void): void {
  const queue = (trx as unknown as Record<symbol, AfterCommitQueue | undefined>)[afterCommitKey];
  if (!trx.isTransaction || queue === undefined) {
    throw new OrionError('ORION_ERR_EVENT_TRANSACTION_UNKNOWN', {
      reason: 'it was not opened with inTransaction() from @orion/contracts, so its commit can not be observed',
    });
  }
  if (queue.state !== 'open') {
    throw new OrionError('ORION_ERR_EVENT_TRANSACTION_UNKNOWN', {
      reason: `it has already ${queue.state === 'committed' ? 'committed' : 'rolled back'}`,
    });
  }
  queue.callbacks.push(callback);
}
