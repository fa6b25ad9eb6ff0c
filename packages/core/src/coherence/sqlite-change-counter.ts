import { isAbsolute, resolve } from 'node:path';
import SQLite from 'better-sqlite3';

/** Reads the newest id of `orion_module_changes` synchronously; `undefined` when it can not. */
export type ChangeCounter = (() => number | undefined) & { close(): void };

/**
 * A counter on its own read connection to the SQLite file behind `database` (`sqlite:<file>`), or
 * `undefined` for anything else (PostgreSQL, `sqlite::memory:`, a Kysely instance). One prepared
 * statement, run synchronously: a few microseconds per call, against one small query through the
 * shared connection. A separate connection sees every commit, this process's included; in WAL mode a
 * reader never waits for a writer.
 */
export function sqliteChangeCounter(database: unknown, cwd: string): ChangeCounter | undefined {
  if (typeof database !== 'string' || !database.startsWith('sqlite:')) return undefined;
  const target = database.slice('sqlite:'.length);
  if (target === '' || target === ':memory:') return undefined;
  const file = isAbsolute(target) ? target : resolve(cwd, target);
  let connection: SQLite.Database | undefined;
  let statement: SQLite.Statement<[], number | null> | undefined;
  const counter = (() => {
    try {
      if (!statement) {
        connection ??= new SQLite(file, { fileMustExist: true, timeout: 200 });
        statement = connection.prepare<[], number | null>('select max(id) from orion_module_changes').pluck();
      }
      return statement.get() ?? 0;
    } catch {
      // not migrated yet, or the file is busy: the caller falls back to a query
      return undefined;
    }
  }) as ChangeCounter;
  counter.close = () => {
    connection?.close();
    connection = undefined;
    statement = undefined;
  };
  return counter;
}
