import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../../../../test/support/databases.js';
import { recordingLogger } from '../../../../test/support/orion-host.js';
import { createOrion, TenancyService, type DashboardStats, type MetricValue, type Orion } from '../../src/index.js';
import { alphaModule, cliApp, gammaModule, orion } from './cli-app.js';

const window = { from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' };

/** A dashboard as JSON carries it: dates as strings, failures without their error object. */
function asJson(stats: DashboardStats): unknown {
  return JSON.parse(
    JSON.stringify({ ...stats, failures: stats.failures.map(({ error: _error, ...failure }) => failure) }),
  );
}

describeEachDatabase('orion stats', (dialect) => {
  const cleanups: (() => void)[] = [];
  let app: string;
  let database: TestDatabase;
  let host: Orion;
  let platformId: number;
  let storeId: number;
  let outsiderId: number;
  const cli = (...args: string[]) => orion(app, [...args, '--database', database.url]);

  beforeAll(async () => {
    // alpha's metrics count its notes; gamma's provider always fails
    app = cliApp(cleanups, [alphaModule, gammaModule]);
    database = await createTestDatabase(dialect);
    host = await createOrion({ cwd: app, database: database.url, logger: recordingLogger() });
    const tenancy = new TenancyService(host.db);
    platformId = (await tenancy.createPlatform({ code: 'main', name: 'Main' })).id;
    const merchant = await tenancy.createMerchant({ name: 'Acme' });
    const store = (code: string) =>
      tenancy.createStore({ merchantId: merchant.id, code, name: code, defaultCurrency: 'EUR' });
    storeId = (await store('acme')).id;
    const otherId = (await store('acme-outlet')).id;
    outsiderId = (await store('elsewhere')).id;
    await tenancy.addStoreToPlatform(storeId, platformId);
    await tenancy.addStoreToPlatform(otherId, platformId);
    const user = await tenancy.createUser({ email: 'ada@acme.test', name: 'Ada' });
    await tenancy.addStoreUser({ storeId, userId: user.id, role: 'owner' });
    await host.db
      .insertInto('alpha_notes')
      .values([storeId, storeId, storeId, otherId].map((store_id, index) => ({ id: index + 1, store_id })))
      .execute();
  });
  afterAll(async () => {
    await host.close();
    await database.drop();
    cleanups.splice(0).forEach((cleanup) => cleanup());
  });

  it('--store --json prints what getStoreDashboardStats returns for the same request', async () => {
    const result = await cli(
      'stats',
      '--platform',
      String(platformId),
      '--store',
      String(storeId),
      '--from',
      window.from,
      '--to',
      window.to,
      '--trends',
      '--json',
    );
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const printed = JSON.parse(result.stdout);
    const expected = await host.statsAggregator.getStoreDashboardStats({
      storeId,
      platformId,
      context: { dateFrom: window.from, dateTo: window.to, includeTrends: true },
    });
    expect(printed).toEqual(asJson(expected));
    // and it is the dashboard of this store, not an empty one
    expect(printed.scope).toBe('store');
    expect(printed.window).toMatchObject({ dateFrom: window.from, dateTo: window.to, includeTrends: true });
    expect(printed.categories.alpha.find((metric: MetricValue) => metric.key === 'alpha.notes').value).toBe(3);
    expect(printed.categories.tenancy.find((metric: MetricValue) => metric.key === 'tenancy.team_members').value).toBe(
      1,
    );
    expect(printed.failures).toEqual([expect.objectContaining({ module: 'gamma', code: 'ORION_ERR_PROVIDER_FAILED' })]);
  });

  it('without --store --json prints what getAdminDashboardStats returns', async () => {
    const result = await cli('stats', '--platform', String(platformId), '--period', '7d', '--to', window.to, '--json');
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout);
    const expected = await host.statsAggregator.getAdminDashboardStats({
      platformId,
      context: { period: '7d', dateTo: window.to },
    });
    expect(printed).toEqual(asJson(expected));
    expect(printed.window.dateFrom).toBe('2026-01-25T00:00:00.000Z');
    expect(printed.categories.alpha).toEqual([expect.objectContaining({ key: 'alpha.all_notes', value: 4 })]);
    expect(printed.categories.tenancy.find((metric: MetricValue) => metric.key === 'tenancy.total_stores').value).toBe(
      2,
    );
  });

  it('prints an aligned table with units, trend arrows and changes, and the failed providers', async () => {
    const result = await cli(
      'stats',
      '--platform',
      String(platformId),
      '--store',
      String(storeId),
      '--from',
      window.from,
      '--to',
      window.to,
      '--trends',
    );
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`Store dashboard: store ${storeId} on platform ${platformId}`);
    expect(lines[1]).toBe(
      `Window: ${window.from} to ${window.to}, trends against 2025-12-01T00:00:00.000Z to ${window.from}`,
    );
    expect(lines).toContain('category  metric             value         trend');
    expect(lines).toContain('alpha     Alpha notes        3');
    expect(lines).toContain('alpha     Alpha sales (EUR)  1,234.50 EUR  ↑ +12.5%');
    expect(lines).toContain('tenancy   Team members       1');
    // The dashboard's failure keeps the provider's own text out (it may be database text); the
    // operator finds it in the log, which --verbose prints on stderr.
    expect(lines.at(-1)).toBe(
      'failed: gamma (module "gamma"): Metrics provider of module "gamma" failed: it threw an error (the server log has the details). (ORION_ERR_PROVIDER_FAILED)',
    );
    expect(result.stderr).not.toContain('gamma is down');
    const verbose = await cli('--verbose', 'stats', '--platform', String(platformId), '--store', String(storeId));
    expect(verbose.stderr).toContain('gamma is down');
  });

  it('--locale translates the labels and formats the numbers; the platform table shows percent units', async () => {
    const store = await cli('stats', '--platform', String(platformId), '--store', String(storeId), '--locale', 'de');
    expect(store.stdout).toMatch(/^tenancy\s+Teammitglieder\s+1$/m);
    expect(store.stdout).toMatch(/^alpha\s+Alpha sales \(EUR\)\s+1\.234,50 EUR$/m);
    const platform = await cli('stats', '--platform', String(platformId));
    expect(platform.stdout.split('\n')[0]).toBe(`Platform dashboard: platform ${platformId}`);
    expect(platform.stdout).toMatch(/^alpha\s+All alpha notes\s+4%$/m);
    expect(platform.stdout).toMatch(/^tenancy\s+Stores\s+2$/m);
  });

  it('a request the library rejects fails with its coded line: a store outside the platform, a bad period', async () => {
    expect(await cli('stats', '--platform', String(platformId), '--store', String(outsiderId))).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: Store ${outsiderId} has no active membership in platform ${platformId}. (ORION_ERR_STORE_NOT_IN_PLATFORM)\n`,
    });
    const badPeriod = await cli('stats', '--platform', String(platformId), '--period', '2w');
    expect(badPeriod).toMatchObject({ code: 1, stdout: '' });
    expect(badPeriod.stderr).toMatch(
      /^error: Invalid admin dashboard request: context\.period: [^\n]*\(ORION_ERR_VALIDATION\)\n$/,
    );
  });
});
