import { defineModule, type MetricsProviderProtocol, type ModuleDefinitionInput } from '@orion/contracts';
import { TenancyService } from '@orion/tenancy';
import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.js';
import { rejectionOf } from '../../../test/support/rejection.js';
import { recordingLogger, useOrionHosts } from '../../../test/support/orion-host.js';
import type { Orion } from '../src/index.js';

function providerModule(
  code: string,
  provider: Partial<MetricsProviderProtocol>,
  extra: Partial<ModuleDefinitionInput> = {},
) {
  return defineModule({
    code,
    name: code,
    version: '1.0.0',
    metricsProvider: () => ({
      metricsCategory: code,
      getStoreMetrics: () => [],
      getPlatformMetrics: () => [],
      ...provider,
    }),
    ...extra,
  });
}

const echo = providerModule('echo', {
  getStoreMetrics: (_db, storeId, context) => [
    { key: 'echo.store', value: storeId, label: 'Store', category: 'echo' },
    {
      key: 'echo.window_hours',
      value: (context.dateTo.getTime() - context.dateFrom.getTime()) / 3_600_000,
      label: 'Window',
      category: 'echo',
    },
  ],
  getPlatformMetrics: (_db, platformId) => [
    { key: 'echo.platform', value: platformId, label: 'Platform', category: 'echo' },
  ],
});
const thrower = providerModule('thrower', {
  getStoreMetrics: () => {
    throw new Error('database on fire');
  },
  getPlatformMetrics: () => Promise.reject(new Error('database on fire')),
});
const sleeper = providerModule('sleeper', {
  getStoreMetrics: () => new Promise(() => {}),
  getPlatformMetrics: () => new Promise(() => {}),
});
const liar = providerModule('liar', {
  getStoreMetrics: () => [{ key: 'liar', value: Number.NaN } as never],
});
const brokenLoader = defineModule({
  code: 'broken-loader',
  name: 'Broken loader',
  version: '1.0.0',
  metricsProvider: () => ({ metricsCategory: 'broken-loader' }) as never,
});
const audit = providerModule(
  'audit',
  { getPlatformMetrics: () => [{ key: 'audit.events', value: 3, label: 'Audit events', category: 'audit' }] },
  { isInternal: true },
);

describeEachDatabase('dashboard stats', (dialect) => {
  const hosts = useOrionHosts(dialect);
  let host: Orion;
  let logger: ReturnType<typeof recordingLogger>;
  let platformId: number;
  let otherPlatformId: number;
  let storeId: number;
  let leftStoreId: number;

  beforeEach(async () => {
    logger = recordingLogger();
    host = await hosts.start({
      modules: [echo, thrower, sleeper, liar, brokenLoader, audit],
      providerTimeoutMs: 150,
      logger,
    });
    const tenancy = new TenancyService(host.db);
    platformId = (await tenancy.createPlatform({ code: 'p1', name: 'One' })).id;
    otherPlatformId = (await tenancy.createPlatform({ code: 'p2', name: 'Two' })).id;
    const merchant = await tenancy.createMerchant({ name: 'Acme' });
    storeId = (await tenancy.createStore({ merchantId: merchant.id, code: 's1', name: 'S1', defaultCurrency: 'EUR' }))
      .id;
    leftStoreId = (
      await tenancy.createStore({ merchantId: merchant.id, code: 's2', name: 'S2', defaultCurrency: 'EUR' })
    ).id;
    await tenancy.addStoreToPlatform(storeId, platformId);
    await tenancy.addStoreToPlatform(leftStoreId, platformId);
    await tenancy.removeStoreFromPlatform(leftStoreId, platformId);
  });

  it('one failing, slow or lying provider empties only its own category, and the caller can see why', async () => {
    const stats = await host.statsAggregator.getStoreDashboardStats({ storeId, platformId });
    expect(stats.categories.echo).toEqual([
      { key: 'echo.store', value: storeId, label: 'Store', category: 'echo' },
      { key: 'echo.window_hours', value: 720, label: 'Window', category: 'echo' },
    ]);
    expect(stats.categories.tenancy?.map((metric) => metric.key).sort()).toEqual([
      'tenancy.domains',
      'tenancy.team_members',
      'tenancy.verified_domains',
    ]);
    expect(stats.categories.thrower).toEqual([]);
    expect(stats.categories.sleeper).toEqual([]);
    expect(stats.categories.liar).toEqual([]);
    expect(stats.categories['broken-loader']).toEqual([]);
    expect(stats.failures.map((failure) => [failure.module, failure.code]).sort()).toEqual([
      ['broken-loader', 'ORION_ERR_PROVIDER_FAILED'],
      ['liar', 'ORION_ERR_PROVIDER_FAILED'],
      ['sleeper', 'ORION_ERR_PROVIDER_TIMEOUT'],
      ['thrower', 'ORION_ERR_PROVIDER_FAILED'],
    ]);
    // a provider's own error text (a database's, say) stays in the server log, never in failures[].message
    const thrown = stats.failures.find((failure) => failure.module === 'thrower')!;
    expect(thrown.message).not.toContain('database on fire');
    expect(thrown.message).toContain('the server log has the details');
    expect(stats.failures.find((failure) => failure.module === 'liar')?.message).toContain('returned invalid metrics');
    const errors = logger.entries.filter((entry) => entry.level === 'error');
    expect(errors).toHaveLength(4);
    expect(errors.some((entry) => entry.message.includes('database on fire'))).toBe(true);
    expect(stats.categories.audit).toBeUndefined();
  });

  it('providers run concurrently: two slow providers cost one timeout, not two', async () => {
    const started = Date.now();
    await host.statsAggregator.getAdminDashboardStats({ platformId });
    const second = await host.statsAggregator.getAdminDashboardStats({ platformId });
    expect(second.failures.filter((failure) => failure.code === 'ORION_ERR_PROVIDER_TIMEOUT')).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(2 * 150 * 2);
  });

  it('the admin dashboard includes internal modules and platform metrics', async () => {
    const stats = await host.statsAggregator.getAdminDashboardStats({ platformId, context: { period: '7d' } });
    expect(stats.scope).toBe('platform');
    expect(stats.categories.audit).toEqual([
      { key: 'audit.events', value: 3, label: 'Audit events', category: 'audit' },
    ]);
    expect(stats.categories.echo).toEqual([
      { key: 'echo.platform', value: platformId, label: 'Platform', category: 'echo' },
    ]);
    expect(stats.categories.tenancy?.find((metric) => metric.key === 'tenancy.total_stores')?.value).toBe(1);
  });

  it('modules disabled on the platform are absent from both dashboards', async () => {
    await host.modules.disable(platformId, 'echo');
    await host.modules.disable(platformId, 'audit');
    const store = await host.statsAggregator.getStoreDashboardStats({ storeId, platformId });
    const admin = await host.statsAggregator.getAdminDashboardStats({ platformId });
    expect(Object.keys(store.categories)).not.toContain('echo');
    expect(Object.keys(admin.categories)).not.toContain('echo');
    expect(Object.keys(admin.categories)).not.toContain('audit');
    const other = await host.statsAggregator.getAdminDashboardStats({ platformId: otherPlatformId });
    expect(Object.keys(other.categories)).toContain('echo');
  });

  it('a store must have an active membership in the platform', async () => {
    const left = await rejectionOf(host.statsAggregator.getStoreDashboardStats({ storeId: leftStoreId, platformId }));
    expect(left.code).toBe('ORION_ERR_STORE_NOT_IN_PLATFORM');
    const elsewhere = await rejectionOf(
      host.statsAggregator.getStoreDashboardStats({ storeId, platformId: otherPlatformId }),
    );
    expect(elsewhere.code).toBe('ORION_ERR_STORE_NOT_IN_PLATFORM');
    const unknownStore = await rejectionOf(host.statsAggregator.getStoreDashboardStats({ storeId: 9999, platformId }));
    expect(unknownStore.code).toBe('ORION_ERR_STORE_NOT_IN_PLATFORM');
    const unknownPlatform = await rejectionOf(host.statsAggregator.getAdminDashboardStats({ platformId: 9999 }));
    expect(unknownPlatform.code).toBe('ORION_ERR_PLATFORM_NOT_FOUND');
  });

  it.each([
    ['a zero store id', { storeId: 0 }],
    ['a negative store id', { storeId: -4 }],
    ['a fractional platform id', { platformId: 1.5 }],
    ['a string id', { storeId: '1' }],
    ['an id past int4', { storeId: 2 ** 31 }],
    ['an unparseable date', { context: { dateFrom: 'last tuesday' } }],
    ['an impossible date', { context: { dateTo: '2026-02-30T00:00:00Z' } }],
    ['dateFrom after dateTo', { context: { dateFrom: '2026-11-02', dateTo: '2026-11-01' } }],
    ['dateFrom equal to dateTo', { context: { dateFrom: '2026-11-01', dateTo: '2026-11-01' } }],
    ['only a dateFrom in the future', { context: { dateFrom: '2999-01-01' } }],
    ['a period without a unit', { context: { period: '30' } }],
    ['a period in weeks', { context: { period: '4w' } }],
    ['a zero period', { context: { period: '0d' } }],
    ['includeTrends as text', { context: { includeTrends: 'true' } }],
    ['an unknown context field', { context: { granularity: 'day' } }],
  ])('rejects %s with ORION_ERR_VALIDATION before any query', async (_label, override) => {
    const error = await rejectionOf(
      host.statsAggregator.getStoreDashboardStats({ storeId, platformId, ...(override as object) }),
    );
    expect(error.code).toBe('ORION_ERR_VALIDATION');
    if (!('storeId' in override)) {
      const adminError = await rejectionOf(
        host.statsAggregator.getAdminDashboardStats({ platformId, ...(override as object) }),
      );
      expect(adminError.code).toBe('ORION_ERR_VALIDATION');
    }
  });

  it('explicit windows reach providers resolved', async () => {
    const stats = await host.statsAggregator.getStoreDashboardStats({
      storeId,
      platformId,
      context: { dateFrom: '2026-11-01T00:00:00Z', dateTo: '2026-11-02T12:00:00Z', includeTrends: true },
    });
    expect(stats.categories.echo?.[1]?.value).toBe(36);
    expect(stats.window.previousFrom.toISOString()).toBe('2026-10-30T12:00:00.000Z');
  });
});
