import type { RequestContext } from '@orion/contracts';
import { TenancyService } from '@orion/tenancy';
import type { TestHost } from '@orion/testing';
import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
import { beforeEach, expect, it } from 'vitest';
import { en } from '../src/messages/en.js';
import { CatalogService, catalogModule } from '../src/index.js';

const base = '/api/v1/store/catalog';
const mug = { sku: 'MUG-01', title: 'Blue mug', price: 1299, currency: 'EUR' };

describeEachDatabase('catalog routes', (dialect) => {
  const hosts = useTestHosts(dialect);
  let host: TestHost;
  let orion: TestHost['orion'];
  /** One request through the host's handler, as `context`: no server, no authentication. */
  const call = (context: RequestContext, method: string, path: string, body?: unknown) =>
    host.request(method, path, { context, body });
  /** Platform `on` has the catalog enabled, `off` has it disabled. */
  let on: number;
  let off: number;
  let shop: number;
  let neighbour: number;
  let manager: RequestContext;

  beforeEach(async () => {
    host = await hosts.start({ modules: [catalogModule] });
    orion = host.orion;
    const first = await host.seedTenancy();
    ({ platformId: on, storeId: shop } = first);
    neighbour = (await host.seedTenancy({ platformId: on, merchantId: first.merchantId })).storeId;
    // both stores are also on `off`, where the catalog is disabled
    const tenancy = new TenancyService(orion.db);
    off = (await tenancy.createPlatform({ code: 'off', name: 'Off' })).id;
    await orion.modules.disable(off, 'catalog');
    for (const storeId of [shop, neighbour]) await tenancy.addStoreToPlatform(storeId, off);
    manager = { platformId: on, storeId: shop, permissions: ['catalog.products.view', 'catalog.products.manage'] };
  });

  it('creates, lists, reads and changes the caller’s store’s products', async () => {
    const created = await call(manager, 'POST', `${base}/products`, mug);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...mug, storeId: shop, isActive: true, isFeatured: false });
    const cup = await call(manager, 'POST', `${base}/products`, {
      sku: 'CUP',
      title: 'Cup',
      price: 500,
      currency: 'JPY',
      isFeatured: true,
    });
    expect(cup.status).toBe(201);
    expect(cup.body).toMatchObject({ storeId: shop, currency: 'JPY', isActive: true, isFeatured: true });

    const page = await call(manager, 'GET', `${base}/products?limit=1&offset=1`);
    expect(page.status).toBe(200);
    expect(page.body).toEqual({ items: [cup.body], total: 2, limit: 1, offset: 1 });
    expect((await call(manager, 'GET', `${base}/products`)).body).toEqual({
      items: [created.body, cup.body],
      total: 2,
      limit: 50,
      offset: 0,
    });
    const read = await call(manager, 'GET', `${base}/products/${created.body.id}`);
    expect(read).toMatchObject({ status: 200, body: created.body });

    const changed = await call(manager, 'PATCH', `${base}/products/${created.body.id}`, {
      title: 'Large blue mug',
      price: 1499,
      currency: 'USD',
      isActive: false,
      isFeatured: true,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      id: created.body.id,
      sku: 'MUG-01',
      title: 'Large blue mug',
      price: 1499,
      currency: 'USD',
      isActive: false,
      isFeatured: true,
    });
    expect(changed.body.updatedAt >= created.body.updatedAt).toBe(true);

    const flagOnly = await call(manager, 'PATCH', `${base}/products/${created.body.id}`, { isActive: true });
    expect(flagOnly.status).toBe(200);
    expect(flagOnly.body).toMatchObject({ title: 'Large blue mug', isActive: true, isFeatured: true });
    const renamed = await call(manager, 'PATCH', `${base}/products/${created.body.id}`, { sku: 'MUG-L' });
    expect(renamed.body).toMatchObject({ sku: 'MUG-L', isActive: true, isFeatured: true });
    expect(await new CatalogService(orion.db).getProduct(created.body.id)).toEqual(renamed.body);
  });

  it('applies a change whole or not at all (the flags change first, then the SKU clashes)', async () => {
    const catalog = new CatalogService(orion.db);
    const first = await catalog.createProduct({ ...mug, storeId: shop });
    await catalog.createProduct({ ...mug, sku: 'TAKEN', storeId: shop });
    const clash = await call(manager, 'PATCH', `${base}/products/${first.id}`, {
      sku: 'TAKEN',
      isActive: false,
      isFeatured: true,
    });
    expect(clash.status).toBe(409);
    expect(clash.body.error).toMatchObject({
      code: 'ORION_ERR_CONFLICT',
      details: { entity: 'Product', field: 'sku', value: 'TAKEN' },
    });
    expect(await catalog.getProduct(first.id)).toEqual(first);
  });

  it('acts on the context’s store only: a storeId in the body is refused, another store’s product is not found and stays unchanged', async () => {
    const withStore = await call(manager, 'POST', `${base}/products`, { ...mug, storeId: neighbour });
    expect(withStore.status).toBe(400);
    expect(withStore.body.error.issues).toEqual([expect.objectContaining({ code: 'unrecognized_keys' })]);

    const theirs = await new CatalogService(orion.db).createProduct({ ...mug, storeId: neighbour });
    const unknownId = 2_000_000_000;
    const answers = [
      [await call(manager, 'GET', `${base}/products/${theirs.id}`), theirs.id],
      [await call(manager, 'PATCH', `${base}/products/${theirs.id}`, { title: 'Mine now' }), theirs.id],
      [await call(manager, 'PATCH', `${base}/products/${theirs.id}`, { isActive: false }), theirs.id],
      [await call(manager, 'PATCH', `${base}/products/${theirs.id}`, { isFeatured: true }), theirs.id],
      [await call(manager, 'GET', `${base}/products/${unknownId}`), unknownId],
      [await call(manager, 'PATCH', `${base}/products/${unknownId}`, { isActive: false }), unknownId],
    ] as const;
    for (const [answer, id] of answers) {
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual({
        error: {
          code: 'ORION_ERR_NOT_FOUND',
          message: `Product ${id} does not exist.`,
          details: { entity: 'Product', id },
        },
      });
    }
    expect(await new CatalogService(orion.db).getProduct(theirs.id)).toEqual(theirs);
    expect((await call(manager, 'GET', `${base}/products`)).body).toMatchObject({ items: [], total: 0 });
  });

  it('answers 403 without the route’s permission, and without a store in the context', async () => {
    const product = await new CatalogService(orion.db).createProduct({ ...mug, storeId: shop });
    const routes = [
      ['GET', `${base}/products`, 'catalog.products.view', undefined],
      ['GET', `${base}/products/${product.id}`, 'catalog.products.view', undefined],
      ['POST', `${base}/products`, 'catalog.products.manage', { ...mug, sku: 'OTHER' }],
      ['PATCH', `${base}/products/${product.id}`, 'catalog.products.manage', { isActive: false }],
    ] as const;
    for (const [method, path, permission, body] of routes) {
      const others = manager.permissions.filter((code) => code !== permission);
      const forbidden = await call({ ...manager, permissions: others }, method, path, body);
      expect(forbidden.status, `${method} ${path}`).toBe(403);
      expect(forbidden.body.error).toMatchObject({ code: 'ORION_ERR_FORBIDDEN', details: { permission } });
      const storeless = await call({ ...manager, storeId: undefined }, method, path, body);
      expect(storeless.status, `${method} ${path} without a store`).toBe(403);
      expect(storeless.body.error).toMatchObject({ code: 'ORION_ERR_FORBIDDEN', details: { permission } });
    }
    expect(await new CatalogService(orion.db).listStoreProducts({ storeId: shop })).toMatchObject({
      total: 1,
      items: [product],
    });
  });

  it('answers 400 with the issues for bad input, 409 for a taken SKU', async () => {
    const product = await new CatalogService(orion.db).createProduct({ ...mug, storeId: shop });
    const bad = [
      ['GET', `${base}/products?limit=0`, undefined, 'limit'],
      ['GET', `${base}/products?offset=x`, undefined, 'offset'],
      ['GET', `${base}/products/abc`, undefined, 'productId'],
      ['POST', `${base}/products`, { ...mug, price: -1 }, 'price'],
      ['POST', `${base}/products`, { ...mug, price: 12.99 }, 'price'],
      ['POST', `${base}/products`, { ...mug, title: '   ' }, 'title'],
      ['POST', `${base}/products`, { ...mug, currency: 'euro' }, 'currency'],
      ['POST', `${base}/products`, { title: 'No SKU', price: 1, currency: 'EUR' }, 'sku'],
      ['PATCH', `${base}/products/${product.id}`, { price: 1499 }, 'price'],
      ['PATCH', `${base}/products/${product.id}`, { isActive: 'no' }, 'isActive'],
      ['PATCH', `${base}/products/${product.id}`, {}, ''],
      ['PATCH', `${base}/products/${product.id}`, { storeId: neighbour }, ''],
    ] as const;
    for (const [method, path, body, field] of bad) {
      const answer = await call(manager, method, path, body);
      expect(answer.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400);
      expect(answer.body.error.code).toBe('ORION_ERR_VALIDATION');
      expect(answer.body.error.issues, `${method} ${path} ${JSON.stringify(body)}`).toContainEqual(
        expect.objectContaining({ path: field }),
      );
    }
    expect(await new CatalogService(orion.db).getProduct(product.id)).toEqual(product);

    const taken = await call(manager, 'POST', `${base}/products`, mug);
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({
      code: 'ORION_ERR_CONFLICT',
      details: { entity: 'Product', field: 'sku', value: 'MUG-01' },
    });
  });

  it('answers 404 on a platform where the catalog is disabled, exactly like a route that does not exist', async () => {
    const product = await new CatalogService(orion.db).createProduct({ ...mug, storeId: shop });
    const routes = [
      ['GET', `${base}/products`, undefined],
      ['GET', `${base}/products/${product.id}`, undefined],
      ['POST', `${base}/products`, { ...mug, sku: 'NEW' }],
      ['PATCH', `${base}/products/${product.id}`, { isActive: false }],
    ] as const;
    for (const [method, path, body] of routes) {
      for (const permissions of [manager.permissions, []]) {
        const disabled = await call({ ...manager, platformId: off, permissions }, method, path, body);
        const unknown = await call({ ...manager, platformId: off, permissions }, method, `${path}/nothing-here`, body);
        expect(disabled.status, `${method} ${path}`).toBe(404);
        expect(unknown.status).toBe(404);
        expect(disabled.body).toEqual(
          JSON.parse(JSON.stringify(unknown.body).replaceAll(`${path}/nothing-here`, path)),
        );
        expect(disabled.body.error.code).toBe('ORION_ERR_ROUTE_NOT_FOUND');
      }
    }
    expect(await new CatalogService(orion.db).listStoreProducts({ storeId: shop })).toMatchObject({
      total: 1,
      items: [product],
    });
  });

  it('adds a translated menu item and permission labels', async () => {
    const menu = await orion.menu({
      platformId: on,
      frontend: 'store',
      permissions: ['catalog.products.view'],
      locale: 'de',
    });
    expect(menu.filter((item) => item.module === 'catalog')).toEqual([
      {
        id: 'catalog.products',
        module: 'catalog',
        label: 'Produkte',
        path: '/catalog/products',
        icon: 'package',
        order: 30,
      },
    ]);
    const lb = await orion.menu({
      platformId: on,
      frontend: 'store',
      permissions: ['catalog.products.view'],
      locale: 'lb',
    });
    expect(lb.map((item) => item.label)).toEqual(['Produiten']);
    expect(
      await orion.menu({ platformId: on, frontend: 'store', permissions: ['catalog.products.manage'], locale: 'de' }),
    ).toEqual([]);
    expect(
      await orion.menu({ platformId: off, frontend: 'store', permissions: ['catalog.products.view'], locale: 'de' }),
    ).toEqual([]);
    const permissions = orion.permissions({ locale: 'fr' }).filter((permission) => permission.module === 'catalog');
    expect(permissions.map(({ code, label }) => ({ code, label }))).toEqual([
      { code: 'catalog.products.view', label: 'Voir les produits' },
      { code: 'catalog.products.manage', label: 'Gérer les produits' },
    ]);
  });

  it('labels the dashboard metrics in the request’s locale', async () => {
    const catalog = new CatalogService(orion.db);
    await catalog.createProduct({ ...mug, storeId: shop, isFeatured: true });
    const labels = (metrics: { key: string; label: string }[] | undefined) =>
      Object.fromEntries((metrics ?? []).map((metric) => [metric.key, metric.label]));
    const french = await host.storeDashboard({ storeId: shop, platformId: on, context: { locale: 'fr' } });
    expect(french.failures).toEqual([]);
    expect(french.values).toMatchObject({ 'catalog.products': 1, 'catalog.featured_products': 1 });
    expect(labels(french.categories.catalog)).toEqual({
      'catalog.products': 'Produits',
      'catalog.active_products': 'Produits actifs',
      'catalog.featured_products': 'Produits mis en avant',
      'catalog.new_products': 'Nouveaux produits',
    });
    expect(french.categories.catalog?.find((metric) => metric.key === 'catalog.new_products')?.description).toBe(
      'Produits créés pendant la période choisie.',
    );
    const german = await host.adminDashboard({ platformId: on, context: { locale: 'de' } });
    expect(german.metric('catalog.featured_products')).toMatchObject({ label: 'Hervorgehobene Produkte', value: 1 });

    // without a locale the provider's own texts come back: the English messages
    const untranslated = await orion.statsAggregator.getStoreDashboardStats({ storeId: shop, platformId: on });
    for (const metric of untranslated.categories.catalog ?? []) {
      expect(metric.label).toBe(en[`metric.${metric.key}.label` as keyof typeof en]);
      expect(metric.description).toBe(en[`metric.${metric.key}.description` as keyof typeof en]);
    }
  });
});
