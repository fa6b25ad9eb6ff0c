/**
 * The check a module's writes start with: the store must exist in tenancy's `stores`.
 */
import type { Kysely } from 'kysely';
import { OrionError } from '@orion/contracts';
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
 *   await trx.insertInto('notes').values({ store_id: storeId, ... }).execute();
 * });
 * ```
 */
export async function requireStore(db: Kysely<any>, storeId: number): Promise<void> {
  const row = await (db as Kysely<TenancyDatabase>)
    .selectFrom('stores')
    .select('stores.id')
    .where('stores.id', '=', storeId)
    .executeTakeFirst();
  if (!row) throw new OrionError('ORION_ERR_NOT_FOUND', { entity: 'Store', id: storeId });
}
