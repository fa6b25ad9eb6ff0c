import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { AnyDatabase } from './any-database.js';

/**
 * The `where` condition of a module service's look-up or change by id with an optional store
 * scope: the row `id`, and with `storeId` only if it is that store's (`store_id`), so another
 * store's row is not found, exactly like an unknown id.
 *
 * @example
 * ```ts
 * import { idInStore, notFoundError } from '@orion/contracts';
 *
 * const note = await db.selectFrom('notes').selectAll().where(idInStore(7, storeId)).executeTakeFirst();
 * if (!note) throw notFoundError('Note', 7);
 * ```
 */
export function idInStore(
  id: number,
  storeId: number | undefined,
): (eb: ExpressionBuilder<AnyDatabase, string>) => Expression<SqlBool> {
  return (eb) =>
    storeId === undefined ? eb('id', '=', id) : eb.and([eb('id', '=', id), eb('store_id', '=', storeId)]);
}
