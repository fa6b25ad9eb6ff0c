/**
 * The demo server over real HTTP (Fastify listening on a free port) on a real database, with the
 * modules discovered from examples/server's package.json and a small fixture seeded through the
 * modules' own services: authentication, scopes, validation, dashboards, modules, menus, module
 * routes, health and metrics.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createOrion, TenancyService, type Orion } from '@orion/core';
import { OrdersService } from '@orion/orders';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { recordingLogger } from '../../../test/support/orion-host.js';
import { AccessTokens } from '../src/access/access-tokens.js';
import { demoAccessModule } from '../src/access/demo-access-module.js';
import { buildServer, type DemoServer } from '../src/server/build-server.js';

const appDir = fileURLToPath(new URL('..', import.meta.url));

interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON answer, read untyped: the assertions check its shape
  body: any;
  text: string;
  headers: Headers;
}

/** A fixture small enough to reason about: store A on L only, B on L and W, C on W only, D left L. */
interface Fixture {
  letzshop: number;
  wholesale: number;
  storeA: number;
  storeB: number;
  storeC: number;
  storeD: number;
  tokens: { storeA: string; storeB: string; storeC: string; storeD: string; adminL: string; adminW: string };
}

async function seedFixture(orion: Orion): Promise<Fixture> {
  const tenancy = new TenancyService(orion.db);
  const orders = new OrdersService(orion.db);
  const letzshop = (await tenancy.createPlatform({ code: 'letzshop', name: 'Letzshop' })).id;
  const wholesale = (await tenancy.createPlatform({ code: 'wholesale', name: 'Wholesale' })).id;
  const merchant = (await tenancy.createMerchant({ name: 'Velo Vert' })).id;
  const store = async (code: string, currency: string, platforms: number[]) => {
    const created = await tenancy.createStore({
      merchantId: merchant,
      code,
      name: `Store ${code}`,
      defaultCurrency: currency,
    });
    for (const platform of platforms) await tenancy.addStoreToPlatform(created.id, platform);
    const owner = await tenancy.createUser({ email: `owner@${code}.example`, name: `Owner ${code}` });
    await tenancy.addStoreUser({ storeId: created.id, userId: owner.id, role: 'owner' });
    return { id: created.id, owner: owner.id };
  };
  const a = await store('a', 'EUR', [letzshop]);
  const b = await store('b', 'CHF', [letzshop, wholesale]);
  const c = await store('c', 'EUR', [wholesale]);
  const d = await store('d', 'EUR', [letzshop]);
  await tenancy.removeStoreFromPlatform(d.id, letzshop);
  const yesterday = new Date(Date.now() - 86_400_000).toISOString();
  const lastWeek = new Date(Date.now() - 7 * 86_400_000).toISOString();
  const order = (storeId: number, currency: string, unitPrice: number, createdAt: string) =>
    orders.placeOrder({
      storeId,
      customerEmail: 'ada@example.com',
      currency,
      items: [{ sku: 'TEA', quantity: 2, unitPrice }],
      createdAt,
    });
  await order(a.id, 'EUR', 1250, yesterday);
  await order(a.id, 'EUR', 990, lastWeek);
  const cancelled = await order(a.id, 'EUR', 5000, yesterday);
  await orders.changeStatus(cancelled.id, 'cancelled');
  await order(b.id, 'CHF', 4000, yesterday);
  await order(b.id, 'EUR', 1500, lastWeek);
  await order(c.id, 'GBP', 700, yesterday);
  const admin = await tenancy.createUser({ email: 'admin@example.com', name: 'Admin' });
  const issuer = new AccessTokens(orion.db);
  const storeToken = (storeId: number, userId: number, label: string) =>
    issuer.issue({ kind: 'store', storeId, userId, label });
  return {
    letzshop,
    wholesale,
    storeA: a.id,
    storeB: b.id,
    storeC: c.id,
    storeD: d.id,
    tokens: {
      storeA: await storeToken(a.id, a.owner, 'store:a'),
      storeB: await storeToken(b.id, b.owner, 'store:b'),
      storeC: await storeToken(c.id, c.owner, 'store:c'),
      storeD: await storeToken(d.id, d.owner, 'store:d'),
      adminL: await issuer.issue({ kind: 'platform', platformId: letzshop, userId: admin.id, label: 'admin:letzshop' }),
      adminW: await issuer.issue({
        kind: 'platform',
        platformId: wholesale,
        userId: admin.id,
        label: 'admin:wholesale',
      }),
    },
  };
}

async function listening(server: DemoServer): Promise<string> {
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
}

/** Every metric label of a dashboard by key. */
function labels(stats: { categories: Record<string, { key: string; label: string }[]> }): Record<string, string> {
  return Object.fromEntries(
    Object.values(stats.categories)
      .flat()
      .map((metric) => [metric.key, metric.label]),
  );
}

/** A stack trace's tell-tale lines, or a leaked `stack` field. */
const stackPattern = /"stack"|\n\s+at |at [\w.]+ \(/;

describeEachDatabase('the demo server', (dialect) => {
  let database: TestDatabase;
  let orion: Orion;
  let server: DemoServer;
  let base: string;
  let fx: Fixture;
  const logger = recordingLogger();

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    orion = await createOrion({
      cwd: appDir,
      database: database.url,
      modules: [demoAccessModule],
      discover: true,
      logger,
    });
    fx = await seedFixture(orion);
    server = buildServer({ logger, metricsCacheMs: 0, processMetrics: false });
    base = await listening(server);
    server.attach(orion);
  });
  afterAll(async () => {
    await server?.app.close();
    await orion?.close();
    await database?.drop();
  });

  async function call(
    path: string,
    options: { token?: string; method?: string; headers?: Record<string, string>; body?: string } = {},
  ): Promise<Answer> {
    const headers = new Headers(options.headers);
    if (options.token) headers.set('authorization', `Bearer ${options.token}`);
    const response = await fetch(`${base}${path}`, {
      method: options.method ?? 'GET',
      headers,
      ...(options.body === undefined ? {} : { body: options.body }),
    });
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { status: response.status, body, text, headers: response.headers };
  }
  const post = (path: string, token: string, body: unknown) =>
    call(path, { token, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('answers 503 with ORION_ERR_NOT_READY until attached, /health/live at once, /health/ready once attached', async () => {
    const starting = buildServer({ logger, processMetrics: false });
    const url = await listening(starting);
    try {
      expect((await fetch(`${url}/health/live`)).status).toBe(200);
      expect((await fetch(`${url}/health/ready`)).status).toBe(503);
      expect((await fetch(`${url}/health`)).status).toBe(503);
      for (const path of ['/api/v1/session', '/api/v1/store/orders/orders', '/metrics', '/']) {
        const response = await fetch(`${url}${path}`, { headers: { 'accept-language': 'de-LU' } });
        expect(response.status, path).toBe(503);
        const { error } = (await response.json()) as { error: { code: string; message: string } };
        expect(error.code).toBe('ORION_ERR_NOT_READY');
        expect(error.message).toMatch(/Server startet noch/);
      }
      starting.attach(orion);
      expect((await fetch(`${url}/health/ready`)).status).toBe(200);
      const session = await fetch(`${url}/api/v1/session`, {
        headers: { authorization: `Bearer ${fx.tokens.adminL}` },
      });
      expect(session.status).toBe(200);
      starting.markStopping();
      expect((await fetch(`${url}/health/ready`)).status).toBe(503);
    } finally {
      await starting.app.close();
    }
  });

  it('answers 401 without a token, with a malformed one and with an unknown one, on the API and on module routes', async () => {
    const unknown = 'orion_store_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    for (const path of [
      '/api/v1/session',
      `/api/v1/platforms/${fx.letzshop}/dashboard`,
      '/api/v1/store/orders/orders',
      '/api/v1/admin/orders/stores/1/orders',
    ]) {
      for (const headers of [
        {},
        { authorization: 'Basic abc' },
        { authorization: `Bearer ${unknown}` },
        { authorization: 'Bearer ' },
      ] as Record<string, string>[]) {
        const answer = await call(path, { headers });
        expect(answer.status, `${path} ${JSON.stringify(headers)}`).toBe(401);
        expect(answer.body.error.code).toBe('ORION_ERR_UNAUTHENTICATED');
      }
    }
  });

  it('tells a token who it is: a store with its active platforms, a platform admin with its platform', async () => {
    const b = await call('/api/v1/session', { token: fx.tokens.storeB });
    expect(b.status).toBe(200);
    expect(b.body).toMatchObject({ kind: 'store', label: 'store:b', storeId: fx.storeB, storeName: 'Store b' });
    expect(b.body.platforms).toEqual([
      { id: fx.letzshop, code: 'letzshop', name: 'Letzshop' },
      { id: fx.wholesale, code: 'wholesale', name: 'Wholesale' },
    ]);
    expect(b.body.permissions).toContain('orders.view');
    expect(b.body.permissions).not.toContain('orders.platform.view');
    const d = await call('/api/v1/session', { token: fx.tokens.storeD });
    expect(d.body.platforms).toEqual([]); // its only membership is inactive
    const admin = await call('/api/v1/session', { token: fx.tokens.adminW });
    expect(admin.body).toMatchObject({ kind: 'platform', label: 'admin:wholesale', platformId: fx.wholesale });
    expect(admin.body.platforms).toEqual([{ id: fx.wholesale, code: 'wholesale', name: 'Wholesale' }]);
    expect(admin.body.permissions).toContain('orders.platform.view');
  });

  it('shows a store token its own store dashboard, exactly as the aggregator computes it', async () => {
    const dateFrom = new Date(Date.now() - 30 * 86_400_000).toISOString();
    const dateTo = new Date(Date.now() + 3_600_000).toISOString();
    const answer = await call(
      `/api/v1/platforms/${fx.letzshop}/stores/${fx.storeA}/dashboard?period=30d&includeTrends=true&dateFrom=${dateFrom}&dateTo=${dateTo}`,
      { token: fx.tokens.storeA },
    );
    expect(answer.status).toBe(200);
    const expected = await orion.statsAggregator.getStoreDashboardStats({
      storeId: fx.storeA,
      platformId: fx.letzshop,
      context: { period: '30d', includeTrends: true, dateFrom, dateTo, locale: 'en' },
    });
    expect(expected.failures).toEqual([]);
    expect(answer.body).toEqual(JSON.parse(JSON.stringify(expected)));
    const revenue = answer.body.categories.orders.find(
      (metric: { key: string }) => metric.key === 'orders.revenue.EUR',
    );
    expect(revenue.value).toBe(44.8); // 2 × 12.50 + 2 × 9.90 (the cancelled order is not revenue)
    expect(answer.body.categories).not.toHaveProperty('demo-access');
  });

  it('keeps store tokens to their own store on their own platforms, and platform tokens to their platform', async () => {
    const storeDashboard = (platform: number, store: number, token: string) =>
      call(`/api/v1/platforms/${platform}/stores/${store}/dashboard`, { token });
    const otherStore = await storeDashboard(fx.letzshop, fx.storeB, fx.tokens.storeA);
    expect(otherStore.status).toBe(403);
    expect(otherStore.body.error).toMatchObject({
      code: 'ORION_ERR_FORBIDDEN',
      details: { permission: `store:${fx.storeB}` },
    });
    const otherPlatform = await storeDashboard(fx.wholesale, fx.storeA, fx.tokens.storeA);
    expect(otherPlatform.status).toBe(403);
    expect(otherPlatform.body.error).toMatchObject({
      code: 'ORION_ERR_FORBIDDEN',
      details: { permission: `platform:${fx.wholesale}` },
    });
    expect((await storeDashboard(fx.wholesale, fx.storeB, fx.tokens.storeB)).status).toBe(200);
    expect((await storeDashboard(fx.letzshop, fx.storeD, fx.tokens.storeD)).status).toBe(403); // inactive membership

    const admin = await call(`/api/v1/platforms/${fx.letzshop}/dashboard`, { token: fx.tokens.adminL });
    expect(admin.status).toBe(200);
    expect(admin.body).toMatchObject({ scope: 'platform', platformId: fx.letzshop });
    expect(admin.body.categories.tenancy.find((m: { key: string }) => m.key === 'tenancy.total_stores').value).toBe(2);
    const foreign = await call(`/api/v1/platforms/${fx.wholesale}/dashboard`, { token: fx.tokens.adminL });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('ORION_ERR_FORBIDDEN');
    expect((await call(`/api/v1/platforms/${fx.letzshop}/dashboard`, { token: fx.tokens.storeA })).status).toBe(403);

    expect((await storeDashboard(fx.letzshop, fx.storeB, fx.tokens.adminL)).status).toBe(200);
    const notMember = await storeDashboard(fx.letzshop, fx.storeC, fx.tokens.adminL);
    expect(notMember.status).toBe(403);
    expect(notMember.body.error.code).toBe('ORION_ERR_STORE_NOT_IN_PLATFORM');
    expect((await storeDashboard(fx.wholesale, fx.storeC, fx.tokens.adminL)).status).toBe(403);
  });

  it('answers 404 for an unknown platform or store, before any scope check', async () => {
    const platform = await call('/api/v1/platforms/99999/dashboard', { token: fx.tokens.adminL });
    expect(platform.status).toBe(404);
    expect(platform.body.error).toMatchObject({ code: 'ORION_ERR_PLATFORM_NOT_FOUND', details: { platformId: 99999 } });
    const store = await call(`/api/v1/platforms/${fx.letzshop}/stores/99999/dashboard`, { token: fx.tokens.storeA });
    expect(store.status).toBe(404);
    expect(store.body.error).toMatchObject({ code: 'ORION_ERR_NOT_FOUND', details: { entity: 'Store', id: 99999 } });
    expect(
      (await call(`/api/v1/platforms/99999/stores/${fx.storeA}/dashboard`, { token: fx.tokens.storeA })).status,
    ).toBe(404);
    expect((await call('/api/v1/platforms/99999/modules', { token: fx.tokens.adminL })).status).toBe(404);
    expect((await call('/api/v1/no-such-thing', { token: fx.tokens.adminL })).body.error.code).toBe(
      'ORION_ERR_ROUTE_NOT_FOUND',
    );
  });

  it('answers 400 with the coded validation error, and never a 500 or a stack, for bad input', async () => {
    const dashboard = `/api/v1/platforms/${fx.letzshop}/dashboard`;
    const cases: [string, string, string][] = [
      [`${dashboard}?period=banana`, fx.tokens.adminL, 'period'],
      [`${dashboard}?includeTrends=maybe`, fx.tokens.adminL, 'includeTrends'],
      [`${dashboard}?dateFrom=yesterday`, fx.tokens.adminL, 'dateFrom'],
      [`${dashboard}?dateFrom=2026-02-01&dateTo=2026-01-01`, fx.tokens.adminL, 'dateFrom'],
      [`${dashboard}?period=7d&period=30d`, fx.tokens.adminL, 'period'],
      [`${dashboard}?locale=${'x'.repeat(40)}`, fx.tokens.adminL, 'locale'],
      ['/api/v1/platforms/abc/dashboard', fx.tokens.adminL, ''],
      ['/api/v1/platforms/1.5/dashboard', fx.tokens.adminL, ''],
      ['/api/v1/platforms/-1/dashboard', fx.tokens.adminL, ''],
      ['/api/v1/platforms/1e3/dashboard', fx.tokens.adminL, ''],
      ...['0x10', '%2012', '12%20', '12.0', '0', '012', '%2B12'].map((id): [string, string, string] => [
        `/api/v1/platforms/${id}/dashboard`,
        fx.tokens.adminL,
        '',
      ]),
      [`${dashboard}?period=999999d`, fx.tokens.adminL, 'period'],
      [`${dashboard}?dateFrom=0001-01-01&dateTo=0001-02-01`, fx.tokens.adminL, 'dateFrom'],
      [`${dashboard}?dateFrom=1970-01-01&dateTo=2026-01-01`, fx.tokens.adminL, 'dateFrom'],
      ['/api/v1/platforms/99999999999/dashboard', fx.tokens.adminL, ''],
      [`/api/v1/platforms/${fx.letzshop}/stores/x/dashboard`, fx.tokens.storeA, ''],
      [`/api/v1/platforms/${fx.letzshop}/menu?frontend=kitchen`, fx.tokens.storeA, ''],
    ];
    for (const [path, token, issuePath] of cases) {
      const answer = await call(path, { token });
      expect(answer.status, path).toBe(400);
      expect(answer.body.error.code, path).toBe('ORION_ERR_VALIDATION');
      expect(
        answer.body.error.issues.map((issue: { path: string }) => issue.path),
        path,
      ).toContain(issuePath);
      expect(answer.text, path).not.toMatch(stackPattern);
    }
    const enable = `/api/v1/platforms/${fx.letzshop}/modules/orders/enable`;
    for (const body of ['{"dryRun":', '[1]', '"yes"', '{"dryRun":"yes"}', '{"dryRun":true,"force":true}']) {
      const answer = await call(enable, {
        token: fx.tokens.adminL,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(answer.status, body).toBe(400);
      expect(answer.body.error.code, body).toBe('ORION_ERR_VALIDATION');
      expect(answer.text, body).not.toMatch(stackPattern);
    }
    const plain = await call(enable, {
      token: fx.tokens.adminL,
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'dryRun',
    });
    expect(plain.status).toBe(400);
    const badUrl = await call('/api/v1/platforms/%E0%A4%A/dashboard', { token: fx.tokens.adminL });
    expect(badUrl.status).toBe(400);
    expect(badUrl.body.error.code).toBe('ORION_ERR_VALIDATION');
    expect(logger.entries.filter((entry) => entry.level === 'error')).toEqual([]);
  });

  it('translates labels for ?locale= and for Accept-Language, and error messages too', async () => {
    const dashboard = `/api/v1/platforms/${fx.letzshop}/dashboard`;
    const english = labels((await call(dashboard, { token: fx.tokens.adminL })).body);
    const german = labels((await call(`${dashboard}?locale=de`, { token: fx.tokens.adminL })).body);
    const french = labels(
      (
        await call(dashboard, {
          token: fx.tokens.adminL,
          headers: { 'accept-language': 'pt-BR, fr-LU;q=0.8, en;q=0.5' },
        })
      ).body,
    );
    expect(english['tenancy.total_stores']).toBe('Stores');
    expect(german['tenancy.total_stores']).toBe('Shops');
    expect(french['tenancy.total_stores']).toBe('Boutiques');
    const expectedGerman = await orion.statsAggregator.getAdminDashboardStats({
      platformId: fx.letzshop,
      context: { locale: 'de' },
    });
    expect(german).toEqual(labels(expectedGerman));
    const forbidden = await call(`/api/v1/platforms/${fx.wholesale}/dashboard`, {
      token: fx.tokens.adminL,
      headers: { 'accept-language': 'fr' },
    });
    expect(forbidden.body.error.message).toMatch(/autorisation/);
  });

  it('serves the menus for the token’s frontend, translated, and refuses the other frontend', async () => {
    const store = await call(`/api/v1/platforms/${fx.letzshop}/menu?frontend=store&locale=de`, {
      token: fx.tokens.storeA,
    });
    expect(store.status).toBe(200);
    expect(store.body.items.map((item: { module: string }) => item.module)).toEqual(
      expect.arrayContaining(['orders', 'catalog', 'inventory', 'marketplace']),
    );
    const english = await call(`/api/v1/platforms/${fx.letzshop}/menu`, { token: fx.tokens.storeA });
    expect(store.body.items.map((item: { label: string }) => item.label)).not.toEqual(
      english.body.items.map((item: { label: string }) => item.label),
    );
    const admin = await call(`/api/v1/platforms/${fx.letzshop}/menu?frontend=admin`, { token: fx.tokens.adminL });
    expect(admin.status).toBe(200);
    expect(admin.body.items.length).toBeGreaterThan(0);
    expect(
      (await call(`/api/v1/platforms/${fx.letzshop}/menu?frontend=admin`, { token: fx.tokens.storeA })).status,
    ).toBe(403);
    expect(
      (await call(`/api/v1/platforms/${fx.letzshop}/menu?frontend=store`, { token: fx.tokens.adminL })).status,
    ).toBe(403);
    expect((await call(`/api/v1/platforms/${fx.wholesale}/menu`, { token: fx.tokens.storeA })).status).toBe(403);
  });

  it('mounts the module routes with the token’s context: a store token names its platform, a platform token only reaches admin routes', async () => {
    const storeOrders = (token: string, platform?: string) =>
      call('/api/v1/store/orders/orders', {
        token,
        headers: platform === undefined ? {} : { 'x-orion-platform': platform },
      });
    const own = await storeOrders(fx.tokens.storeB, String(fx.wholesale));
    expect(own.status).toBe(200);
    expect(own.body.items.map((order: { storeId: number }) => order.storeId)).toEqual([fx.storeB, fx.storeB]);
    for (const platform of [undefined, '', 'abc', '99999', String(fx.wholesale)]) {
      const answer = await storeOrders(fx.tokens.storeA, platform);
      expect(answer.status, String(platform)).toBe(403);
      expect(answer.body.error.code).toBe('ORION_ERR_FORBIDDEN');
    }
    expect((await storeOrders(fx.tokens.adminL, String(fx.letzshop))).status).toBe(403);
    const adminPath = `/api/v1/admin/orders/stores/${fx.storeA}/orders`;
    expect(
      (await call(adminPath, { token: fx.tokens.storeA, headers: { 'x-orion-platform': String(fx.letzshop) } })).status,
    ).toBe(403);
    const admin = await call(adminPath, { token: fx.tokens.adminL });
    expect(admin.status).toBe(200);
    expect(admin.body.items).toHaveLength(3);
    expect((await call(adminPath, { token: fx.tokens.adminW })).status).toBe(404); // store A is not on wholesale
  });

  it('exports each platform’s admin dashboard numbers as gauges by platform and currency, without store labels', async () => {
    const answer = await call('/metrics');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/plain/);
    const series = new Map<string, number>();
    for (const line of answer.text.split('\n')) {
      const match = /^(orion_dashboard_\w+)\{([^}]*)\} (\S+)$/.exec(line);
      if (match) series.set(`${match[1]}{${match[2]}}`, Number(match[3]));
    }
    const expected = new Map<string, number>();
    for (const [id, code] of [
      [fx.letzshop, 'letzshop'],
      [fx.wholesale, 'wholesale'],
    ] as const) {
      const stats = await orion.statsAggregator.getAdminDashboardStats({ platformId: id, context: { period: '30d' } });
      for (const metric of Object.values(stats.categories).flat()) {
        if (typeof metric.value !== 'number') continue;
        const currency = /\.([A-Z]{3})$/.exec(metric.key)?.[1];
        const key = currency ? metric.key.slice(0, -4) : metric.key;
        const base = key
          .replace(/[.-]/g, '_')
          .replace(/_count$/, '')
          .replace(/_(total|sum)$/, '_overall');
        const name = `orion_dashboard_${base}${metric.unit === '%' ? '_percent' : ''}`;
        expected.set(`${name}{platform="${code}"${currency ? `,currency="${currency}"` : ''}}`, metric.value);
      }
    }
    expect(expected.get('orion_dashboard_orders_revenue{platform="letzshop",currency="CHF"}')).toBe(80);
    expect(expected.get('orion_dashboard_orders_revenue{platform="wholesale",currency="GBP"}')).toBe(14);
    expect(expected.get('orion_dashboard_orders{platform="letzshop"}')).toBe(5); // orders.count: placed in the window
    expect(expected.get('orion_dashboard_orders_overall{platform="letzshop"}')).toBe(5); // orders.total: ever placed
    expect(series).toEqual(expected);
    expect(answer.text).not.toMatch(/store(_id)?="/);
    expect(answer.text).toMatch(/# TYPE orion_dashboard_orders_revenue gauge/);
  });

  it('passes `promtool check metrics` on /metrics (Prometheus naming rules: no _count or _total on gauges)', async (context) => {
    const promtool = '/usr/bin/promtool';
    if (!existsSync(promtool)) {
      if (process.env.CI === 'true') throw new Error(`${promtool} is missing (apt-get install prometheus)`);
      console.warn(`skipped: ${promtool} is not installed (apt-get install prometheus)`);
      return context.skip();
    }
    const answer = await call('/metrics');
    expect(answer.text).toMatch(/^orion_dashboard_orders\{/m);
    const checked = spawnSync(promtool, ['check', 'metrics'], { input: answer.text, encoding: 'utf8' });
    expect(`${checked.stdout}${checked.stderr}`).toBe('');
    expect(checked.status).toBe(0);
  });

  it('answers a 20 KB URL or header with 431 and Orion’s error body, not Fastify’s', async () => {
    const { hostname, port } = new URL(base);
    for (const request of [
      `GET /api/v1/session?${'q'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
      `GET /api/v1/session HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`,
    ]) {
      const received = await new Promise<string>((resolve) => {
        const socket = connect(Number(port), hostname);
        let text = '';
        socket.on('data', (data: Buffer) => (text += data.toString()));
        socket.on('error', () => undefined);
        socket.on('close', () => resolve(text));
        socket.write(request);
      });
      expect(received.slice(9, 12)).toBe('431');
      expect(JSON.parse(received.split('\r\n\r\n')[1]!)).toEqual({
        error: {
          code: 'ORION_ERR_REQUEST_HEADERS_TOO_LARGE',
          message: 'The request line or headers are too large (16384 bytes at most).',
          details: { limit: 16384 },
        },
      });
    }
  });

  it('answers /health with the library’s report, without messages', async () => {
    const answer = await call('/health');
    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe('healthy');
    expect(answer.body.database).toEqual({ status: 'healthy', durationMs: expect.any(Number) });
    // the library's handler: no check's message or details reach an unauthenticated caller
    expect(answer.text).not.toMatch(/"(message|details)"/);
    expect((await call('/health/ready')).body).toEqual({ status: 'ready' });
  });

  it('lists the modules, previews and applies a disable cascade, and brings the modules back', async () => {
    const modulesPath = `/api/v1/platforms/${fx.letzshop}/modules`;
    const listed = await call(modulesPath, { token: fx.tokens.adminL });
    expect(listed.status).toBe(200);
    expect(listed.body.modules.map((module: { code: string }) => module.code)).toEqual(
      orion.registry.codes().filter((code) => code !== demoAccessModule.code),
    );
    expect(listed.body.modules.find((module: { code: string }) => module.code === 'marketplace')).toMatchObject({
      tier: 'optional',
      packageName: '@orion/marketplace',
      requires: ['inventory'],
      enabled: true,
    });
    expect(listed.body.modules.find((module: { code: string }) => module.code === 'tenancy')).toMatchObject({
      tier: 'core',
      enabled: true,
    });
    expect((await call(modulesPath, { token: fx.tokens.storeA })).status).toBe(403);
    expect((await call(modulesPath, { token: fx.tokens.adminW })).status).toBe(403);

    const disable = `${modulesPath}/inventory/disable`;
    const preview = await post(disable, fx.tokens.adminL, { dryRun: true });
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({
      platformId: fx.letzshop,
      code: 'inventory',
      action: 'disable',
      changed: ['marketplace', 'inventory'],
      dryRun: true,
      hookFailures: [],
    });
    const enabledAfterPreview = (await call(modulesPath, { token: fx.tokens.adminL })).body.modules.filter(
      (m: { enabled: boolean }) => m.enabled,
    );
    expect(enabledAfterPreview.map((m: { code: string }) => m.code)).toEqual(
      expect.arrayContaining(['inventory', 'marketplace']),
    );

    const adminDashboard = async () =>
      (await call(`/api/v1/platforms/${fx.letzshop}/dashboard`, { token: fx.tokens.adminL })).body.categories;
    const inventoryItems = () =>
      call('/api/v1/store/inventory/items', {
        token: fx.tokens.storeA,
        headers: { 'x-orion-platform': String(fx.letzshop) },
      });
    expect(Object.keys(await adminDashboard())).toEqual(expect.arrayContaining(['inventory', 'marketplace']));
    expect((await inventoryItems()).status).toBe(200);

    const applied = await post(disable, fx.tokens.adminL, {});
    expect(applied.body).toMatchObject({ changed: ['marketplace', 'inventory'], dryRun: false });
    expect(Object.keys(await adminDashboard())).not.toContain('inventory');
    expect(Object.keys(await adminDashboard())).not.toContain('marketplace');
    const gone = await inventoryItems();
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('ORION_ERR_ROUTE_NOT_FOUND');
    const metrics = await call('/metrics');
    expect(metrics.text).not.toMatch(/orion_dashboard_inventory_\w+\{platform="letzshop"/);
    expect(metrics.text).toMatch(/orion_dashboard_inventory_\w+\{platform="wholesale"/);
    const wholesale = await call(`/api/v1/platforms/${fx.wholesale}/dashboard`, { token: fx.tokens.adminW });
    expect(Object.keys(wholesale.body.categories)).toContain('inventory');

    const again = await post(disable, fx.tokens.adminL, {});
    expect(again.body.changed).toEqual([]);
    const enabled = await call(`${modulesPath}/marketplace/enable`, { token: fx.tokens.adminL, method: 'POST' });
    expect(enabled.status).toBe(200);
    expect(enabled.body.changed).toEqual(['inventory', 'marketplace']);
    expect(Object.keys(await adminDashboard())).toEqual(expect.arrayContaining(['inventory', 'marketplace']));
    expect((await inventoryItems()).status).toBe(200);

    const core = await post(`${modulesPath}/tenancy/disable`, fx.tokens.adminL, {});
    expect(core.status).toBe(409);
    expect(core.body.error.code).toBe('ORION_ERR_MODULE_ALWAYS_ENABLED');
    const unknown = await post(`${modulesPath}/no-such-module/enable`, fx.tokens.adminL, {});
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('ORION_ERR_MODULE_NOT_INSTALLED');
    expect((await post(`${modulesPath}/orders/disable`, fx.tokens.storeA, {})).status).toBe(403);
    expect(logger.entries.filter((entry) => entry.level === 'error')).toEqual([]);
  });

  it('serves the page and the chart.js UMD build, and nothing outside public/assets', async () => {
    const page = await call('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const chart = await call('/assets/vendor/chart.umd.js');
    expect(chart.status).toBe(200);
    expect(chart.headers.get('content-type')).toMatch(/javascript/);
    expect(chart.text).toMatch(/Chart/);
    for (const path of [
      '/assets/../package.json',
      '/assets/%2e%2e/package.json',
      '/assets/..%2f..%2fpackage.json',
      '/assets/missing.js',
    ]) {
      const answer = await call(path);
      expect(answer.status, path).toBe(404);
      expect(answer.text, path).not.toMatch(/"@orion\/example-server"/);
    }
  });
});
