import { defineModule, type MetricValue } from '@orion/contracts';
import { TenancyService } from '@orion/tenancy';
import { sql } from 'kysely';
import pg from 'pg';
import { expect, it } from 'vitest';
import { z } from 'zod';
import type { Orion, OrionEvents } from '../src/index.js';
import { describeEachDatabase } from '../../../test/support/databases.js';
import { useOrionHosts } from '../../../test/support/orion-host.js';
import { rejectionOf } from '../../../test/support/rejection.js';

const metric = (key: string, value: unknown): MetricValue =>
  ({ key, value, label: key, category: 'widgets' }) as MetricValue;
let widgetsAnswer: unknown = [metric('widgets.count', 1)];
const widgets = defineModule({
  code: 'widgets',
  name: 'Widgets',
  version: '1.0.0',
  requires: ['tenancy'],
  config: { schema: z.object({ perPage: z.coerce.number().int().default(10) }), envPrefix: 'WIDGETS_' },
  metricsProvider: () => ({
    metricsCategory: 'widgets',
    getStoreMetrics: () => widgetsAnswer as MetricValue[],
    getPlatformMetrics: () => widgetsAnswer as MetricValue[],
  }),
});
const gadgets = defineModule({ code: 'gadgets', name: 'Gadgets', version: '1.0.0', requires: ['widgets'] });

/** Polls until `check` holds; the cap is generous (the delay itself is measured in bench/, not here). */
async function eventually(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within 10 s: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

type Seen = { name: keyof OrionEvents; code: string; origin: string; config?: Record<string, unknown> };
function record(orion: Orion): Seen[] {
  const seen: Seen[] = [];
  orion.events.on('module.enabled', ({ code, origin }) => void seen.push({ name: 'module.enabled', code, origin }));
  orion.events.on('module.disabled', ({ code, origin }) => void seen.push({ name: 'module.disabled', code, origin }));
  orion.events.on(
    'module.config_changed',
    ({ code, origin, config }) => void seen.push({ name: 'module.config_changed', code, origin, config }),
  );
  return seen;
}

describeEachDatabase('per-platform state across hosts', (dialect) => {
  const hosts = useOrionHosts(dialect);

  async function twoHosts() {
    const first = await hosts.start({ modules: [widgets, gadgets] });
    const second = await hosts.start({ modules: [widgets, gadgets] });
    const platformId = (await new TenancyService(first.db).createPlatform({ code: 'main', name: 'Main' })).id;
    return { first, second, platformId };
  }

  it('a module disabled through one host is disabled in the other, whose events say remote', async () => {
    const { first, second, platformId } = await twoHosts();
    expect(await first.modules.listEnabled(platformId)).toEqual(['tenancy', 'widgets', 'gadgets']);
    const seenFirst = record(first);
    const seenSecond = record(second);

    await second.modules.disable(platformId, 'widgets');
    await eventually(async () => !(await first.modules.isEnabled(platformId, 'widgets')), 'first sees widgets off');
    expect(await first.modules.listEnabled(platformId)).toEqual(['tenancy']);
    await eventually(() => seenFirst.length === 2, 'first hears both changes');
    expect(seenFirst).toEqual([
      { name: 'module.disabled', code: 'gadgets', origin: 'remote' },
      { name: 'module.disabled', code: 'widgets', origin: 'remote' },
    ]);
    expect(seenSecond.map((event) => event.origin)).toEqual(['local', 'local']);

    await first.modules.enable(platformId, 'widgets');
    await eventually(async () => await second.modules.isEnabled(platformId, 'widgets'), 'second sees widgets on');
    await eventually(() => seenSecond.length === 3, 'second hears the enable');
    expect(seenSecond[2]).toEqual({ name: 'module.enabled', code: 'widgets', origin: 'remote' });
  });

  it('per-platform configuration set through one host is what the other resolves', async () => {
    const { first, second, platformId } = await twoHosts();
    expect(await first.platformConfig.get(platformId, 'widgets')).toMatchObject({ perPage: 10 });
    const seenFirst = record(first);
    await second.platformConfig.set(platformId, 'widgets', { perPage: 25 });
    await eventually(
      async () => (await first.platformConfig.get(platformId, 'widgets')).perPage === 25,
      'first resolves perPage 25',
    );
    await eventually(() => seenFirst.length === 1, 'first hears the change');
    expect(seenFirst[0]).toMatchObject({
      name: 'module.config_changed',
      code: 'widgets',
      origin: 'remote',
      config: { perPage: 25 },
    });
  });

  it('the dashboards follow a change made elsewhere', async () => {
    const { first, second, platformId } = await twoHosts();
    const tenancy = new TenancyService(first.db);
    const merchantId = (await tenancy.createMerchant({ name: 'Merchant' })).id;
    const storeId = (await tenancy.createStore({ merchantId, code: 'shop', name: 'Shop', defaultCurrency: 'EUR' })).id;
    await tenancy.addStoreToPlatform(storeId, platformId);
    const categories = async () =>
      Object.keys((await first.statsAggregator.getStoreDashboardStats({ storeId, platformId })).categories);
    expect(await categories()).toContain('widgets');
    await second.modules.disable(platformId, 'widgets');
    await eventually(async () => !(await categories()).includes('widgets'), 'the dashboard loses widgets');
  });

  it('a store outside the platform is refused even though its providers were started with the check', async () => {
    const { first, platformId } = await twoHosts();
    const tenancy = new TenancyService(first.db);
    const merchantId = (await tenancy.createMerchant({ name: 'Merchant' })).id;
    const storeId = (await tenancy.createStore({ merchantId, code: 'away', name: 'Away', defaultCurrency: 'EUR' })).id;
    const error = await rejectionOf(first.statsAggregator.getStoreDashboardStats({ storeId, platformId }));
    expect(error.code).toBe('ORION_ERR_STORE_NOT_IN_PLATFORM');
  });

  it('basic metrics validation still turns a malformed answer into a provider failure', async () => {
    const host = await hosts.start({ modules: [widgets], metricsValidation: 'basic' });
    const platformId = (await new TenancyService(host.db).createPlatform({ code: 'main', name: 'Main' })).id;
    try {
      widgetsAnswer = [{ key: 'widgets.count', value: Number.NaN, label: 'n', category: 'widgets' }];
      const stats = await host.statsAggregator.getAdminDashboardStats({ platformId });
      expect(stats.failures.map((failure) => [failure.module, failure.code])).toEqual([
        ['widgets', 'ORION_ERR_PROVIDER_FAILED'],
      ]);
      expect(stats.failures[0]!.message).toContain('0.value');
      widgetsAnswer = [metric('widgets.count', 3)];
      expect((await host.statsAggregator.getAdminDashboardStats({ platformId })).categories.widgets).toEqual([
        metric('widgets.count', 3),
      ]);
    } finally {
      widgetsAnswer = [metric('widgets.count', 1)];
    }
  });

  if (dialect === 'postgres') {
    it('after its LISTEN connection is killed by the server, a host reconnects and catches up', async () => {
      const { first, second, platformId } = await twoHosts();
      expect(await first.modules.isEnabled(platformId, 'gadgets')).toBe(true);
      const seenFirst = record(first);
      const admin = new pg.Client({ connectionString: await hosts.url() });
      await admin.connect();
      try {
        const killed = await admin.query(
          `select pg_terminate_backend(pid) from pg_stat_activity
            where datname = current_database() and application_name = 'orion-listen'`,
        );
        expect(killed.rowCount).toBe(2);
        // changed while the listeners are down (or reconnecting): never trusted from before the drop
        await second.modules.disable(platformId, 'gadgets');
        await eventually(async () => !(await first.modules.isEnabled(platformId, 'gadgets')), 'first sees gadgets off');
        await eventually(async () => {
          const listening = await admin.query(
            `select count(*)::int as n from pg_stat_activity
              where datname = current_database() and application_name = 'orion-listen' and query like 'LISTEN%'`,
          );
          return listening.rows[0].n === 2;
        }, 'both hosts listen again');
        await eventually(() => seenFirst.length === 1, 'first hears the change made during the drop');
        expect(seenFirst[0]).toEqual({ name: 'module.disabled', code: 'gadgets', origin: 'remote' });
        // and after the reconnection, changes arrive by NOTIFY again
        await second.modules.enable(platformId, 'gadgets');
        await eventually(async () => await first.modules.isEnabled(platformId, 'gadgets'), 'first sees gadgets on');
      } finally {
        await admin.end();
      }
    });
  }

  it('a change is written to the change log in its own transaction (a rolled-back one leaves no trace)', async () => {
    const { first, platformId } = await twoHosts();
    const before = await first.db
      .selectFrom('orion_module_changes')
      .select(sql<number>`count(*)`.as('n'))
      .execute();
    await expect(first.modules.disable(platformId, 'no-such-module')).rejects.toThrow();
    await first.modules.disable(platformId, 'gadgets');
    const after = await first.db
      .selectFrom('orion_module_changes')
      .select(['platform_id', 'module_code', 'change'])
      .execute();
    expect(Number(before[0]!.n)).toBe(0);
    expect(after).toEqual([{ platform_id: platformId, module_code: 'gadgets', change: 'disabled' }]);
  });
});
