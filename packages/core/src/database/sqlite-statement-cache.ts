import type { Database, Statement } from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** How many prepared statements one SQLite connection keeps. */
export const defaultStatementCacheSize = 500;

/**
 * Wraps a better-sqlite3 connection for Kysely's `SqliteDialect` so that each distinct SQL text is
 * prepared once and reused, least recently used first out beyond `size` statements.
 *
 * Kysely prepares every query it runs; a dashboard runs the same few statements with different
 * parameters on every call, and preparing them again is a large part of a sub-millisecond query
 * on SQLite. Reuse is safe: SQLite re-prepares a statement by itself after a schema change, and
 * Kysely's single SQLite connection runs one query at a time.
 *
 * @example
 * ```ts
 * import SQLite from 'better-sqlite3';
 * import { Kysely, SqliteDialect } from 'kysely';
 * const db = new Kysely<any>({ dialect: new SqliteDialect({ database: withStatementCache(new SQLite('app.db')) }) });
 * ```
 */
export function withStatementCache(database: Database, size = defaultStatementCacheSize): SqliteDatabase {
  const statements = new Map<string, Statement>();
  return {
    close: () => {
      statements.clear();
      database.close();
    },
    prepare(sql: string): Statement {
      let statement = statements.get(sql);
      if (statement) {
        statements.delete(sql); // re-inserted below: a Map iterates in insertion order, oldest first
      } else {
        statement = database.prepare(sql);
        if (statements.size >= size) statements.delete(statements.keys().next().value!);
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}
