/**
 * The query plan of a compiled Kysely query as text: `explain query plan` on SQLite, `explain` on
 * PostgreSQL, for tests that check a provider's query uses the intended index.
 */
import { sql, type CompiledQuery, type Kysely } from 'kysely';
import { sqlDialectOf, type AnyDatabase } from '../../packages/contracts/src/index.js';

export async function explainPlan(db: Kysely<AnyDatabase>, query: CompiledQuery): Promise<string> {
  const prefix = sqlDialectOf(db) === 'sqlite' ? 'explain query plan ' : 'explain ';
  const result = await db.executeQuery({ ...query, sql: prefix + query.sql });
  return (result.rows as Record<string, unknown>[])
    .map((row) => `${(row.detail ?? row['QUERY PLAN'] ?? JSON.stringify(row)) as string}`)
    .join('\n');
}

/** Refreshes the planner's statistics so PostgreSQL picks plans as it would on real data. */
export async function analyze(db: Kysely<AnyDatabase>, tables: string[]): Promise<void> {
  for (const table of tables) await sql`analyze ${sql.table(table)}`.execute(db);
}
