import type { Kysely, Transaction } from 'kysely';
import { OrionError } from '../errors/orion-error.js';

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
export function afterCommit(trx: Kysely<any>, callback: () => void): void {
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
