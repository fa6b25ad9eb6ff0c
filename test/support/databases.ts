/**
 * One place for the databases tests run on: a fresh SQLite file, or a fresh PostgreSQL database,
 * per call. PostgreSQL comes from ORION_TEST_POSTGRES_URL (default: the development server);
 * where it is unreachable its suite is skipped with a visible line, except with CI=true.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { describe, it } from 'vitest';

export type TestDialect = 'sqlite' | 'postgres';

export const postgresUrl = process.env.ORION_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const inCi = process.env.CI === 'true';

/** A database made for one test: pass `url` to createOrion, call `drop()` when done. */
export interface TestDatabase {
  dialect: TestDialect;
  url: string;
  drop(): Promise<void>;
}

async function postgresReachable(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.end().catch(() => {});
  }
}

const postgresProblem = await postgresReachable();

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function adminQuery(statement: string): Promise<void> {
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: postgresUrl, max: 1 }) }) });
  try {
    await sql.raw(statement).execute(db);
  } finally {
    await db.destroy();
  }
}

/** Creates an empty database of the given dialect. */
export async function createTestDatabase(dialect: TestDialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'orion-test-'));
    return {
      dialect,
      url: `sqlite:${join(dir, 'orion.db')}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  // A database each, not a schema: Kysely's Migrator introspects every schema of its database,
  // and a schema dropped meanwhile by another test file makes that fail.
  const name = `orion_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  await adminQuery(`create database ${name}`);
  return {
    dialect,
    url: withDatabase(postgresUrl, name),
    drop: () => adminQuery(`drop database if exists ${name} with (force)`),
  };
}

let announced = false;

/**
 * Runs `body` once per database: `describe('<title> [sqlite]')` and `describe('<title> [postgres]')`.
 */
export function describeEachDatabase(title: string, body: (dialect: TestDialect) => void): void {
  describe(`${title} [sqlite]`, () => body('sqlite'));
  if (!postgresProblem) {
    describe(`${title} [postgres]`, () => body('postgres'));
  } else if (inCi) {
    describe(`${title} [postgres]`, () => {
      it('needs a reachable PostgreSQL server with CI=true', () => {
        throw new Error(`PostgreSQL at ${postgresUrl} is not reachable: ${postgresProblem}`);
      });
    });
  } else {
    if (!announced) {
      announced = true;
      console.warn(`\n  PostgreSQL at ${postgresUrl} is not reachable (${postgresProblem}): skipping the PostgreSQL suites.\n`);
    }
    describe.skip(`${title} [postgres] (skipped: PostgreSQL not reachable)`, () => body('postgres'));
  }
}

/**
 * The dialects a test that handles both itself (one costly fixture, both databases) runs on:
 * PostgreSQL is left out, with the same visible line, only where it is unreachable outside CI.
 */
export function testDialects(): TestDialect[] {
  if (!postgresProblem || inCi) return ['sqlite', 'postgres'];
  if (!announced) {
    announced = true;
    console.warn(`\n  PostgreSQL at ${postgresUrl} is not reachable (${postgresProblem}): skipping the PostgreSQL suites.\n`);
  }
  return ['sqlite'];
}
