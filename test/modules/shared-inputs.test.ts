/**
 * The shared input rules of `@orion/contracts` over real HTTP, on every module route that takes an id
 * from text, a page, a currency or free text, on both databases (issue 15; issue 14 items 7, 8, 12):
 * one rule everywhere, a coded `ORION_ERR_VALIDATION` (400) for what breaks it, never a 500.
 */
import { catalogModule } from '../../packages/catalog/src/index.js';
import { cmsModule } from '../../packages/cms/src/index.js';
import { inventoryModule } from '../../packages/inventory/src/index.js';
import { customersModule } from '../../packages/customers/src/index.js';
import { marketplaceModule, parseFeedPrice } from '../../packages/marketplace/src/index.js';
import { ordersModule } from '../../packages/orders/src/index.js';
import type { TestHost } from '../../packages/testing/src/index.js';
import { describeEachDatabase, useTestHosts } from '../../packages/testing/src/vitest.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caller, headerContext, serveOverHttp, type RouteServer } from '../support/route-server.js';
import { rejectionOf } from '../support/rejection.js';

/** Ids as text that no route takes (URL-encoded where needed): each one is 400, never a lookup. */
const badIds = ['0x10', '1e3', '%2012', '12%20', '12.0', '-1', '0', '012', '%2B12', '1234567890123456', 'abc'];

/** `?limit=` / `?offset=` values that no list takes. */
const badPages = [
  'limit=0',
  'limit=201',
  'limit=0x10',
  'limit=1e2',
  'limit=%205',
  'offset=-1',
  'offset=1e3',
  'offset=5.0',
];

describe('feed prices', () => {
  it('refuse made-up currencies and keep each real one’s minor digits', () => {
    expect(parseFeedPrice('12.99 XYZ')).toEqual(expect.stringContaining('ISO 4217'));
    expect(parseFeedPrice('12.99 QQQ')).toEqual(expect.stringContaining('ISO 4217'));
    expect(parseFeedPrice('1299 JPY')).toEqual({ amount: 1299, currency: 'JPY' });
    expect(parseFeedPrice('12.345 KWD')).toEqual({ amount: 12_345, currency: 'KWD' });
    expect(typeof parseFeedPrice('12.5 JPY')).toBe('string');
  });
});

describeEachDatabase('shared input rules over HTTP', (dialect) => {
  const hosts = useTestHosts(dialect);
  let host: TestHost;
  let server: RouteServer;
  let platformId: number;
  let storeId: number;
  const call = caller(() => server);
  const everything = [
    'catalog.products.view',
    'catalog.products.manage',
    'orders.view',
    'orders.place',
    'orders.platform.view',
    'customers.view',
    'cms.view',
    'marketplace.imports.view',
    'marketplace.imports.create',
  ];

  beforeEach(async () => {
    host = await hosts.start({
      modules: [catalogModule, inventoryModule, ordersModule, customersModule, cmsModule, marketplaceModule],
    });
    ({ platformId, storeId } = await host.seedTenancy());
    server = await serveOverHttp(host.orion.createRequestHandler({ resolveContext: headerContext }));
  });
  afterEach(() => server?.close());

  const clerk = () => ({ platform: platformId, store: storeId, permissions: everything });

  it('refuses ids that are not plain decimal digits on every route that takes one, before any lookup', async () => {
    const routes = [
      (id: string) => `/api/v1/store/catalog/products/${id}`,
      (id: string) => `/api/v1/store/orders/orders/${id}`,
      (id: string) => `/api/v1/admin/orders/stores/${id}/orders`,
      (id: string) => `/api/v1/store/customers/customers/${id}`,
      (id: string) => `/api/v1/store/cms/pages/${id}`,
      (id: string) => `/api/v1/store/cms/media/${id}`,
      (id: string) => `/api/v1/store/marketplace/imports/${id}`,
    ];
    for (const route of routes) {
      const known = await call(clerk(), 'GET', route('16'));
      expect(known.status, route('16')).not.toBe(400); // a well-formed id is looked up (404 or 200)
      for (const id of badIds) {
        const answer = await call(clerk(), 'GET', route(id));
        expect(answer.status, route(id)).toBe(400);
        expect(answer.body.error.code, route(id)).toBe('ORION_ERR_VALIDATION');
      }
    }
  });

  it('takes one page rule on every list: limit 1 to 200, offset 0 to 2^31 - 1, digits only', async () => {
    const lists = [
      '/api/v1/store/catalog/products',
      '/api/v1/store/orders/orders',
      '/api/v1/store/customers/customers',
      '/api/v1/store/cms/pages',
      '/api/v1/store/cms/media',
      '/api/v1/store/marketplace/imports',
    ];
    for (const list of lists) {
      expect((await call(clerk(), 'GET', `${list}?limit=200&offset=2147483647`)).status, list).toBe(200);
      for (const page of badPages) {
        const answer = await call(clerk(), 'GET', `${list}?${page}`);
        expect(answer.status, `${list}?${page}`).toBe(400);
        expect(answer.body.error.code, `${list}?${page}`).toBe('ORION_ERR_VALIDATION');
      }
    }
  });

  it('refuses made-up currencies for products and orders', async () => {
    for (const currency of ['QQQ', 'XYZ', 'eur']) {
      const product = await call(clerk(), 'POST', '/api/v1/store/catalog/products', {
        sku: 'MUG-01',
        title: 'Mug',
        price: 1299,
        currency,
      });
      expect(product.status, currency).toBe(400);
      expect(product.body.error.issues, currency).toContainEqual(expect.objectContaining({ path: 'currency' }));
      const order = await call(clerk(), 'POST', '/api/v1/store/orders/orders', {
        customerEmail: 'ada@example.com',
        currency,
        items: [{ sku: 'MUG-01', quantity: 1, unitPrice: 1299 }],
      });
      expect(order.status, currency).toBe(400);
      expect(order.body.error.issues, currency).toContainEqual(expect.objectContaining({ path: 'currency' }));
    }
    const yen = await call(clerk(), 'POST', '/api/v1/store/catalog/products', {
      sku: 'MUG-01',
      title: 'Mug',
      price: 1299,
      currency: 'JPY',
    });
    expect(yen.status).toBe(201);
  });

  it('refuses NUL characters in text with a coded 400, and stores nothing', async () => {
    const product = await call(clerk(), 'POST', '/api/v1/store/catalog/products', {
      sku: 'MUG-01',
      title: 'Blue\u0000mug',
      price: 1299,
      currency: 'EUR',
    });
    expect(product.status).toBe(400);
    expect(product.body.error).toMatchObject({
      code: 'ORION_ERR_VALIDATION',
      issues: [expect.objectContaining({ path: 'title' })],
    });
    const order = await call(clerk(), 'POST', '/api/v1/store/orders/orders', {
      customerEmail: 'ada@example.com',
      items: [{ sku: 'MUG\u000001', quantity: 1, unitPrice: 1299 }],
    });
    expect(order.status).toBe(400);
    expect(order.body.error.code).toBe('ORION_ERR_VALIDATION');
    expect(order.body.error.issues).toContainEqual(expect.objectContaining({ path: 'items.0.sku' }));
    const upload = await call(clerk(), 'POST', '/api/v1/store/marketplace/imports?source=feed%00.csv', 'id,title\n');
    expect(upload.status).toBe(400);
    expect(upload.body.error.code).toBe('ORION_ERR_VALIDATION');
    expect(await host.db.selectFrom('products').selectAll().execute()).toEqual([]);
    expect(await host.db.selectFrom('orders').selectAll().execute()).toEqual([]);
    expect(await host.db.selectFrom('marketplace_import_jobs').selectAll().execute()).toEqual([]);
  });

  it('bounds dashboard windows to what both databases compute, refused before any provider runs', async () => {
    for (const context of [
      { period: '999999d' },
      { period: '3661d' },
      { period: '87841h' },
      { dateFrom: '0001-01-01', dateTo: '0001-02-01' },
      { dateTo: '0001-01-01T00:00:00Z' },
      { dateFrom: '1969-12-31', dateTo: '1970-01-02' },
      { dateFrom: '1970-01-01', dateTo: '2026-01-01' },
      { dateFrom: '9999-01-01', dateTo: '9999-12-31T23:59:59Z' },
    ]) {
      const store = await rejectionOf(host.storeDashboard({ storeId, platformId, context }));
      expect(store, JSON.stringify(context)).toMatchObject({ code: 'ORION_ERR_VALIDATION' });
      const admin = await rejectionOf(host.adminDashboard({ platformId, context }));
      expect(admin, JSON.stringify(context)).toMatchObject({ code: 'ORION_ERR_VALIDATION' });
    }
    // the edges of what is allowed: every provider answers, on both databases
    for (const context of [
      { period: '3660d' },
      { period: '87840h', includeTrends: true },
      { dateFrom: '1970-01-01', dateTo: '1980-01-01', includeTrends: true },
      { dateTo: '1970-01-02T00:00:00Z', period: '3660d', includeTrends: true },
      { dateFrom: '9989-01-02', dateTo: '9998-12-31T23:59:59.999Z', includeTrends: true },
    ]) {
      const store = await host.storeDashboard({ storeId, platformId, context });
      expect(store.failures, JSON.stringify(context)).toEqual([]);
      const admin = await host.adminDashboard({ platformId, context });
      expect(admin.failures, JSON.stringify(context)).toEqual([]);
    }
  });
});
