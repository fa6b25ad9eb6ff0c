/**
 * The database type of code that works on whichever module's tables it is given: the default of
 * every `TDatabase` parameter (a module that declares no `database` gets `Kysely<AnyDatabase>`), a
 * service another module calls with its own transaction, a host helper, a migration.
 *
 * Kysely checks no table or column name against it, exactly as with `Kysely<any>`, which it is.
 * It has a name so that each place that gives up the typed tables says so on purpose, and so that
 * the linter's `no-explicit-any` rule can hold everywhere else. Prefer a module's own database
 * interface (`Kysely<OrdersDatabase>`) wherever the caller's type allows it.
 *
 * @example
 * ```ts
 * import type { Kysely } from 'kysely';
 * import type { AnyDatabase } from '@orion/contracts';
 *
 * export async function tableExists(db: Kysely<AnyDatabase>, name: string): Promise<boolean> {
 *   const tables = await db.introspection.getTables();
 *   return tables.some((table) => table.name === name);
 * }
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the one named way to opt out of typed tables
export type AnyDatabase = any;
