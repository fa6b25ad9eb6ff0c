import type { Database, Statement } from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** How many prepared statements one SQLite connection keeps. */
export const defaultStatementCacheSize = 500;

/**
 * Wraps a better-sqlite3 connection for Kysely's `SqliteDialect` so that each distinct SQL text is
 * prepared once and reused, least recently used first out beyond `size` statements, and so that
 * JavaScript booleans are bound as 1 and 0 (the driver refuses them; module code writes
 * `is_active: true` on both databases).
 *
 * Kysely prepares every query it runs; a dashboard runs the same few statements with different
 * parameters on every call, and preparing them again is a large part of a sub-millisecond query
 * on SQLite. Reuse is safe: SQLite re-prepares a statement by itself after a schema change, and
 * Kysely's single SQLite connection runs one query at a time. Binding booleans here, one pass over
 * the parameters, replaces a Kysely plugin that copied every query's tree to do the same (see
 * BENCHMARKS.md).
 *
 * @example
 * ```ts
 * import { withStatementCache } from './sqlite-statement-cache.js';
 * import SQLite from 'better-sqlite3';
 * import { Kysely, SqliteDialect } from 'kysely';
 * const db = new Kysely<any>({ dialect: new SqliteDialect({ database: withStatementCache(new SQLite('app.db')) }) });
 * ```
 */
export function withStatementCache(database: Database, size = defaultStatementCacheSize): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => {
      statements.clear();
      database.close();
    },
    prepare(sql: string): SqliteStatement {
      let statement = statements.get(sql);
      if (statement) {
        statements.delete(sql); // re-inserted below: a Map iterates in insertion order, oldest first
      } else {
        statement = bindingBooleans(database.prepare(sql));
        if (statements.size >= size) statements.delete(statements.keys().next().value!);
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}

/** The statement, with boolean parameters bound as 1 and 0. */
function bindingBooleans(statement: Statement): SqliteStatement {
  return {
    reader: statement.reader,
    all: (parameters) => statement.all(sqliteParameters(parameters)),
    run: (parameters) => statement.run(sqliteParameters(parameters)),
    iterate: (parameters) => statement.iterate(sqliteParameters(parameters)),
  };
}

function sqliteParameters(parameters: ReadonlyArray<unknown>): unknown[] {
  return parameters.map((value) => (typeof value === 'boolean' ? Number(value) : value));
}
