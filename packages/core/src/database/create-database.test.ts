import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { openDatabase } from './create-database.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'orion-db-'));
  dirs.push(dir);
  return dir;
}

it('shares one connection per SQLite file within a process, closing it with its last user', async () => {
  const dir = tempDir();
  const first = openDatabase('sqlite:app.db', dir);
  const second = openDatabase(`sqlite:${join(dir, 'app.db')}`, '/');
  const other = openDatabase('sqlite:other.db', dir);
  expect(second.db).toBe(first.db);
  expect(other.db).not.toBe(first.db);

  await sql`create table notes (id integer primary key)`.execute(first.db);
  await first.close();
  await first.close(); // a second close of the same handle does not take the other user's connection
  await sql`insert into notes (id) values (1)`.execute(second.db);
  expect((await sql<{ n: number }>`select count(*) as n from notes`.execute(second.db)).rows).toEqual([{ n: 1 }]);

  await second.close();
  await expect(sql`select 1`.execute(second.db)).rejects.toThrow();
  const reopened = openDatabase('sqlite:app.db', dir);
  expect(reopened.db).not.toBe(first.db);
  expect((await sql<{ n: number }>`select count(*) as n from notes`.execute(reopened.db)).rows).toEqual([{ n: 1 }]);
  await reopened.close();
  await other.close();
});

it('lets transactions of two users of one file take turns instead of deadlocking on the lock', async () => {
  const dir = tempDir();
  const a = openDatabase('sqlite:app.db', dir);
  const b = openDatabase('sqlite:app.db', dir);
  await sql`create table counter (id integer primary key, n integer not null)`.execute(a.db);
  await sql`insert into counter (id, n) values (1, 0)`.execute(a.db);
  const bump = (db: typeof a.db) =>
    db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ n: number }>`select n from counter where id = 1`.execute(trx);
      await new Promise((resolve) => setTimeout(resolve, 1));
      await sql`update counter set n = ${rows[0]!.n + 1} where id = 1`.execute(trx);
    });
  await Promise.all(Array.from({ length: 20 }, (_, i) => bump(i % 2 === 0 ? a.db : b.db)));
  expect((await sql<{ n: number }>`select n from counter`.execute(a.db)).rows).toEqual([{ n: 20 }]);
  await a.close();
  await b.close();
});
