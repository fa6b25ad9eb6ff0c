import type { AnyDatabase } from '@orion/contracts';
import { CompiledQuery, sql, type Kysely } from 'kysely';

/** The connection interface pg-boss accepts in its `db` option. */
export interface PgBossDatabase {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * Lets pg-boss run its SQL through the host's Kysely instance: the same pool whether Orion opened
 * it from a URL or the app passed its own instance.
 *
 * The app's plugins are bypassed (pg-boss reads its own column names). pg-boss sends some commands
 * as one `BEGIN; …; COMMIT;` string; when one fails midway, the connection is rolled back before
 * it goes back to the pool, so the next query on it does not land in an aborted transaction.
 */
export function pgBossDatabase(db: Kysely<AnyDatabase>): PgBossDatabase {
  const plain = db.withoutPlugins();
  return {
    async executeSql(text, values = []) {
      const query = CompiledQuery.raw(text, values);
      if (!/^\s*BEGIN\s*;/i.test(text)) return { rows: (await plain.executeQuery(query)).rows };
      return plain.connection().execute(async (connection) => {
        try {
          return { rows: (await connection.executeQuery(query)).rows };
        } catch (error) {
          await sql`rollback`.execute(connection).catch(() => {});
          throw error;
        }
      });
    },
  };
}
