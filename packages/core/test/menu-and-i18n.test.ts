import { defineModule, type MetricsProviderProtocol } from '@orion/contracts';
import { TenancyService } from '@orion/tenancy';
import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.js';
import { useOrionHosts } from '../../../test/support/orion-host.js';
import { rejectionOf } from '../../../test/support/rejection.js';
import { resolveLocale, type Orion } from '../src/index.js';

const provider: MetricsProviderProtocol = {
  metricsCategory: 'shelf',
  getStoreMetrics: () => [
    { key: 'shelf.revenue.EUR', value: 1, label: 'Revenue', description: 'Money in', category: 'shelf', unit: 'EUR' },
    { key: 'shelf.untranslated', value: 2, label: 'Left in English', category: 'shelf' },
  ],
  getPlatformMetrics: () => [],
};

const shelf = defineModule({
  code: 'shelf',
  name: 'Shelf',
  version: '1.0.0',
  permissions: [
    { code: 'shelf.view', label: 'View shelves' },
    { code: 'shelf.manage', label: 'Manage shelves', description: 'Create and remove shelves.' },
  ],
  menuItems: [
    { id: 'shelf.list', frontend: 'store', label: 'Shelves', path: '/shelves', order: 20, permission: 'shelf.view' },
    {
      id: 'shelf.settings',
      frontend: 'store',
      label: 'Shelf settings',
      path: '/shelves/settings',
      order: 10,
      permission: 'shelf.manage',
    },
    { id: 'shelf.overview', frontend: 'admin', label: 'Shelves', path: '/shelves', order: 5 },
  ],
  messages: {
    en: {
      'menu.shelf.list': 'Shelves',
      'permission.shelf.view': 'View shelves',
      'metric.shelf.revenue.label': 'Revenue',
    },
    de: {
      'menu.shelf.list': 'Regale',
      'permission.shelf.view': 'Regale ansehen',
      'metric.shelf.revenue.label': 'Umsatz',
      'metric.shelf.revenue.description': 'Eingenommenes Geld',
    },
    fr: { 'menu.shelf.list': 'Étagères' },
  },
  metricsProvider: () => provider,
});
const extra = defineModule({
  code: 'extra',
  name: 'Extra',
  version: '1.0.0',
  menuItems: [{ id: 'extra.home', frontend: 'store', label: 'Extra', path: '/extra', order: 20 }],
});

describeEachDatabase('menus, permissions and translations', (dialect) => {
  const hosts = useOrionHosts(dialect);
  let orion: Orion;
  let platformId: number;
  let storeId: number;

  beforeEach(async () => {
    orion = await hosts.start({ modules: [shelf, extra] });
    const tenancy = new TenancyService(orion.db);
    platformId = (await tenancy.createPlatform({ code: 'p', name: 'P' })).id;
    const merchant = await tenancy.createMerchant({ name: 'M' });
    storeId = (await tenancy.createStore({ merchantId: merchant.id, code: 's', name: 'S', defaultCurrency: 'EUR' })).id;
    await tenancy.addStoreToPlatform(storeId, platformId);
  });

  it('lists a frontend’s items of enabled modules, filtered by permission, ordered, translated', async () => {
    const all = await orion.menu({
      platformId,
      frontend: 'store',
      permissions: ['shelf.view', 'shelf.manage'],
      locale: 'de-LU',
    });
    expect(all.map(({ id, label, module }) => ({ id, label, module }))).toEqual([
      { id: 'shelf.settings', label: 'Shelf settings', module: 'shelf' },
      { id: 'extra.home', label: 'Extra', module: 'extra' },
      { id: 'shelf.list', label: 'Regale', module: 'shelf' },
    ]);
    const viewOnly = await orion.menu({ platformId, frontend: 'store', permissions: ['shelf.view'], locale: 'fr' });
    expect(viewOnly.map((item) => item.label)).toEqual(['Étagères', 'Extra']);
    const lb = await orion.menu({ platformId, frontend: 'store', permissions: ['shelf.view'], locale: 'lb' });
    expect(lb.map((item) => item.label)).toEqual(['Extra', 'Shelves']);
    await orion.modules.disable(platformId, 'shelf');
    expect(
      (await orion.menu({ platformId, frontend: 'store', permissions: ['shelf.view'] })).map((item) => item.id),
    ).toEqual(['extra.home']);
    expect((await orion.menu({ platformId, frontend: 'admin', permissions: [] })).map((item) => item.id)).toEqual([]);
    expect((await rejectionOf(orion.menu({ platformId, frontend: 'kiosk' as never, permissions: [] }))).code).toBe(
      'ORION_ERR_VALIDATION',
    );
  });

  it('lists every installed module’s permissions with translated labels', () => {
    const shelfPermissions = orion.permissions({ locale: 'de' }).filter((permission) => permission.module === 'shelf');
    expect(shelfPermissions).toEqual([
      { code: 'shelf.view', module: 'shelf', label: 'Regale ansehen' },
      { code: 'shelf.manage', module: 'shelf', label: 'Manage shelves', description: 'Create and remove shelves.' },
    ]);
    expect(orion.permissions().some((permission) => permission.module === 'tenancy')).toBe(true);
  });

  it('translates metric labels and descriptions per locale, one message for every currency', async () => {
    const german = await orion.statsAggregator.getStoreDashboardStats({
      storeId,
      platformId,
      context: { locale: 'de' },
    });
    expect(german.categories.shelf).toEqual([
      {
        key: 'shelf.revenue.EUR',
        value: 1,
        label: 'Umsatz',
        description: 'Eingenommenes Geld',
        category: 'shelf',
        unit: 'EUR',
      },
      { key: 'shelf.untranslated', value: 2, label: 'Left in English', category: 'shelf' },
    ]);
    const english = await orion.statsAggregator.getStoreDashboardStats({ storeId, platformId });
    expect(english.categories.shelf?.[0]?.label).toBe('Revenue');
  });

  it('translates the host’s error messages, and resolves locales to the four supported', () => {
    expect(orion.translator.error('de', 'ORION_ERR_PLATFORM_NOT_FOUND', { platformId: 9 }, 'x')).toBe(
      'Die Plattform 9 existiert nicht.',
    );
    expect(orion.translator.error('lb', 'ORION_ERR_PLATFORM_NOT_FOUND', { platformId: 9 }, 'x')).toBe(
      'D’Plattform 9 gëtt et net.',
    );
    expect(orion.translator.error('pt', 'ORION_ERR_PLATFORM_NOT_FOUND', { platformId: 9 }, 'x')).toBe(
      'Platform 9 does not exist.',
    );
    expect([resolveLocale('fr-LU'), resolveLocale('LB'), resolveLocale('pt-BR'), resolveLocale(undefined)]).toEqual([
      'fr',
      'lb',
      'en',
      'en',
    ]);
  });
});
