/**
 * The check a module's writes start with: the store must exist in tenancy's `stores`; and the lock
 * a module takes to recompute per-store totals rows.
 */
import type { Kysely } from 'kysely';
import { OrionError, sqlDialectOf, type AnyDatabase } from '@orion/contracts';
import type { TenancyDatabase } from './schema.js';

/**
 * Throws `ORION_ERR_NOT_FOUND` `{ entity: 'Store', id }` unless store `storeId` exists. Run it on
 * the same `db` (or transaction) as the write that follows.
 *
 * @throws OrionError `ORION_ERR_NOT_FOUND` when the store does not exist.
 * @example
 * ```ts
 * import { requireStore } from '@orion/tenancy';
 * await db.transaction().execute(async (trx) => {
 *   await requireStore(trx, storeId);
 *   await trx.insertInto('notes').values({ store_id: storeId, body: 'Call back' }).execute();
 * });
 * ```
 */
export async function requireStore(db: Kysely<AnyDatabase>, storeId: number): Promise<void> {
  const row = await (db as Kysely<TenancyDatabase>)
    .selectFrom('stores')
    .select('stores.id')
    .where('stores.id', '=', storeId)
    .executeTakeFirst();
  if (!row) throw new OrionError('ORION_ERR_NOT_FOUND', { entity: 'Store', id: storeId });
}

/**
 * On PostgreSQL, locks store `storeId`'s row `for no key update` until the transaction `trx` ends,
 * so that transactions recomputing a per-store totals row from the store's rows take turns: the
 * later one sees the earlier one's rows committed. Foreign keys to the store and other readers are
 * not held up. SQLite has one writer at a time, so there it does nothing.
 *
 * @example
 * ```ts
 * import { inTransaction } from '@orion/contracts';
 * import { lockStore } from '@orion/tenancy';
 * await inTransaction(db, async (trx) => {
 *   await trx.updateTable('notes').set({ done: true }).where('id', '=', 7).where('store_id', '=', storeId).execute();
 *   await lockStore(trx, storeId);
 *   // … recompute the store's row of `note_counts` from its notes
 * });
 * ```
 */
export async function lockStore(trx: Kysely<AnyDatabase>, storeId: number): Promise<void> {
  if (sqlDialectOf(trx) !== 'postgres') return;
  await (trx as Kysely<TenancyDatabase>)
    .selectFrom('stores')
    .select('stores.id')
    .where('stores.id', '=', storeId)
    .forNoKeyUpdate()
    .execute();
}
