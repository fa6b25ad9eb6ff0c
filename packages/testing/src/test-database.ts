import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** The databases the kit runs on. */
export type TestDialect = 'sqlite' | 'postgres';

/** The PostgreSQL server the kit uses when `ORION_TEST_POSTGRES_URL` is not set. */
export const DEFAULT_TEST_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

/**
 * A database made for one test (or suite): pass `url` to `createOrion` (or let
 * {@link startTestHost} do it) and call `drop()` when done.
 *
 * @example
 * ```ts
 * import { createTestDatabase } from '@orion/testing';
 *
 * const database = await createTestDatabase('sqlite');
 * console.log(database.url); // sqlite:/tmp/orion-test-XXXXXX/orion.db
 * await database.drop();
 * ```
 */
export interface TestDatabase {
  readonly dialect: TestDialect;
  /** A URL `createOrion({ database })` accepts: `sqlite:<file>` or `postgres://…/<database>`. */
  readonly url: string;
  /** Deletes the SQLite folder, or drops the PostgreSQL database (closing its connections). Safe to call twice. */
  drop(): Promise<void>;
}

/** Options of {@link createTestDatabase}. */
export interface CreateTestDatabaseOptions {
  /** The server (and a database on it to connect to) where PostgreSQL databases are created. Default: {@link testPostgresUrl}. */
  postgresUrl?: string;
}

/**
 * The PostgreSQL server tests use: `ORION_TEST_POSTGRES_URL`, or {@link DEFAULT_TEST_POSTGRES_URL}.
 *
 * @example
 * ```ts
 * import { testPostgresUrl } from '@orion/testing';
 *
 * console.log(`PostgreSQL tests run on ${testPostgresUrl()}`);
 * ```
 */
export function testPostgresUrl(): string {
  return process.env.ORION_TEST_POSTGRES_URL || DEFAULT_TEST_POSTGRES_URL;
}

/**
 * Creates an empty database: a SQLite file in a new temporary folder, or a new PostgreSQL
 * database (`orion_test_<random>`) on the server of `postgresUrl`.
 *
 * A database each, not a schema: Kysely's Migrator introspects every schema of its database, and a
 * schema dropped meanwhile by a parallel test file would make it fail.
 *
 * @throws Error from `pg` when the PostgreSQL server can not be reached or the role may not create databases.
 * @example
 * ```ts
 * import { createOrion } from '@orion/core';
 * import { createTestDatabase } from '@orion/testing';
 *
 * const database = await createTestDatabase('postgres');
 * const orion = await createOrion({ database: database.url, modules: [] });
 * await orion.close();
 * await database.drop();
 * ```
 */
export async function createTestDatabase(
  dialect: TestDialect,
  options: CreateTestDatabaseOptions = {},
): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'orion-test-'));
    return {
      dialect,
      url: `sqlite:${join(dir, 'orion.db')}`,
      drop: () => rm(dir, { recursive: true, force: true }),
    };
  }
  const server = options.postgresUrl ?? testPostgresUrl();
  const name = `orion_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  await adminQuery(server, `create database ${name}`);
  let dropping: Promise<void> | undefined;
  return {
    dialect,
    url: withDatabase(server, name),
    drop: () => (dropping ??= adminQuery(server, `drop database if exists ${name} with (force)`)),
  };
}

/**
 * Why the PostgreSQL server at `url` can not be used, or `undefined` when it answers `select 1`
 * within three seconds.
 *
 * @example
 * ```ts
 * import { probePostgres } from '@orion/testing';
 *
 * const problem = await probePostgres();
 * if (problem) console.warn(`no PostgreSQL: ${problem}`);
 * ```
 */
export async function probePostgres(url: string = testPostgresUrl()): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Runs one statement (`create database` / `drop database`: no transaction) on the server's own database. */
async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
