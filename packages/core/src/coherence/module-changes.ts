import { sql, type Kysely } from 'kysely';
import type { SqlDialect, AnyDatabase } from '@orion/contracts';
import type { CoreDatabase } from '../migrations/core-migrations.js';

/** The PostgreSQL channel an enablement or configuration change is announced on. */
export const moduleChangesChannel = 'orion_module_changes';

/** Key of the transaction-level advisory lock that orders the change log's ids by commit (PostgreSQL). */
const changeLogLock = 0x6f72_696f; // 'orio'

/** One enablement or configuration change of a module on a platform, as other instances learn it. */
export interface ModuleChange {
  /** The change log's id (0 until written). */
  id: number;
  platformId: number;
  code: string;
  change: 'enabled' | 'disabled' | 'config_changed';
  /** For enablement: the module the caller asked for (a cascade changes others too). */
  requestedBy?: string | undefined;
  userId?: number | undefined;
  /** The instance that made the change. */
  origin: string;
}

/**
 * Writes the changes to `orion_module_changes` inside the caller's transaction and, on PostgreSQL,
 * announces them with `pg_notify` in the same transaction, so other instances hear of them only when
 * (and if) the transaction commits. On PostgreSQL a transaction-level advisory lock makes the log's
 * ids commit in order, so a reader that saw id n has seen every id below it.
 */
export async function recordModuleChanges(
  trx: Kysely<AnyDatabase>,
  dialect: SqlDialect,
  changes: Omit<ModuleChange, 'id'>[],
): Promise<void> {
  if (changes.length === 0) return;
  const db = trx as Kysely<CoreDatabase>;
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${changeLogLock})`.execute(db);
  const changedAt = new Date().toISOString();
  const rows = await db
    .insertInto('orion_module_changes')
    .values(
      changes.map((change) => ({
        platform_id: change.platformId,
        module_code: change.code,
        change: change.change,
        requested_by: change.requestedBy ?? null,
        user_id: change.userId ?? null,
        origin: change.origin,
        changed_at: changedAt,
      })),
    )
    .returning('id')
    .execute();
  if (dialect === 'postgres') {
    const written = changes.map((change, index) => ({ ...change, id: Number(rows[index]!.id) }));
    // A NOTIFY payload is limited to 8000 bytes: one per change keeps each small.
    for (const change of written) {
      await sql`select pg_notify(${moduleChangesChannel}, ${JSON.stringify(change)})`.execute(db);
    }
  }
}

/** The changes after `afterId`, oldest first. */
export async function changesSince(db: Kysely<AnyDatabase>, afterId: number): Promise<ModuleChange[]> {
  const rows = await (db as Kysely<CoreDatabase>)
    .selectFrom('orion_module_changes')
    .selectAll()
    .where('id', '>', afterId)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: Number(row.id),
    platformId: Number(row.platform_id),
    code: row.module_code,
    change: row.change,
    requestedBy: row.requested_by ?? undefined,
    userId: row.user_id === null ? undefined : Number(row.user_id),
    origin: row.origin,
  }));
}

/** The newest change's id (0 when there is none). */
export async function latestChangeId(db: Kysely<AnyDatabase>): Promise<number> {
  const row = await (db as Kysely<CoreDatabase>)
    .selectFrom('orion_module_changes')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return row?.id === null || row?.id === undefined ? 0 : Number(row.id);
}
