import type { Kysely, Transaction } from 'kysely';

/**
 * Runs `work` in the caller's transaction when `db` is one, else in a transaction of its own, so a
 * service's writes commit or roll back together with the caller's other writes.
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
export function inTransaction<DB, T>(db: Kysely<DB>, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db as Transaction<DB>) : db.transaction().execute(work);
}
