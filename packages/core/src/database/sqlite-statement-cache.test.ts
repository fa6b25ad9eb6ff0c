import type { AnyDatabase } from '@orion/contracts';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { withStatementCache } from './sqlite-statement-cache.js';

const opened: { close(): void }[] = [];
afterEach(() => opened.splice(0).forEach((database) => database.close()));

function open(size?: number) {
  const database = withStatementCache(new SQLite(':memory:'), size);
  opened.push(database);
  return database;
}

it('prepares each SQL text once and hands back the same statement', () => {
  const database = open();
  const first = database.prepare('select 1 as one');
  expect(database.prepare('select 1 as one')).toBe(first);
  expect(database.prepare('select 2 as two')).not.toBe(first);
});

it('forgets the least recently used statement beyond its size', () => {
  const database = open(2);
  const a = database.prepare('select 1');
  const b = database.prepare('select 2');
  expect(database.prepare('select 1')).toBe(a); // now "select 2" is the oldest
  database.prepare('select 3');
  expect(database.prepare('select 1')).toBe(a);
  expect(database.prepare('select 2')).not.toBe(b);
});

it('keeps answering correctly through Kysely after the schema changes under a cached statement', async () => {
  const db = new Kysely<AnyDatabase>({ dialect: new SqliteDialect({ database: open() }) });
  await db.schema
    .createTable('notes')
    .addColumn('id', 'integer', (column) => column.primaryKey())
    .execute();
  await db.insertInto('notes').values({ id: 1 }).execute();
  const read = () => db.selectFrom('notes').selectAll().where('id', '=', 1).execute();
  expect(await read()).toEqual([{ id: 1 }]);
  await db.schema
    .alterTable('notes')
    .addColumn('title', 'text', (column) => column.defaultTo('untitled'))
    .execute();
  expect(await read()).toEqual([{ id: 1, title: 'untitled' }]);
  await sql`drop table notes`.execute(db);
  await expect(read()).rejects.toThrow(/no such table/);
});

it('binds booleans as 1 and 0, in reads, writes and streams', async () => {
  const db = new Kysely<AnyDatabase>({ dialect: new SqliteDialect({ database: open() }) });
  await db.schema
    .createTable('flags')
    .addColumn('id', 'integer', (column) => column.primaryKey())
    .addColumn('on', 'integer')
    .execute();
  await db
    .insertInto('flags')
    .values([
      { id: 1, on: true },
      { id: 2, on: false },
    ])
    .execute();
  expect(await db.selectFrom('flags').selectAll().orderBy('id').execute()).toEqual([
    { id: 1, on: 1 },
    { id: 2, on: 0 },
  ]);
  expect(await db.selectFrom('flags').select('id').where('on', '=', true).execute()).toEqual([{ id: 1 }]);
  const streamed = [];
  for await (const row of db.selectFrom('flags').select('id').where('on', 'in', [false]).stream()) streamed.push(row);
  expect(streamed).toEqual([{ id: 2 }]);
});
