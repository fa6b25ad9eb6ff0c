import type { RequestContext } from '@orion/contracts';
import { TenancyService } from '@orion/tenancy';
import type { TestHost } from '@orion/testing';
import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
import { beforeEach, expect, it } from 'vitest';
import { en } from '../src/messages/en.js';
import { OrdersService, ordersModule } from '../src/index.js';

const store = '/api/v1/store/orders';
const admin = '/api/v1/admin/orders';
const newOrder = {
  customerEmail: ' Ada@Example.com ',
  items: [
    { sku: 'TSHIRT-M', quantity: 2, unitPrice: 1299 },
    { sku: 'MUG', quantity: 1, unitPrice: 850 },
  ],
};

describeEachDatabase('orders routes', (dialect) => {
  const hosts = useTestHosts(dialect);
  let host: TestHost;
  let orion: TestHost['orion'];
  /** One request through the host's handler, as `context`: no server, no authentication. */
  const call = (context: RequestContext, method: string, path: string, body?: unknown) =>
    host.request(method, path, { context, body });
  /** Platform `on` has orders enabled, `off` has them disabled. */
  let on: number;
  let off: number;
  /** Two stores on `on`; `elsewhere` is only on `off`. */
  let shop: number;
  let neighbour: number;
  let elsewhere: number;
  let clerk: RequestContext;
  let operator: RequestContext;

  beforeEach(async () => {
    host = await hosts.start({ modules: [ordersModule] });
    orion = host.orion;
    const first = await host.seedTenancy();
    ({ platformId: on, storeId: shop } = first);
    neighbour = (await host.seedTenancy({ platformId: on, merchantId: first.merchantId })).storeId;
    ({ platformId: off, storeId: elsewhere } = await host.seedTenancy({ merchantId: first.merchantId }));
    await orion.modules.disable(off, 'orders');
    clerk = { platformId: on, storeId: shop, permissions: ['orders.view', 'orders.place', 'orders.manage'] };
    operator = { platformId: on, permissions: ['orders.platform.view'] };
  });

  it('places, lists, reads and progresses the caller’s store’s orders', async () => {
    const placed = await call(clerk, 'POST', `${store}/orders`, { ...newOrder, orderNumber: 'A-1001' });
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({
      storeId: shop,
      orderNumber: 'A-1001',
      customerEmail: 'ada@example.com',
      status: 'pending',
      currency: 'EUR',
      totalAmount: 2 * 1299 + 850,
      items: [
        { sku: 'TSHIRT-M', quantity: 2, unitPrice: 1299 },
        { sku: 'MUG', quantity: 1, unitPrice: 850 },
      ],
    });
    const second = await call(clerk, 'POST', `${store}/orders`, { ...newOrder, currency: 'JPY' });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({
      storeId: shop,
      currency: 'JPY',
      orderNumber: expect.stringMatching(/^ORD-\d{8}-/),
    });

    const page = await call(clerk, 'GET', `${store}/orders?limit=1&offset=1`);
    expect(page.status).toBe(200);
    expect(page.body).toEqual({ items: [expect.objectContaining({ storeId: shop })], total: 2, limit: 1, offset: 1 });
    const defaults = await call(clerk, 'GET', `${store}/orders`);
    expect(defaults.body).toMatchObject({ total: 2, limit: 50, offset: 0 });
    expect(defaults.body.items.map((order: { id: number }) => order.id).sort()).toEqual(
      [placed.body.id, second.body.id].sort(),
    );

    const read = await call(clerk, 'GET', `${store}/orders/${placed.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(placed.body);

    const paid = await call(clerk, 'PATCH', `${store}/orders/${placed.body.id}/status`, { status: 'paid' });
    expect(paid.status).toBe(200);
    const { items: _items, ...order } = placed.body;
    expect(paid.body).toEqual({ ...order, status: 'paid' });
  });

  it('acts on the context’s store only: a storeId in the body is refused, another store’s order is not found and stays unchanged', async () => {
    const withStore = await call(clerk, 'POST', `${store}/orders`, { ...newOrder, storeId: neighbour });
    expect(withStore.status).toBe(400);
    expect(withStore.body.error.issues).toEqual([expect.objectContaining({ code: 'unrecognized_keys' })]);

    const theirs = await new OrdersService(orion.db).placeOrder({ ...newOrder, storeId: neighbour });
    const unknownId = 2_000_000_000;
    const read = await call(clerk, 'GET', `${store}/orders/${theirs.id}`);
    const change = await call(clerk, 'PATCH', `${store}/orders/${theirs.id}/status`, { status: 'cancelled' });
    const unknownRead = await call(clerk, 'GET', `${store}/orders/${unknownId}`);
    const unknownChange = await call(clerk, 'PATCH', `${store}/orders/${unknownId}/status`, { status: 'cancelled' });
    for (const [answer, id] of [
      [read, theirs.id],
      [change, theirs.id],
      [unknownRead, unknownId],
      [unknownChange, unknownId],
    ] as const) {
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual({
        error: {
          code: 'ORION_ERR_NOT_FOUND',
          message: `Order ${id} does not exist.`,
          details: { entity: 'Order', id },
        },
      });
    }
    expect((await new OrdersService(orion.db).getOrder(theirs.id)).status).toBe('pending');
    const list = await call(clerk, 'GET', `${store}/orders`);
    expect(list.body).toMatchObject({ items: [], total: 0 });
  });

  it('answers 403 without the route’s permission, and for a store route without a store in the context', async () => {
    const order = await new OrdersService(orion.db).placeOrder({ ...newOrder, storeId: shop });
    const routes = [
      ['GET', `${store}/orders`, 'orders.view', undefined],
      ['GET', `${store}/orders/${order.id}`, 'orders.view', undefined],
      ['POST', `${store}/orders`, 'orders.place', newOrder],
      ['PATCH', `${store}/orders/${order.id}/status`, 'orders.manage', { status: 'paid' }],
    ] as const;
    for (const [method, path, permission, body] of routes) {
      const others = clerk.permissions.filter((code) => code !== permission);
      const forbidden = await call({ ...clerk, permissions: [...others, 'orders.platform.view'] }, method, path, body);
      expect(forbidden.status, `${method} ${path}`).toBe(403);
      expect(forbidden.body.error).toMatchObject({ code: 'ORION_ERR_FORBIDDEN', details: { permission } });
      const storeless = await call({ ...clerk, storeId: undefined }, method, path, body);
      expect(storeless.status, `${method} ${path} without a store`).toBe(403);
      expect(storeless.body.error).toMatchObject({ code: 'ORION_ERR_FORBIDDEN', details: { permission } });
    }
    // a store's permissions do not open the admin route
    const fromStore = await call(clerk, 'GET', `${admin}/stores/${shop}/orders`);
    expect(fromStore.status).toBe(403);
    expect(fromStore.body.error.details).toEqual({ permission: 'orders.platform.view' });
    expect((await new OrdersService(orion.db).getOrder(order.id)).status).toBe('pending');
  });

  it('answers 400 with the issues for bad input, 409 for a taken order number and 404 for unknown ids', async () => {
    const bad = [
      ['GET', `${store}/orders?limit=0`, undefined, 'limit'],
      ['GET', `${store}/orders?limit=201`, undefined, 'limit'],
      ['GET', `${store}/orders?offset=-1`, undefined, 'offset'],
      ['GET', `${store}/orders/abc`, undefined, 'orderId'],
      ['GET', `${store}/orders/0`, undefined, 'orderId'],
      ['POST', `${store}/orders`, { ...newOrder, items: [] }, 'items'],
      ['POST', `${store}/orders`, { ...newOrder, customerEmail: 'not an address' }, 'customerEmail'],
      ['POST', `${store}/orders`, { ...newOrder, currency: 'eur' }, 'currency'],
      [
        'POST',
        `${store}/orders`,
        { ...newOrder, items: [{ sku: 'A', quantity: 0, unitPrice: 1 }] },
        'items.0.quantity',
      ],
      ['PATCH', `${store}/orders/1/status`, { status: 'lost' }, 'status'],
      ['PATCH', `${store}/orders/1/status`, {}, 'status'],
      ['GET', `${admin}/stores/x/orders`, undefined, 'storeId'],
    ] as const;
    for (const [method, path, body, field] of bad) {
      const answer = await call(
        { ...clerk, permissions: [...clerk.permissions, 'orders.platform.view'] },
        method,
        path,
        body,
      );
      expect(answer.status, `${method} ${path}`).toBe(400);
      expect(answer.body.error.code).toBe('ORION_ERR_VALIDATION');
      expect(answer.body.error.issues, `${method} ${path}`).toContainEqual(expect.objectContaining({ path: field }));
    }
    const notJson = await call(clerk, 'POST', `${store}/orders`, '{ not json');
    expect(notJson.status).toBe(400);

    const order = await call(clerk, 'POST', `${store}/orders`, { ...newOrder, orderNumber: 'A-1' });
    const again = await call(clerk, 'POST', `${store}/orders`, { ...newOrder, orderNumber: 'A-1' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: 'ORION_ERR_CONFLICT',
      details: { entity: 'Order', field: 'orderNumber', value: 'A-1' },
    });

    const skipped = await call(clerk, 'PATCH', `${store}/orders/${order.body.id}/status`, { status: 'delivered' });
    expect(skipped.status).toBe(400);
    expect(skipped.body.error).toMatchObject({
      code: 'ORION_ERR_VALIDATION',
      details: { from: 'pending', to: 'delivered', allowed: ['paid', 'cancelled'] },
    });

    // A store that does not exist has no membership in the context's platform: the host refuses it
    // before the route runs (issue 14), so no route learns whether the id exists.
    const ghostStore = await call({ ...clerk, storeId: 2_000_000_000 }, 'GET', `${store}/orders`);
    expect(ghostStore.status).toBe(403);
    expect(ghostStore.body.error).toMatchObject({
      code: 'ORION_ERR_STORE_NOT_IN_PLATFORM',
      details: { storeId: 2_000_000_000, platformId: clerk.platformId },
    });
  });

  it('lists a platform store’s orders on the admin frontend, and no store of another platform', async () => {
    const service = new OrdersService(orion.db);
    await service.placeOrder({ ...newOrder, storeId: shop });
    await service.placeOrder({ ...newOrder, storeId: shop });
    await service.placeOrder({ ...newOrder, storeId: neighbour });
    await service.placeOrder({ ...newOrder, storeId: elsewhere });

    const page = await call(operator, 'GET', `${admin}/stores/${shop}/orders?limit=1`);
    expect(page.status).toBe(200);
    expect(page.body).toEqual({ items: [expect.objectContaining({ storeId: shop })], total: 2, limit: 1, offset: 0 });
    expect((await call(operator, 'GET', `${admin}/stores/${neighbour}/orders`)).body.total).toBe(1);

    for (const storeId of [elsewhere, 2_000_000_000]) {
      const hidden = await call(operator, 'GET', `${admin}/stores/${storeId}/orders`);
      expect(hidden.status).toBe(404);
      expect(hidden.body.error).toMatchObject({
        code: 'ORION_ERR_NOT_FOUND',
        details: { entity: 'Store', id: storeId },
      });
    }
    const tenancy = new TenancyService(orion.db);
    await tenancy.removeStoreFromPlatform(neighbour, on);
    expect((await call(operator, 'GET', `${admin}/stores/${neighbour}/orders`)).status).toBe(404);
  });

  it('serves the daily series for the caller’s store and for the platform, and refuses a bad window', async () => {
    const service = new OrdersService(orion.db);
    const placed = await service.placeOrder({ ...newOrder, storeId: shop });
    await service.placeOrder({ ...newOrder, storeId: neighbour, currency: 'JPY' });
    await service.placeOrder({ ...newOrder, storeId: elsewhere });
    const today = placed.createdAt.slice(0, 10);
    const lastDay = (body: { days: { date: string }[] }) => body.days.at(-1);

    const ownStore = await call(clerk, 'GET', `${store}/stats/daily?period=7d`);
    expect(ownStore.status).toBe(200);
    expect(ownStore.body.currencies).toEqual(['EUR']);
    expect(lastDay(ownStore.body)).toEqual({ date: today, orders: 1, revenue: { EUR: 34.48 } });

    const platform = await call(operator, 'GET', `${admin}/stats/daily?period=7d`);
    expect(platform.status).toBe(200);
    expect(platform.body.currencies).toEqual(['EUR', 'JPY']);
    expect(lastDay(platform.body)).toEqual({ date: today, orders: 2, revenue: { EUR: 34.48, JPY: 3448 } });

    const bad = await call(clerk, 'GET', `${store}/stats/daily?period=banana`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('ORION_ERR_VALIDATION');
    expect((await call(operator, 'GET', `${store}/stats/daily`)).status).toBe(403);
  });

  it('answers 404 on a platform where orders are disabled, exactly like a route that does not exist', async () => {
    const everything = [...clerk.permissions, 'orders.platform.view'];
    const routes = [
      ['GET', `${store}/orders`, undefined],
      ['GET', `${store}/orders/1`, undefined],
      ['POST', `${store}/orders`, newOrder],
      ['PATCH', `${store}/orders/1/status`, { status: 'paid' }],
      ['GET', `${admin}/stores/${elsewhere}/orders`, undefined],
      ['GET', `${store}/stats/daily`, undefined],
      ['GET', `${admin}/stats/daily`, undefined],
    ] as const;
    for (const [method, path, body] of routes) {
      for (const permissions of [everything, []]) {
        const disabled = await call({ platformId: off, storeId: elsewhere, permissions }, method, path, body);
        const unknown = await call(
          { platformId: off, storeId: elsewhere, permissions },
          method,
          `${path}/nothing-here`,
          body,
        );
        expect(disabled.status, `${method} ${path}`).toBe(404);
        expect(unknown.status).toBe(404);
        expect(disabled.body).toEqual(
          JSON.parse(JSON.stringify(unknown.body).replaceAll(`${path}/nothing-here`, path)),
        );
        expect(disabled.body.error.code).toBe('ORION_ERR_ROUTE_NOT_FOUND');
      }
    }
    expect(await new OrdersService(orion.db).listStoreOrders({ storeId: elsewhere })).toMatchObject({ total: 0 });
  });

  it('adds translated menu items, filtered by permission, on the platforms where orders are enabled', async () => {
    const storeMenu = await orion.menu({
      platformId: on,
      frontend: 'store',
      permissions: ['orders.view'],
      locale: 'de',
    });
    expect(storeMenu.filter((item) => item.module === 'orders')).toEqual([
      { id: 'orders.list', module: 'orders', label: 'Bestellungen', path: '/orders', icon: 'shopping-cart', order: 20 },
    ]);
    const adminMenu = await orion.menu({
      platformId: on,
      frontend: 'admin',
      permissions: ['orders.platform.view'],
      locale: 'fr',
    });
    expect(adminMenu.filter((item) => item.module === 'orders').map(({ id, label }) => ({ id, label }))).toEqual([
      { id: 'orders.store-orders', label: 'Commandes des boutiques' },
    ]);
    const lb = await orion.menu({ platformId: on, frontend: 'store', permissions: ['orders.view'], locale: 'lb-LU' });
    expect(lb.find((item) => item.id === 'orders.list')?.label).toBe('Bestellungen');
    expect(
      await orion.menu({ platformId: on, frontend: 'store', permissions: ['orders.place'], locale: 'de' }),
    ).toEqual([]);
    expect(await orion.menu({ platformId: on, frontend: 'admin', permissions: ['orders.view'], locale: 'de' })).toEqual(
      [],
    );
    expect(
      await orion.menu({ platformId: off, frontend: 'store', permissions: ['orders.view'], locale: 'de' }),
    ).toEqual([]);

    const permissions = orion.permissions({ locale: 'lb' }).filter((permission) => permission.module === 'orders');
    expect(permissions.map(({ code, label }) => ({ code, label }))).toEqual([
      { code: 'orders.view', label: 'Bestellunge kucken' },
      { code: 'orders.place', label: 'Bestellungen opginn' },
      { code: 'orders.manage', label: 'Bestellunge verwalten' },
      { code: 'orders.platform.view', label: 'Bestellunge vun de Butteker vun der Plattform kucken' },
    ]);
  });

  it('labels the dashboard metrics in the request’s locale, one message for every currency', async () => {
    const service = new OrdersService(orion.db);
    await service.placeOrder({ ...newOrder, storeId: shop });
    await service.placeOrder({ ...newOrder, storeId: shop, currency: 'USD' });
    const cancelled = await service.placeOrder({ ...newOrder, storeId: shop });
    await service.changeStatus(cancelled.id, 'cancelled');

    const french = await orion.statsAggregator.getStoreDashboardStats({
      storeId: shop,
      platformId: on,
      context: { locale: 'fr' },
    });
    const labels = (metrics: { key: string; label: string }[] | undefined) =>
      Object.fromEntries((metrics ?? []).map((metric) => [metric.key, metric.label]));
    expect(labels(french.categories.orders)).toEqual({
      'orders.total': 'Toutes les commandes',
      'orders.count': 'Commandes',
      'orders.cancelled': 'Commandes annulées',
      'orders.revenue.EUR': 'Chiffre d’affaires',
      'orders.revenue.USD': 'Chiffre d’affaires',
      'orders.average_order_value.EUR': 'Panier moyen',
      'orders.average_order_value.USD': 'Panier moyen',
    });
    expect(french.categories.orders?.find((metric) => metric.key === 'orders.revenue.USD')).toMatchObject({
      unit: 'USD',
      description:
        'Total des commandes passées pendant la période qui ne sont ni annulées ni remboursées, dans la devise de l’indicateur.',
    });
    const platform = await orion.statsAggregator.getAdminDashboardStats({ platformId: on, context: { locale: 'de' } });
    expect(labels(platform.categories.orders)['orders.average_order_value.EUR']).toBe('Durchschnittlicher Bestellwert');

    // the English messages say what the provider itself says, except that they leave out the currency
    const english = await orion.statsAggregator.getStoreDashboardStats({
      storeId: shop,
      platformId: on,
      context: { locale: 'en' },
    });
    const untranslated = await orion.statsAggregator.getStoreDashboardStats({ storeId: shop, platformId: on });
    for (const metric of untranslated.categories.orders ?? []) {
      const base = metric.key.replace(/\.[A-Z]{3}$/, '');
      const inEnglish = english.categories.orders?.find((other) => other.key === metric.key);
      expect(inEnglish?.label).toBe(en[`metric.${base}.label` as keyof typeof en]);
      if (metric.unit) expect(metric.label).toBe(`${inEnglish?.label} (${metric.unit})`);
      else expect(inEnglish).toEqual(metric);
    }
  });
});
