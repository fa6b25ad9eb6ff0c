/**
 * The one place that knows how each driver reports a unique-constraint violation: PostgreSQL's
 * SQLSTATE `23505`, better-sqlite3's `SQLITE_CONSTRAINT_UNIQUE`.
 */
import { OrionError } from '../errors/orion-error.js';

const uniqueViolationCodes = new Set(['23505', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);

/**
 * Whether `error` is a driver error for a violated unique constraint, on PostgreSQL or SQLite.
 *
 * @example
 * ```ts
 * import { isUniqueViolation } from '@orion/contracts';
 *
 * try {
 *   await db.insertInto('platforms').values({ code: 'eu', name: 'Europe' }).execute();
 * } catch (error) {
 *   if (!isUniqueViolation(error)) throw error;
 *   // … the code is taken
 * }
 * ```
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && uniqueViolationCodes.has(code);
}

/** Which unique value a write may collide with, for the `ORION_ERR_CONFLICT` it becomes. */
export interface UniqueField {
  entity: string;
  field: string;
  value: unknown;
}

/**
 * Runs `write`, turning a unique-constraint violation into `ORION_ERR_CONFLICT` for `unique`. The
 * database decides, so two concurrent writers can not both pass a check and then collide.
 *
 * @throws OrionError `ORION_ERR_CONFLICT` when the write violates a unique constraint.
 * @example
 * ```ts
 * import { conflictOnUniqueViolation } from '@orion/contracts';
 *
 * const row = await conflictOnUniqueViolation({ entity: 'Platform', field: 'code', value: 'eu' }, () =>
 *   db.insertInto('platforms').values({ code: 'eu', name: 'Europe' }).returningAll().executeTakeFirstOrThrow(),
 * );
 * ```
 */
export async function conflictOnUniqueViolation<T>(unique: UniqueField, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new OrionError('ORION_ERR_CONFLICT', { ...unique }, { cause: error });
  }
}
