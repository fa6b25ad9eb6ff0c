/**
 * `@orion/testing/vitest`: the kit's helpers that register vitest suites and hooks. Importing it
 * probes the test PostgreSQL server once (top-level await), so `describeEachDatabase` and
 * `testDialects` can decide synchronously. vitest is an optional peer dependency: only this entry
 * imports it; `@orion/testing` itself works with any runner.
 */
import { afterAll, afterEach, describe, it } from 'vitest';
import { createTestDatabase, type TestDatabase, type TestDialect } from './test-database.js';
import { announcePostgresSkipped, dialectsFor, postgresAvailability } from './test-dialects.js';
import { startTestHost, type TestHost, type TestHostOptions } from './test-host.js';

const postgres = await postgresAvailability();

/**
 * Runs `body` once per database, as `describe('<title> [sqlite]')` and `describe('<title> [postgres]')`.
 * Where PostgreSQL is unreachable its suite is skipped with a visible line, except with `CI=true`,
 * where a failing test says why.
 *
 * @example
 * ```ts
 * import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
 * import { expect, it } from 'vitest';
 *
 * describeEachDatabase('my module', (dialect) => {
 *   const hosts = useTestHosts(dialect);
 *   it('starts', async () => {
 *     const host = await hosts.start({ modules: [] });
 *     expect(host.dialect).toBe(dialect);
 *   });
 * });
 * ```
 */
export function describeEachDatabase(title: string, body: (dialect: TestDialect) => void): void {
  describe(`${title} [sqlite]`, () => body('sqlite'));
  if (postgres.problem === undefined) {
    describe(`${title} [postgres]`, () => body('postgres'));
  } else if (postgres.required) {
    describe(`${title} [postgres]`, () => {
      it('needs a reachable PostgreSQL server with CI=true', () => {
        throw new Error(`PostgreSQL at ${postgres.url} is not reachable: ${postgres.problem}`);
      });
    });
  } else {
    announcePostgresSkipped(postgres);
    describe.skip(`${title} [postgres] (skipped: PostgreSQL not reachable)`, () => body('postgres'));
  }
}

/**
 * The dialects a test that handles both itself runs on (`describe.each(testDialects())`): PostgreSQL
 * is left out, with the same visible line, only where it is unreachable outside CI.
 *
 * @example
 * ```ts
 * import { testDialects } from '@orion/testing/vitest';
 * import { describe, it } from 'vitest';
 *
 * describe.each(testDialects())('import [%s]', (dialect) => {
 *   it('runs', () => {});
 * });
 * ```
 */
export function testDialects(): TestDialect[] {
  return dialectsFor(postgres);
}

/** What {@link useTestHosts} returns. */
export interface TestHosts {
  /** Starts a host on this test's (or suite's) database, created on first use. */
  start(options?: Omit<TestHostOptions, 'dialect' | 'database'>): Promise<TestHost>;
  /** This test's (or suite's) database, created on first use: for a host or CLI the kit does not start. */
  database(): Promise<TestDatabase>;
}

/**
 * Starts hosts that share one throwaway database per test (or, with `{ per: 'suite' }`, per suite,
 * for data seeded once in `beforeAll`); after each test (or the suite) the hosts are stopped and the
 * database removed.
 *
 * @example
 * ```ts
 * import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
 * import { expect, it } from 'vitest';
 *
 * describeEachDatabase('restart', (dialect) => {
 *   const hosts = useTestHosts(dialect);
 *   it('keeps the data across hosts', async () => {
 *     const first = await hosts.start();
 *     const { storeId } = await first.seedTenancy();
 *     await first.stop();
 *     const second = await hosts.start();
 *     expect(await second.db.selectFrom('stores').select('id').where('id', '=', storeId).execute()).toHaveLength(1);
 *   });
 * });
 * ```
 */
export function useTestHosts(dialect: TestDialect, options: { per?: 'test' | 'suite' } = {}): TestHosts {
  let database: Promise<TestDatabase> | undefined;
  const hosts: TestHost[] = [];
  (options.per === 'suite' ? afterAll : afterEach)(async () => {
    const stopping = hosts.splice(0).map((host) => host.stop());
    const made = database;
    database = undefined;
    try {
      await Promise.all(stopping);
    } finally {
      if (made) await (await made).drop();
    }
  });
  const databaseOf = () => (database ??= createTestDatabase(dialect));
  return {
    database: databaseOf,
    async start(hostOptions = {}) {
      const host = await startTestHost({ ...hostOptions, database: await databaseOf() });
      hosts.push(host);
      return host;
    },
  };
}

export { createTestDatabase, type TestDatabase, type TestDialect };
