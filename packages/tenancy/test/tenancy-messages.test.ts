import { beforeEach, expect, it } from 'vitest';
import type { Orion } from '../../core/src/index.js';
import { describeEachDatabase } from '../../../test/support/databases.js';
import { useOrionHosts } from '../../../test/support/orion-host.js';
import { en } from '../src/messages/en.js';
import { TenancyService } from '../src/index.js';

/** `{ key: label }` of a dashboard's tenancy metrics. */
const labels = (metrics: { key: string; label: string }[] | undefined) =>
  Object.fromEntries((metrics ?? []).map((metric) => [metric.key, metric.label]));

describeEachDatabase('tenancy menu, permissions and metric labels', (dialect) => {
  const hosts = useOrionHosts(dialect);
  let orion: Orion;
  let platformId: number;
  let storeId: number;

  beforeEach(async () => {
    orion = await hosts.start();
    const tenancy = new TenancyService(orion.db);
    platformId = (await tenancy.createPlatform({ code: 'p', name: 'P' })).id;
    const merchant = await tenancy.createMerchant({ name: 'M' });
    storeId = (await tenancy.createStore({ merchantId: merchant.id, code: 's', name: 'S', defaultCurrency: 'EUR' })).id;
    await tenancy.addStoreToPlatform(storeId, platformId);
    const user = await tenancy.createUser({ email: 'ada@example.com', name: 'Ada' });
    await tenancy.addStoreUser({ storeId, userId: user.id, role: 'admin' });
    await tenancy.verifyDomain((await tenancy.addDomain({ storeId, domain: 'shop.example.com' })).id);
  });

  it('labels the store and platform metrics in Luxembourgish and German', async () => {
    const store = await orion.statsAggregator.getStoreDashboardStats({
      storeId,
      platformId,
      context: { locale: 'lb' },
    });
    expect(store.categories.tenancy).toEqual([
      {
        key: 'tenancy.team_members',
        value: 1,
        label: 'Equipememberen',
        category: 'tenancy',
        icon: 'users',
        description: 'Benotzer mat enger aktiver Plaz an der Equipe vun engem Buttek, jidderee just eemol gezielt.',
      },
      expect.objectContaining({ key: 'tenancy.domains', value: 1, label: 'Domainen' }),
      expect.objectContaining({ key: 'tenancy.verified_domains', value: 1, label: 'Verifizéiert Domainen' }),
    ]);
    const platformLb = await orion.statsAggregator.getAdminDashboardStats({ platformId, context: { locale: 'lb' } });
    expect(labels(platformLb.categories.tenancy)).toEqual({
      'tenancy.total_stores': 'Butteker',
      'tenancy.active_stores': 'Aktiv Butteker',
      'tenancy.merchants': 'Händler',
      'tenancy.team_members': 'Equipememberen',
    });

    const storeDe = await orion.statsAggregator.getStoreDashboardStats({
      storeId,
      platformId,
      context: { locale: 'de-LU' },
    });
    expect(labels(storeDe.categories.tenancy)).toEqual({
      'tenancy.team_members': 'Teammitglieder',
      'tenancy.domains': 'Domains',
      'tenancy.verified_domains': 'Verifizierte Domains',
    });
    const platformDe = await orion.statsAggregator.getAdminDashboardStats({ platformId, context: { locale: 'de' } });
    expect(platformDe.categories.tenancy).toContainEqual(
      expect.objectContaining({
        key: 'tenancy.merchants',
        value: 1,
        label: 'Händler',
        description: 'Händler, denen mindestens einer der Shops der Plattform gehört.',
      }),
    );
    expect(labels(platformDe.categories.tenancy)['tenancy.active_stores']).toBe('Aktive Shops');
  });

  it('without a locale, the metrics carry the English messages', async () => {
    const store = await orion.statsAggregator.getStoreDashboardStats({ storeId, platformId });
    const platform = await orion.statsAggregator.getAdminDashboardStats({ platformId });
    const metrics = [...(store.categories.tenancy ?? []), ...(platform.categories.tenancy ?? [])];
    expect(metrics).toHaveLength(7);
    for (const metric of metrics) {
      expect(metric.label).toBe(en[`metric.${metric.key}.label` as keyof typeof en]);
      expect(metric.description).toBe(en[`metric.${metric.key}.description` as keyof typeof en]);
    }
  });

  it('adds the Stores item to the admin menu for tenancy.stores.view, and labels the permissions', async () => {
    const german = await orion.menu({
      platformId,
      frontend: 'admin',
      permissions: ['tenancy.stores.view'],
      locale: 'de',
    });
    expect(german).toEqual([
      { id: 'tenancy.stores', module: 'tenancy', label: 'Shops', path: '/stores', icon: 'store', order: 10 },
    ]);
    const luxembourgish = await orion.menu({
      platformId,
      frontend: 'admin',
      permissions: ['tenancy.stores.view'],
      locale: 'lb',
    });
    expect(luxembourgish.map((item) => item.label)).toEqual(['Butteker']);
    expect(
      await orion.menu({ platformId, frontend: 'admin', permissions: ['tenancy.stores.manage'], locale: 'de' }),
    ).toEqual([]);
    expect(
      await orion.menu({ platformId, frontend: 'store', permissions: ['tenancy.stores.view'], locale: 'de' }),
    ).toEqual([]);

    const french = orion.permissions({ locale: 'fr' }).filter((permission) => permission.module === 'tenancy');
    expect(french.map(({ code, label }) => ({ code, label }))).toEqual([
      { code: 'tenancy.platforms.view', label: 'Voir les plateformes' },
      { code: 'tenancy.platforms.manage', label: 'Créer, renommer et désactiver des plateformes' },
      { code: 'tenancy.stores.view', label: 'Voir les boutiques et leurs adhésions aux plateformes' },
      { code: 'tenancy.stores.manage', label: 'Gérer les boutiques' },
      { code: 'tenancy.team.manage', label: 'Gérer les équipes des boutiques' },
      { code: 'tenancy.domains.manage', label: 'Gérer les domaines des boutiques' },
    ]);
    const lb = orion.permissions({ locale: 'lb' }).find((permission) => permission.code === 'tenancy.team.manage');
    expect(lb?.label).toBe('Equipe vun de Butteker verwalten');
  });
});
