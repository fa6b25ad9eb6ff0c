/** The brand of a {@link DatabaseType} carrier. */
export const DATABASE_TYPE_TYPE = '@orion/DatabaseType';

/**
 * Carries a module's Kysely database interface to the type checker; made by {@link databaseType}.
 *
 * It holds nothing at run time: `$$database` is never set. Its only job is to let
 * {@link defineModule} infer `TDatabase` next to `TConfig` (TypeScript can not infer one type
 * argument of a call and take the other from the caller).
 *
 * @example
 * ```ts
 * import { databaseType, type DatabaseType } from '@orion/contracts';
 * import type { TenancyDatabase } from '@orion/tenancy';
 * interface NotesDatabase extends TenancyDatabase { order_notes: { id: number; store_id: number } }
 * const notesDatabase: DatabaseType<NotesDatabase> = databaseType<NotesDatabase>();
 * ```
 */
export interface DatabaseType<TDatabase> {
  readonly $$type: typeof DATABASE_TYPE_TYPE;
  /** Never set: the Kysely database interface, for the type checker only. */
  readonly $$database?: TDatabase;
}

const carrier: DatabaseType<never> = Object.freeze({ $$type: DATABASE_TYPE_TYPE });

/**
 * Declares the tables a module reads and writes, so its hooks, routes, tasks, services and
 * metrics provider get a `Kysely<TDatabase>` instead of `Kysely<any>`.
 *
 * Pass it as `database` to {@link defineModule}. The interface usually extends
 * `TenancyDatabase` (from `@orion/tenancy`) when the module reads the tenancy tables. Without
 * `database`, everything stays `Kysely<any>`. Migrations always take `Kysely<any>`: they are frozen
 * in time and never import the module's current types.
 *
 * @example
 * ```ts
 * import { databaseType, defineModule } from '@orion/contracts';
 * import type { TenancyDatabase } from '@orion/tenancy';
 * interface NotesDatabase extends TenancyDatabase {
 *   order_notes: { id: number; store_id: number; body: string };
 * }
 * export const notesModule = defineModule({
 *   code: 'notes', name: 'Notes', version: '1.0.0',
 *   database: databaseType<NotesDatabase>(),
 *   onStartup: async ({ db }) => { await db.selectFrom('order_notes').select('body').execute(); },
 * });
 * ```
 */
export function databaseType<TDatabase>(): DatabaseType<TDatabase> {
  return carrier;
}
