import { supportedLocales } from '@orion/contracts';
import { TenancyService } from '@orion/tenancy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
import type { TestHost } from '@orion/testing';
import { InventoryService, inventoryModule, type InventoryItem } from '../src/index.js';
import { headerContext, serveOverHttp, type RouteServer } from '../../../test/support/route-server.js';

/** The host, as the kit starts it. */
type Orion = TestHost['orion'];

/** The app's own authentication, here read from headers. */
const resolveContext = headerContext;

const view = 'inventory.stock.view';
const manage = 'inventory.stock.manage';
const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

interface ErrorBody {
  error: {
    code: string;
    message: string;
    details?: Record<string, unknown>;
    issues?: { path: string; message: string; code?: string }[];
  };
}

describe('inventory messages', () => {
  it('hold every English key in German, French and Luxembourgish, translated', () => {
    const messages = inventoryModule.messages as Record<string, Record<string, string>>;
    const english = messages.en!;
    for (const locale of supportedLocales) {
      expect(Object.keys(messages[locale] ?? {}).sort(), locale).toEqual(Object.keys(english).sort());
      if (locale === 'en') continue;
      // real translations: no message is the English one, except brand-like words
      const copied = Object.entries(messages[locale]!).filter(([key, value]) => value === english[key]);
      expect(copied, locale).toEqual([]);
    }
  });

  it('label every menu item and permission', () => {
    const english = inventoryModule.messages.en;
    for (const item of inventoryModule.menuItems) expect(english[`menu.${item.id}`], item.id).toBe(item.label);
    for (const permission of inventoryModule.permissions)
      expect(english[`permission.${permission.code}`], permission.code).toBe(permission.label);
  });
});

describeEachDatabase('inventory routes over HTTP', (dialect) => {
  const hosts = useTestHosts(dialect);
  let orion: Orion;
  let server: RouteServer;
  let platformId: number;
  let otherPlatformId: number;
  let storeId: number;
  let otherStoreId: number;

  beforeEach(async () => {
    ({ orion } = await hosts.start({ modules: [inventoryModule] }));
    const tenancy = new TenancyService(orion.db);
    platformId = (await tenancy.createPlatform({ code: 'on', name: 'On' })).id;
    otherPlatformId = (await tenancy.createPlatform({ code: 'off', name: 'Off' })).id;
    const merchant = await tenancy.createMerchant({ name: 'Acme' });
    storeId = (
      await tenancy.createStore({ merchantId: merchant.id, code: 'berlin', name: 'Berlin', defaultCurrency: 'EUR' })
    ).id;
    otherStoreId = (
      await tenancy.createStore({ merchantId: merchant.id, code: 'paris', name: 'Paris', defaultCurrency: 'EUR' })
    ).id;
    for (const id of [storeId, otherStoreId]) {
      await tenancy.addStoreToPlatform(id, platformId);
      await tenancy.addStoreToPlatform(id, otherPlatformId);
    }
    await orion.modules.disable(otherPlatformId, 'inventory');
    server = await serveOverHttp(orion.createRequestHandler({ resolveContext }));
  });
  afterEach(() => server.close());

  const call = (
    path: string,
    init: {
      method?: string;
      body?: unknown;
      rawBody?: string;
      platform?: number;
      store?: number | null;
      permissions?: string[];
      locale?: string;
    } = {},
  ) => {
    const headers = new Headers({ 'x-platform': String(init.platform ?? platformId) });
    if (init.store !== null) headers.set('x-store', String(init.store ?? storeId));
    if (init.permissions) headers.set('x-permissions', init.permissions.join(','));
    if (init.locale) headers.set('x-locale', init.locale);
    const body = init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
    if (body !== undefined) headers.set('content-type', 'application/json');
    return fetch(`${server.url}/api/v1/store/inventory${path}`, { method: init.method ?? 'GET', headers, body });
  };
  const json = async <T = unknown>(response: Response) => (await response.json()) as T;

  it('sets stock by body or path, adjusts it and lists the caller’s items', async () => {
    await new InventoryService(orion.db).setStock({ storeId: otherStoreId, sku: 'TSHIRT-RED-M', quantity: 7 });

    const set = await call('/items', {
      method: 'PUT',
      permissions: [manage],
      body: { sku: 'TSHIRT-RED-M', quantity: 40 },
    });
    expect(set.status).toBe(200);
    expect(await json(set)).toEqual<InventoryItem>({
      id: expect.any(Number),
      storeId,
      sku: 'TSHIRT-RED-M',
      location: 'default',
      quantity: 40,
      reservedQuantity: 0,
      availableQuantity: 40,
      lowStockThreshold: 0,
      updatedAt: expect.stringMatching(isoTimestamp),
    });

    const mug = await call('/items/MUG-1', {
      method: 'PUT',
      permissions: [manage],
      body: { quantity: 3, location: 'berlin-1', lowStockThreshold: 5 },
    });
    expect(mug.status).toBe(200);
    expect(await json(mug)).toMatchObject({
      storeId,
      sku: 'MUG-1',
      location: 'berlin-1',
      quantity: 3,
      lowStockThreshold: 5,
    });

    // a SKU with a slash reaches the route percent-encoded
    const slashed = await call(`/items/${encodeURIComponent('BOX/2')}`, {
      method: 'PUT',
      permissions: [manage],
      body: { quantity: 0 },
    });
    expect(await json(slashed)).toMatchObject({ sku: 'BOX/2', location: 'default', quantity: 0 });

    const adjusted = await call('/items/TSHIRT-RED-M/adjustments', {
      method: 'POST',
      permissions: [manage],
      body: { delta: -45 },
    });
    expect(adjusted.status).toBe(200);
    expect(await json(adjusted)).toMatchObject({
      storeId,
      sku: 'TSHIRT-RED-M',
      location: 'default',
      quantity: -5,
      availableQuantity: -5,
    });
    const atLocation = await call('/items/MUG-1/adjustments', {
      method: 'POST',
      permissions: [manage],
      body: { delta: 2, location: 'berlin-1' },
    });
    expect(await json(atLocation)).toMatchObject({ sku: 'MUG-1', location: 'berlin-1', quantity: 5 });

    const all = await call('/items', { permissions: [view] });
    expect(all.status).toBe(200);
    const items = await json<InventoryItem[]>(all);
    expect(items.map(({ storeId, sku, location, quantity }) => ({ storeId, sku, location, quantity }))).toEqual([
      { storeId, sku: 'BOX/2', location: 'default', quantity: 0 },
      { storeId, sku: 'MUG-1', location: 'berlin-1', quantity: 5 },
      { storeId, sku: 'TSHIRT-RED-M', location: 'default', quantity: -5 },
    ]);
    expect(await json(await call('/items?location=berlin-1', { permissions: [view] }))).toEqual([items[1]]);
    expect(await json(await call('/items?sku=TSHIRT-RED-M', { permissions: [view] }))).toEqual([items[2]]);
    expect(await json(await call('/items?sku=NOPE', { permissions: [view] }))).toEqual([]);
  });

  it('reaches only the caller’s store: a store named in the request is ignored or refused', async () => {
    await new InventoryService(orion.db).setStock({ storeId: otherStoreId, sku: 'SECRET', quantity: 7 });
    expect(await json(await call(`/items?storeId=${otherStoreId}`, { permissions: [view] }))).toEqual([]);
    const smuggled = await call('/items', {
      method: 'PUT',
      permissions: [manage],
      body: { sku: 'SECRET', quantity: 0, storeId: otherStoreId },
    });
    expect(smuggled.status).toBe(400);
    expect(await json(smuggled)).toMatchObject({
      error: { code: 'ORION_ERR_VALIDATION', issues: [expect.objectContaining({ path: '' })] },
    });
    expect((await new InventoryService(orion.db).getItem({ storeId: otherStoreId, sku: 'SECRET' })).quantity).toBe(7);
  });

  it('answers a refused change with 400 and the service’s coded error', async () => {
    await new InventoryService(orion.db).setStock({ storeId, sku: 'A-1', quantity: 999_999_999 });
    const refused = await call('/items/A-1/adjustments', { method: 'POST', permissions: [manage], body: { delta: 2 } });
    expect(refused.status).toBe(400);
    expect(await json(refused)).toMatchObject({
      error: {
        code: 'ORION_ERR_VALIDATION',
        details: {
          reason: 'quantity_out_of_range',
          delta: 2,
          quantity: 999_999_999,
          sku: 'A-1',
          location: 'default',
          storeId,
        },
        issues: [
          { path: 'delta', code: 'quantity_out_of_range', message: expect.stringContaining('outside ±1000000000') },
        ],
      },
    });
  });

  it('answers 403 without the route’s permission, and without a store in the context', async () => {
    const routes: [string, { method?: string; body?: unknown }, string][] = [
      ['/items', {}, view],
      ['/items', { method: 'PUT', body: { sku: 'A-1', quantity: 1 } }, manage],
      ['/items/A-1', { method: 'PUT', body: { quantity: 1 } }, manage],
      ['/items/A-1/adjustments', { method: 'POST', body: { delta: 1 } }, manage],
    ];
    for (const [path, init, permission] of routes) {
      const other = permission === view ? manage : view;
      const forbidden = await call(path, { ...init, permissions: [other] });
      expect(forbidden.status, `${init.method ?? 'GET'} ${path}`).toBe(403);
      expect(await json(forbidden)).toMatchObject({ error: { code: 'ORION_ERR_FORBIDDEN', details: { permission } } });

      const storeless = await call(path, { ...init, permissions: [view, manage], store: null, locale: 'de' });
      expect(storeless.status, `${init.method ?? 'GET'} ${path} without a store`).toBe(403);
      expect(await json(storeless)).toMatchObject({
        error: { code: 'ORION_ERR_FORBIDDEN', details: { permission }, message: expect.stringContaining(permission) },
      });
    }
    expect(await orion.db.selectFrom('inventory_items').selectAll().execute()).toEqual([]);
  });

  it('answers invalid input with 400 and the zod issues', async () => {
    const cases: [string, Parameters<typeof call>[1], string][] = [
      ['/items', { method: 'PUT', body: { sku: 'A-1', quantity: 'lots' } }, 'quantity'],
      ['/items', { method: 'PUT', body: { sku: 'A 1', quantity: 1 } }, 'sku'],
      ['/items', { method: 'PUT', body: { quantity: 1 } }, 'sku'],
      ['/items/A-1', { method: 'PUT', body: { quantity: 1.5 } }, 'quantity'],
      ['/items/A-1', { method: 'PUT', body: { quantity: 1, lowStockThreshold: -1 } }, 'lowStockThreshold'],
      ['/items/A-1', { method: 'PUT', body: { quantity: 1, location: '' } }, 'location'],
      ['/items/A-1/adjustments', { method: 'POST', body: { delta: 2_000_000_000 } }, 'delta'],
      ['/items/A-1/adjustments', { method: 'POST', body: {} }, 'delta'],
      [`/items/${'x'.repeat(65)}/adjustments`, { method: 'POST', body: { delta: 1 } }, 'sku'],
      ['/items?location=%20berlin', {}, 'location'],
      ['/items?sku=A&sku=B', {}, 'sku'],
    ];
    for (const [path, init, issuePath] of cases) {
      const response = await call(path, { ...init, permissions: [view, manage] });
      expect(response.status, `${init?.method ?? 'GET'} ${path}`).toBe(400);
      const body = await json<ErrorBody>(response);
      expect(body.error.code).toBe('ORION_ERR_VALIDATION');
      expect(
        body.error.issues?.map((issue) => issue.path),
        `${init?.method ?? 'GET'} ${path}`,
      ).toContain(issuePath);
    }
    const notJson = await call('/items/A-1', { method: 'PUT', permissions: [manage], rawBody: '{ quantity: 1' });
    expect(notJson.status).toBe(400);
    expect(await json(notJson)).toMatchObject({ error: { code: 'ORION_ERR_VALIDATION' } });
  });

  it('answers 404 for an item that does not exist', async () => {
    await new InventoryService(orion.db).setStock({ storeId, sku: 'A-1', quantity: 1 });
    for (const [path, body] of [
      ['/items/NOPE/adjustments', { delta: 1 }],
      ['/items/A-1/adjustments', { delta: 1, location: 'elsewhere' }],
    ] as const) {
      const response = await call(path, { method: 'POST', permissions: [manage], body });
      expect(response.status).toBe(404);
      expect(await json(response)).toMatchObject({
        error: { code: 'ORION_ERR_NOT_FOUND', details: { entity: 'Inventory item' } },
      });
    }
  });

  it('answers 404 like an unknown route where the module is disabled on the platform', async () => {
    const disabledPath = '/api/v1/store/inventory/items';
    const unknownPath = '/api/v1/store/inventory/nothing-here';
    const disabled = await call('/items', { platform: otherPlatformId, permissions: [view] });
    const unknown = await fetch(`${server.url}${unknownPath}`, {
      headers: { 'x-platform': String(otherPlatformId), 'x-store': String(storeId) },
    });
    expect(disabled.status).toBe(404);
    expect(unknown.status).toBe(404);
    const disabledBody = await json<ErrorBody>(disabled);
    expect(disabledBody.error.code).toBe('ORION_ERR_ROUTE_NOT_FOUND');
    expect(disabledBody).toEqual(JSON.parse(JSON.stringify(await json(unknown)).replaceAll(unknownPath, disabledPath)));
    const write = await call('/items/A-1/adjustments', {
      method: 'POST',
      platform: otherPlatformId,
      permissions: [manage],
      body: { delta: 1 },
    });
    expect(write.status).toBe(404);
    expect(await json<ErrorBody>(write)).toMatchObject({ error: { code: 'ORION_ERR_ROUTE_NOT_FOUND' } });
  });

  it('contributes a translated store menu item, shown with the view permission', async () => {
    expect(await orion.menu({ platformId, frontend: 'store', permissions: [view], locale: 'de' })).toEqual([
      {
        id: 'inventory.items',
        module: 'inventory',
        label: 'Lagerbestand',
        path: '/inventory',
        icon: 'package',
        order: 40,
      },
    ]);
    expect(await orion.menu({ platformId, frontend: 'store', permissions: [manage], locale: 'de' })).toEqual([]);
    expect(await orion.menu({ platformId, frontend: 'admin', permissions: [view, manage], locale: 'de' })).toEqual([]);
    expect(
      await orion.menu({ platformId: otherPlatformId, frontend: 'store', permissions: [view], locale: 'de' }),
    ).toEqual([]);
    expect(
      orion
        .permissions({ locale: 'lb' })
        .filter((permission) => permission.module === 'inventory')
        .map((permission) => permission.label),
    ).toEqual(['Lagerbestänn ukucken', 'Lagerbestänn verwalten', 'Bestand fir Bestellunge reservéieren a fräiginn']);
  });

  it('labels its dashboard metrics in the caller’s language, every metric it emits', async () => {
    await new InventoryService(orion.db).setStock({ storeId, sku: 'A-1', quantity: 3, lowStockThreshold: 5 });
    const french = await orion.statsAggregator.getStoreDashboardStats({
      storeId,
      platformId,
      context: { locale: 'fr' },
    });
    expect(french.categories.inventory?.map(({ key, value, label }) => ({ key, value, label }))).toEqual([
      { key: 'inventory.total_units', value: 3, label: 'Unités en stock' },
      { key: 'inventory.skus', value: 1, label: 'Références' },
      { key: 'inventory.low_stock', value: 1, label: 'Stock faible' },
      { key: 'inventory.out_of_stock', value: 0, label: 'En rupture de stock' },
      { key: 'inventory.locations', value: 1, label: 'Emplacements' },
    ]);
    expect(french.categories.inventory?.[3]?.description).toBe(
      'Articles dont la quantité est nulle ou négative, comptés par emplacement.',
    );

    const admin = await orion.statsAggregator.getAdminDashboardStats({ platformId, context: { locale: 'lb' } });
    const english = inventoryModule.messages.en;
    for (const metric of admin.categories.inventory ?? []) {
      expect(english[`metric.${metric.key}.label`], metric.key).toBeDefined();
      expect(english[`metric.${metric.key}.description`], metric.key).toBeDefined();
      expect(metric.label).toBe(inventoryModule.messages.lb?.[`metric.${metric.key}.label`]);
    }
    expect(admin.categories.inventory).toHaveLength(5);
  });
});
