/**
 * `@orion/testing`: start a host with your modules on a throwaway SQLite or PostgreSQL database,
 * seed tenancy, call routes without a server, read dashboards, and clean up. Works with any test
 * runner; the vitest suite helpers live in `@orion/testing/vitest`.
 */
export {
  createTestDatabase,
  probePostgres,
  testPostgresUrl,
  DEFAULT_TEST_POSTGRES_URL,
  type CreateTestDatabaseOptions,
  type TestDatabase,
  type TestDialect,
} from './test-database.js';
export { availableTestDialects, postgresAvailability, type PostgresAvailability } from './test-dialects.js';
export { recordingLogger, type LogEntry, type RecordingLogger } from './recording-logger.js';
export { seedTenancy, type SeedTenancyOptions, type SeededTenancy } from './seed-tenancy.js';
export { seededRandom, type SeededRandom } from './seeded-random.js';
export {
  startTestHost,
  type TestDashboard,
  type TestHost,
  type TestHostOptions,
  type TestRequestOptions,
  type TestResponse,
} from './test-host.js';
