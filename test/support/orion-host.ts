/**
 * Starts hosts on a fresh test database and closes and drops everything after each test.
 */
import { afterAll, afterEach } from 'vitest';
import { createOrion, type Orion, type OrionOptions } from '../../packages/core/src/index.js';
import { createTestDatabase, type TestDatabase, type TestDialect } from './databases.js';

/** A logger that keeps what it was given, for asserting what the host logged. */
export function recordingLogger() {
  const entries: { level: string; message: string; meta?: Record<string, unknown> }[] = [];
  const at = (level: string) => (message: string, meta?: Record<string, unknown>) => {
    entries.push({ level, message, ...(meta ? { meta } : {}) });
  };
  return { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/**
 * Returns `start(options)`, which opens a host on this test's database (created on first use);
 * hosts are closed and the database dropped after each test, or with `{ per: 'suite' }` after the
 * suite (for data seeded once in `beforeAll`).
 */
export function useOrionHosts(dialect: TestDialect, options: { per?: 'test' | 'suite' } = {}) {
  let database: TestDatabase | undefined;
  const hosts: Orion[] = [];
  (options.per === 'suite' ? afterAll : afterEach)(async () => {
    await Promise.all(hosts.splice(0).map((host) => host.close()));
    await database?.drop();
    database = undefined;
  });
  return {
    async url(): Promise<string> {
      database ??= await createTestDatabase(dialect);
      return database.url;
    },
    async start(options: OrionOptions = {}): Promise<Orion> {
      const host = await createOrion({ modules: [], logger: recordingLogger(), database: await this.url(), ...options });
      hosts.push(host);
      return host;
    },
  };
}
