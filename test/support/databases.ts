/**
 * The databases tests run on, from the test kit (`@orion/testing`): a fresh SQLite file or
 * PostgreSQL database per call, and the suites per database. PostgreSQL comes from
 * ORION_TEST_POSTGRES_URL (default: the development server); where it is unreachable its suite is
 * skipped with a visible line, except with CI=true. One implementation: this file only re-exports.
 */
import { testPostgresUrl } from '../../packages/testing/src/index.js';

export {
  createTestDatabase,
  describeEachDatabase,
  testDialects,
  type TestDatabase,
  type TestDialect,
} from '../../packages/testing/src/vitest.js';

/** The PostgreSQL server the tests use. */
export const postgresUrl = testPostgresUrl();
