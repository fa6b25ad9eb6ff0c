/**
 * The README's demo as a user runs it: `src/main.ts` (what `pnpm demo` runs) as a child process on
 * a fresh database, fetched over HTTP with the links it prints, stopped with SIGTERM, and started
 * again on the same database, which it reuses.
 */
import { afterEach, expect, it } from 'vitest';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { startDemo, type RunningDemo } from './demo-process.js';

let database: TestDatabase | undefined;
let running: RunningDemo | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
  await database?.drop();
  database = undefined;
});

/** The numbers of the categories that only the seed writes, over one fixed window. */
async function seededNumbers(demo: RunningDemo, window: string): Promise<Record<string, unknown>> {
  const stats = await demo.get(`/api/v1/platforms/${demo.adminPlatformId}/dashboard?${window}`, demo.adminToken);
  const metrics = [...stats.categories.tenancy, ...stats.categories.orders] as { key: string; value: unknown }[];
  return Object.fromEntries(metrics.map((metric) => [metric.key, metric.value]));
}

describeEachDatabase('the README’s demo server', (dialect) => {
  it('starts, seeds, prints working links, stops cleanly on SIGTERM, and reuses its data on the next start', async () => {
    database = await createTestDatabase(dialect);
    const window = `dateFrom=${new Date(Date.now() - 400 * 86_400_000).toISOString()}&dateTo=${new Date(Date.now() + 3_600_000).toISOString()}`;

    running = await startDemo({ databaseUrl: database.url, scale: 0.05 });
    const first = running;
    expect(first.output()).toMatch(/^Orion demo ready: http:\/\/127\.0\.0\.1:\d+\/$/m);
    expect(first.output()).toContain(`Orion on ${dialect}; modules: tenancy`);
    expect(first.output()).toMatch(
      /curl -H "Authorization: Bearer orion_platform_[\w-]+" http:\/\/127\.0\.0\.1:\d+\/api\/v1\/session/,
    );
    expect(first.output()).not.toContain('reusing it');
    const page = await fetch(first.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect((await fetch(new URL('/health/ready', first.url))).status).toBe(200);
    const store = await first.get(
      `/api/v1/platforms/${first.storePlatformId}/stores/${first.storeId}/dashboard?period=90d`,
      first.storeToken,
    );
    expect(store).toMatchObject({ scope: 'store', storeId: first.storeId, platformId: first.storePlatformId });
    expect(store.categories.orders.length).toBeGreaterThan(0);
    const before = await seededNumbers(first, window);
    expect(before['tenancy.total_stores']).toBeGreaterThan(0);
    expect(before['orders.count']).toBeGreaterThan(0);
    expect(await first.stop()).toBe(0);
    await expect(fetch(new URL('/health/live', first.url))).rejects.toThrow();

    running = await startDemo({ databaseUrl: database.url, scale: 0.05 });
    const second = running;
    expect(second.output()).toContain('reusing it');
    expect(second.tokens).not.toContain(first.adminToken); // fresh tokens under the same labels
    const stale = await fetch(new URL('/api/v1/session', second.url), {
      headers: { authorization: `Bearer ${first.adminToken}` },
    });
    expect(stale.status).toBe(401);
    expect(await seededNumbers(second, window)).toEqual(before);
    expect(await second.stop()).toBe(0);
  }, 240_000);
});
