/**
 * Starts hosts on a fresh test database and closes and drops everything after each test: the test
 * kit's `useTestHosts`, returning the hosts themselves for the suites written against `Orion`.
 */
import type { Orion, OrionOptions } from '../../packages/core/src/index.js';
import { useTestHosts } from '../../packages/testing/src/vitest.js';
import type { TestDialect } from './databases.js';

export { recordingLogger } from '../../packages/testing/src/index.js';

/**
 * Returns `start(options)`, which opens a host on this test's database (created on first use);
 * hosts are closed and the database dropped after each test, or with `{ per: 'suite' }` after the
 * suite (for data seeded once in `beforeAll`).
 */
export function useOrionHosts(dialect: TestDialect, options: { per?: 'test' | 'suite' } = {}) {
  const hosts = useTestHosts(dialect, options);
  const url = async () => (await hosts.database()).url;
  return {
    url,
    async start(orionOptions: OrionOptions = {}): Promise<Orion> {
      const { database, ...rest } = orionOptions;
      if (database !== undefined && database !== (await url())) {
        throw new Error('useOrionHosts starts hosts on the test database only; call createOrion for another one');
      }
      // the kit's host is typed against @orion/core's build, this suite against its source: the same object
      return (await hosts.start(rest)).orion;
    },
  };
}
