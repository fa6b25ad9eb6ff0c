/**
 * The hostile suite's authorization across tenants (issue 14), over real HTTP on both databases:
 * every installed module route (listed from `orion.registry`, not by hand) called with contexts
 * naming another tenant's store, another platform, a store without membership, no store, missing
 * permissions, and with another tenant's ids in its path; then a seeded random sample of
 * (platform, store, permissions, ids). No answer may be a 500, no 2xx may carry another tenant's
 * data, and every refusal is coded. Afterwards the other tenant's data is unchanged.
 */
import { TenancyService } from '../../packages/core/src/index.js';
import type { TestHost } from '../../packages/testing/src/index.js';
import { describeEachDatabase, useTestHosts } from '../../packages/testing/src/vitest.js';
import { afterEach, expect, it } from 'vitest';
import { seededRandom } from '../support/random.js';
import { headerContext, serveOverHttp, type RouteServer } from '../support/route-server.js';
import {
  allPermissions,
  fillPath,
  hostileModules,
  installedRoutes,
  isCodedError,
  rawDatabaseText,
  type InstalledRoute,
} from './hostile-host.js';

/** The marker in every text the victim store owns: no other tenant may ever read it. */
const marker = 'victim-secret';
/** Cases drawn at random on top of the systematic ones. */
const sampled = 200;

interface Attack {
  who: string;
  platform: number;
  store?: number;
  permissions: string[];
  /** Path values: the victim's ids, or the victim's store for admin routes. */
  params: Record<string, string>;
  /** Whether this caller may legitimately see the victim's data (the victim itself, its platform's admin). */
  mayReadVictim: boolean;
  /** Whether the context itself must be refused whatever the route (not a member, wrong platform). */
  mustRefuse: boolean;
}

describeEachDatabase('hostile: authorization across tenants', (dialect) => {
  const hosts = useTestHosts(dialect);
  let server: RouteServer | undefined;
  afterEach(() => server?.close());

  it('leaks nothing across tenants and answers no 500', async () => {
    const host: TestHost = await hosts.start({ modules: hostileModules });
    // two platforms; the attacker's and the victim's stores on the first, another store on the second,
    // a store on no platform, and a store whose membership was ended
    const attacker = await host.seedTenancy();
    const p1 = attacker.platformId;
    const victim = await host.seedTenancy({ platformId: p1 });
    const elsewhere = await host.seedTenancy();
    const p2 = elsewhere.platformId;
    const tenancy = new TenancyService(host.db);
    const merchant = (await tenancy.createMerchant({ name: 'Loner' })).id;
    const lonely = (
      await tenancy.createStore({ merchantId: merchant, code: 'lonely', name: 'Lonely', defaultCurrency: 'EUR' })
    ).id;
    const former = (await host.seedTenancy({ platformId: p1, user: false })).storeId;
    await tenancy.removeStoreFromPlatform(former, p1);

    server = await serveOverHttp(host.orion.createRequestHandler({ resolveContext: headerContext }));
    const everything = allPermissions(host);
    const send = async (
      who: { platform: number; store?: number; permissions: string[] },
      method: string,
      path: string,
      body?: string,
    ) => {
      const headers = new Headers({ 'x-platform': String(who.platform) });
      if (who.store !== undefined) headers.set('x-store', String(who.store));
      if (who.permissions.length) headers.set('x-permissions', who.permissions.join(','));
      if (body !== undefined) headers.set('content-type', 'application/json');
      const response = await fetch(`${server!.url}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body }),
      });
      return { status: response.status, text: await response.text() };
    };
    const asVictim = { platform: p1, store: victim.storeId, permissions: everything };

    // the victim's data, each text carrying the marker
    const product = await send(
      asVictim,
      'POST',
      '/api/v1/store/catalog/products',
      JSON.stringify({ sku: 'VICTIM-1', title: `${marker} mug`, price: 1299, currency: 'EUR' }),
    );
    const order = await send(
      asVictim,
      'POST',
      '/api/v1/store/orders/orders',
      JSON.stringify({
        customerEmail: `${marker}@example.com`,
        items: [{ sku: 'VICTIM-1', quantity: 1, unitPrice: 1299 }],
      }),
    );
    const page = await send(
      asVictim,
      'POST',
      '/api/v1/store/cms/pages',
      JSON.stringify({ slug: marker, title: `${marker} page`, body: marker, status: 'published' }),
    );
    const stock = await send(
      asVictim,
      'PUT',
      '/api/v1/store/inventory/items/VICTIM-1',
      JSON.stringify({ quantity: 5 }),
    );
    const media = await send(asVictim, 'POST', '/api/v1/store/cms/media?filename=victim-secret.txt', marker);
    expect([product.status, order.status, page.status], `${product.text} ${order.text} ${page.text}`).toEqual([
      201, 201, 201,
    ]);
    const customers = await send(asVictim, 'GET', '/api/v1/store/customers/customers');
    const ids = {
      productId: String(JSON.parse(product.text).id),
      orderId: String(JSON.parse(order.text).id),
      customerId: String(JSON.parse(customers.text).items[0].id),
      pageId: String(JSON.parse(page.text).id),
      mediaId: media.status === 201 ? String(JSON.parse(media.text).id) : '1',
      jobId: '1',
      sku: 'VICTIM-1',
      storeId: String(victim.storeId),
    };
    const before = await victimView();
    // the detector can fire: the victim itself reads its marker on its lists
    for (const list of ['/api/v1/store/catalog/products', '/api/v1/store/orders/orders', '/api/v1/store/cms/pages']) {
      expect((await send(asVictim, 'GET', list)).text, list).toContain(marker);
    }

    const routes = installedRoutes(host);
    const attacks: Attack[] = [
      {
        who: 'another store, its ids',
        platform: p1,
        store: attacker.storeId,
        permissions: everything,
        params: ids,
        mayReadVictim: false,
        mustRefuse: false,
      },
      {
        who: 'a store of another platform',
        platform: p1,
        store: elsewhere.storeId,
        permissions: everything,
        params: ids,
        mayReadVictim: false,
        mustRefuse: true,
      },
      {
        who: 'the victim on another platform',
        platform: p2,
        store: victim.storeId,
        permissions: everything,
        params: ids,
        mayReadVictim: false,
        mustRefuse: true,
      },
      {
        who: 'a store without membership',
        platform: p1,
        store: lonely,
        permissions: everything,
        params: ids,
        mayReadVictim: false,
        mustRefuse: true,
      },
      {
        who: 'a store whose membership ended',
        platform: p1,
        store: former,
        permissions: everything,
        params: ids,
        mayReadVictim: false,
        mustRefuse: true,
      },
      {
        who: 'an unknown store',
        platform: p1,
        store: 987_654,
        permissions: everything,
        params: ids,
        mayReadVictim: false,
        mustRefuse: true,
      },
      {
        who: 'the other platform’s admin',
        platform: p2,
        permissions: everything,
        params: ids,
        mayReadVictim: false,
        mustRefuse: false,
      },
      {
        who: 'no permissions',
        platform: p1,
        store: attacker.storeId,
        permissions: [],
        params: ids,
        mayReadVictim: false,
        mustRefuse: false,
      },
      {
        who: 'the victim without permissions',
        platform: p1,
        store: victim.storeId,
        permissions: [],
        params: ids,
        mayReadVictim: true,
        mustRefuse: false,
      },
    ];
    const random = seededRandom(`hostile-cross-tenant-${dialect}`);
    const platforms = [p1, p2, 424_242];
    const stores = [attacker.storeId, victim.storeId, elsewhere.storeId, lonely, former, undefined];
    for (let n = 0; n < sampled; n++) {
      const platform = random.pick(platforms);
      const store = random.pick(stores);
      const permissions = everything.filter(() => random.chance(0.5));
      const member =
        (platform === p1 && (store === attacker.storeId || store === victim.storeId)) ||
        (platform === p2 && store === elsewhere.storeId) ||
        store === undefined;
      attacks.push({
        who: `sampled #${n}`,
        platform,
        ...(store === undefined ? {} : { store }),
        permissions,
        params: { ...ids, storeId: String(random.pick(stores.filter(Boolean))) },
        mayReadVictim: member && (store === victim.storeId || (store === undefined && platform === p1)),
        mustRefuse: !member,
      });
    }

    const figures = { attempts: 0, refused: 0, allowed: 0, failures: [] as string[] };
    const cases: { attack: Attack; route: InstalledRoute }[] = [];
    for (const attack of attacks.slice(0, 9)) for (const route of routes) cases.push({ attack, route });
    // the sampled contexts each try one route drawn at random
    for (const attack of attacks.slice(9)) cases.push({ attack, route: random.pick(routes) });

    for (const { attack, route } of cases) {
      figures.attempts++;
      const { route: definition, frontend } = route;
      const adminReadsVictim = frontend === 'admin' && attack.platform === p1 && attack.params.storeId === ids.storeId;
      const storefrontContext = frontend === 'storefront';
      const path = fillPath(route.template, attack.params);
      const body =
        definition.body === 'stream'
          ? marker
          : definition.body
            ? JSON.stringify({
                title: 'hijacked',
                name: 'hijacked',
                status: 'cancelled',
                quantity: 0,
                skus: ['VICTIM-1'],
              })
            : undefined;
      const answer = await send(attack, definition.method, path, body);
      const label = `${attack.who}: ${route.name} → ${answer.status} ${answer.text.slice(0, 160)}`;
      const problems: string[] = [];
      if (answer.status >= 500) problems.push('5xx');
      if (rawDatabaseText.test(answer.text)) problems.push('raw database text');
      const ok = answer.status >= 200 && answer.status < 300;
      if (ok) {
        figures.allowed++;
        const mayRead = attack.mayReadVictim || adminReadsVictim;
        if (!mayRead && answer.text.toLowerCase().includes(marker)) problems.push('leak: the victim’s data');
        if (attack.mustRefuse && !(storefrontContext && attack.store === undefined))
          problems.push('served a context that is not a member');
      } else {
        let parsed: unknown;
        try {
          parsed = JSON.parse(answer.text);
        } catch {
          parsed = undefined;
        }
        if (!isCodedError(parsed)) problems.push('uncoded refusal');
        else if (attack.mustRefuse && ![401, 403, 404].includes(answer.status))
          problems.push('refused with a status other than 401/403/404');
        else figures.refused++;
      }
      if (problems.length) figures.failures.push(`${problems.join(', ')}: ${label}`);
    }
    expect(await victimView(), 'the victim’s data after the attacks').toEqual(before);
    console.info(
      `[${dialect}] hostile cross-tenant: ${routes.length} routes, ${figures.attempts} attempts, ${figures.refused} clean refusals, ${figures.allowed} allowed without a leak, ${figures.failures.length} failures`,
    );
    expect(figures.failures).toEqual([]);
    expect(figures.attempts).toBeGreaterThan(300);

    async function victimView() {
      const read = async (path: string) => JSON.parse((await send(asVictim, 'GET', path)).text);
      return {
        product: await read(`/api/v1/store/catalog/products/${JSON.parse(product.text).id}`),
        order: await read(`/api/v1/store/orders/orders/${JSON.parse(order.text).id}`),
        page: await read(`/api/v1/store/cms/pages/${JSON.parse(page.text).id}`),
        stock: await read('/api/v1/store/inventory/items'),
        stockStatus: stock.status,
      };
    }
  });
});
