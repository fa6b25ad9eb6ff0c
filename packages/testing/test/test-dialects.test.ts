import { afterEach, expect, it, vi } from 'vitest';
import { availableTestDialects, probePostgres, testPostgresUrl, DEFAULT_TEST_POSTGRES_URL } from '@orion/testing';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

it('reads the server from ORION_TEST_POSTGRES_URL, with the development server as default', () => {
  vi.stubEnv('ORION_TEST_POSTGRES_URL', 'postgres://ci@db:5432/ci');
  expect(testPostgresUrl()).toBe('postgres://ci@db:5432/ci');
  vi.stubEnv('ORION_TEST_POSTGRES_URL', '');
  expect(testPostgresUrl()).toBe(DEFAULT_TEST_POSTGRES_URL);
});

it('says why a server can not be used', async () => {
  expect(await probePostgres('postgres://postgres@127.0.0.1:1/nothing')).toMatch(/ECONNREFUSED/);
});

it('runs on both databases where PostgreSQL answers or CI requires it, and on SQLite alone with one visible line otherwise', async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  const url = 'postgres://postgres@127.0.0.1:1/nothing';
  expect(await availableTestDialects({ url, problem: undefined, required: false })).toEqual(['sqlite', 'postgres']);
  expect(await availableTestDialects({ url, problem: 'connect ECONNREFUSED', required: true })).toEqual([
    'sqlite',
    'postgres',
  ]);
  expect(warn).not.toHaveBeenCalled();
  expect(await availableTestDialects({ url, problem: 'connect ECONNREFUSED', required: false })).toEqual(['sqlite']);
  expect(await availableTestDialects({ url, problem: 'connect ECONNREFUSED', required: false })).toEqual(['sqlite']);
  expect(warn).toHaveBeenCalledTimes(1);
  expect(warn.mock.calls[0]?.[0]).toContain(
    `PostgreSQL at ${url} is not reachable (connect ECONNREFUSED): skipping the PostgreSQL suites.`,
  );
});
