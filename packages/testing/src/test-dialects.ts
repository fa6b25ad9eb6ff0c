import { probePostgres, testPostgresUrl, type TestDialect } from './test-database.js';

/** Whether PostgreSQL tests run, and why not. */
export interface PostgresAvailability {
  /** The server probed. */
  url: string;
  /** Why it can not be used; `undefined` when it can. */
  problem: string | undefined;
  /** `CI=true`: an unreachable server fails the PostgreSQL suites instead of skipping them. */
  required: boolean;
}

let announced = false;

/**
 * Prints, once per process, the visible line that says PostgreSQL suites are skipped.
 * @internal
 */
export function announcePostgresSkipped(availability: PostgresAvailability): void {
  if (announced) return;
  announced = true;
  console.warn(
    `\n  PostgreSQL at ${availability.url} is not reachable (${availability.problem}): skipping the PostgreSQL suites.\n`,
  );
}

/**
 * Probes the test PostgreSQL server ({@link testPostgresUrl}) and says whether its suites run.
 *
 * @example
 * ```ts
 * import { postgresAvailability } from '@orion/testing';
 *
 * const postgres = await postgresAvailability();
 * console.log(postgres.problem === undefined ? 'PostgreSQL tests run' : postgres.problem);
 * ```
 */
export async function postgresAvailability(url: string = testPostgresUrl()): Promise<PostgresAvailability> {
  return { url, problem: await probePostgres(url), required: process.env.CI === 'true' };
}

/**
 * The dialects to run on, for a test runner without the vitest helpers (`node:test`, say): both,
 * or SQLite alone with a visible line when PostgreSQL is unreachable, except with `CI=true`
 * (then both, and the PostgreSQL tests fail).
 *
 * @example
 * ```ts
 * import { describe, it } from 'node:test';
 * import { availableTestDialects } from '@orion/testing';
 *
 * for (const dialect of await availableTestDialects()) {
 *   describe(`my module [${dialect}]`, () => {
 *     it('starts', () => {});
 *   });
 * }
 * ```
 */
export async function availableTestDialects(availability?: PostgresAvailability): Promise<TestDialect[]> {
  const postgres = availability ?? (await postgresAvailability());
  return dialectsFor(postgres);
}

/** @internal */
export function dialectsFor(postgres: PostgresAvailability): TestDialect[] {
  if (postgres.problem === undefined || postgres.required) return ['sqlite', 'postgres'];
  announcePostgresSkipped(postgres);
  return ['sqlite'];
}
