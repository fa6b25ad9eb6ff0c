import { OrionError } from './orion-error.js';

/**
 * `ORION_ERR_NOT_FOUND` (404) for one entity: "{entity} {id} does not exist.", translated for the
 * client. Every module's "no such row" failure is this error.
 *
 * @example
 * ```ts
 * import { notFoundError } from '@orion/contracts';
 *
 * function requireRow<T>(row: T | undefined, id: number): T {
 *   if (!row) throw notFoundError('Product', id); // 404 "Product 7 does not exist."
 *   return row;
 * }
 * ```
 */
export function notFoundError(
  entity: string,
  id: number | string,
): OrionError<'ORION_ERR_NOT_FOUND', { entity: string; id: number | string }> {
  return new OrionError('ORION_ERR_NOT_FOUND', { entity, id });
}
