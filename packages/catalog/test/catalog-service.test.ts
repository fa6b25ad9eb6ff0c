import { expect, it } from 'vitest';
import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
import { rejectionOf } from '../../../test/support/rejection.js';
import { CatalogService, catalogModule } from '../src/index.js';

const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describeEachDatabase('CatalogService', (dialect) => {
  const hosts = useTestHosts(dialect);

  /** A host with the catalog, two stores, and the service. */
  async function setUp() {
    const host = await hosts.start({ modules: [catalogModule] });
    const store = await host.seedTenancy({ user: false });
    const { platformId, merchantId } = store;
    const otherStore = await host.seedTenancy({ platformId, merchantId, currency: 'JPY', user: false });
    return {
      orion: host.orion,
      catalog: new CatalogService(host.db),
      storeId: store.storeId,
      otherStoreId: otherStore.storeId,
    };
  }

  it('creates a product and returns a plain object with minor-unit price, booleans and ISO timestamps', async () => {
    const { catalog, storeId } = await setUp();
    const before = new Date().toISOString();
    const product = await catalog.createProduct({
      storeId,
      sku: ' MUG-01 ',
      title: '  Blue mug ',
      price: 1299,
      currency: 'EUR',
    });
    const after = new Date().toISOString();

    expect(product).toEqual({
      id: expect.any(Number),
      storeId,
      sku: 'MUG-01',
      title: 'Blue mug',
      price: 1299,
      currency: 'EUR',
      isActive: true,
      isFeatured: false,
      createdAt: expect.stringMatching(isoTimestamp),
      updatedAt: product.createdAt,
    });
    expect(product.createdAt >= before && product.createdAt <= after).toBe(true);
    expect(await catalog.getProduct(product.id)).toEqual(product);
    expect(await catalog.getProductBySku(storeId, 'MUG-01')).toEqual(product);

    const inactiveFeatured = await catalog.createProduct({
      storeId,
      sku: 'MUG-02',
      title: 'Red mug',
      price: 0,
      currency: 'EUR',
      isActive: false,
      isFeatured: true,
    });
    expect(inactiveFeatured).toMatchObject({ price: 0, isActive: false, isFeatured: true });
  });

  it('keeps prices above 2^31 exact (bigint column, read back as a number on both databases)', async () => {
    const { catalog, storeId } = await setUp();
    const price = Number.MAX_SAFE_INTEGER;
    const product = await catalog.createProduct({ storeId, sku: 'YACHT', title: 'Yacht', price, currency: 'JPY' });
    expect(product.price).toBe(price);
    expect((await catalog.getProduct(product.id)).price).toBe(price);
  });

  it('rejects a SKU the store already uses as ORION_ERR_CONFLICT, but allows it in another store', async () => {
    const { catalog, storeId, otherStoreId } = await setUp();
    await catalog.createProduct({ storeId, sku: 'MUG-01', title: 'Blue mug', price: 1299, currency: 'EUR' });

    const error = await rejectionOf(
      catalog.createProduct({ storeId, sku: 'MUG-01', title: 'Other mug', price: 999, currency: 'EUR' }),
    );
    expect(error).toMatchObject({
      code: 'ORION_ERR_CONFLICT',
      details: { entity: 'Product', field: 'sku', value: 'MUG-01' },
      message: 'Product with sku "MUG-01" already exists.',
    });
    // trimmed before comparing
    expect(
      (await rejectionOf(catalog.createProduct({ storeId, sku: 'MUG-01 ', title: 'x', price: 1, currency: 'EUR' })))
        .code,
    ).toBe('ORION_ERR_CONFLICT');
    // SKUs are compared exactly: another case is another SKU
    await expect(
      catalog.createProduct({ storeId, sku: 'mug-01', title: 'Lower-case mug', price: 1, currency: 'EUR' }),
    ).resolves.toMatchObject({
      sku: 'mug-01',
    });

    const elsewhere = await catalog.createProduct({
      storeId: otherStoreId,
      sku: 'MUG-01',
      title: 'Tokyo mug',
      price: 1500,
      currency: 'JPY',
    });
    expect(elsewhere).toMatchObject({ storeId: otherStoreId, sku: 'MUG-01', price: 1500, currency: 'JPY' });
    expect((await catalog.getProductBySku(storeId, 'MUG-01')).title).toBe('Blue mug');
  });

  it('lets the database decide between two concurrent creations of the same SKU', async () => {
    const { catalog, storeId } = await setUp();
    const results = await Promise.allSettled([
      catalog.createProduct({ storeId, sku: 'RACE', title: 'One', price: 1, currency: 'EUR' }),
      catalog.createProduct({ storeId, sku: 'RACE', title: 'Two', price: 2, currency: 'EUR' }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    expect(rejected?.reason).toMatchObject({ code: 'ORION_ERR_CONFLICT', details: { field: 'sku', value: 'RACE' } });
  });

  it('updates title, SKU and price with currency, and sets updatedAt', async () => {
    const { catalog, storeId } = await setUp();
    const product = await catalog.createProduct({
      storeId,
      sku: 'MUG-01',
      title: 'Blue mug',
      price: 1299,
      currency: 'EUR',
    });
    await new Promise((resolve) => setTimeout(resolve, 5));

    const retitled = await catalog.updateProduct(product.id, { title: ' Large blue mug ' });
    expect(retitled).toEqual({ ...product, title: 'Large blue mug', updatedAt: expect.stringMatching(isoTimestamp) });
    expect(retitled.updatedAt > product.updatedAt).toBe(true);
    expect(retitled.createdAt).toBe(product.createdAt);

    const repriced = await catalog.updateProduct(product.id, { price: 180_000, currency: 'JPY' });
    expect(repriced).toMatchObject({ price: 180_000, currency: 'JPY', title: 'Large blue mug', sku: 'MUG-01' });

    const renamed = await catalog.updateProduct(product.id, {
      sku: 'MUG-01-L',
      title: 'Mug L',
      price: 0,
      currency: 'USD',
    });
    expect(renamed).toMatchObject({
      sku: 'MUG-01-L',
      title: 'Mug L',
      price: 0,
      currency: 'USD',
      isActive: true,
      isFeatured: false,
    });
    expect(await catalog.getProduct(product.id)).toEqual(renamed);
  });

  it('rejects an update to a SKU another product of the store uses as ORION_ERR_CONFLICT', async () => {
    const { catalog, storeId, otherStoreId } = await setUp();
    const first = await catalog.createProduct({ storeId, sku: 'A', title: 'A', price: 1, currency: 'EUR' });
    await catalog.createProduct({ storeId, sku: 'B', title: 'B', price: 1, currency: 'EUR' });
    await catalog.createProduct({ storeId: otherStoreId, sku: 'C', title: 'C', price: 1, currency: 'EUR' });

    expect(await rejectionOf(catalog.updateProduct(first.id, { sku: 'B' }))).toMatchObject({
      code: 'ORION_ERR_CONFLICT',
      details: { entity: 'Product', field: 'sku', value: 'B' },
    });
    expect((await catalog.getProduct(first.id)).sku).toBe('A');
    // the other store's SKU is free here; keeping one's own SKU is no conflict
    expect((await catalog.updateProduct(first.id, { sku: 'C' })).sku).toBe('C');
    expect((await catalog.updateProduct(first.id, { sku: 'C', title: 'Same SKU' })).title).toBe('Same SKU');
  });

  it('activates, deactivates, features and unfeatures products', async () => {
    const { catalog, storeId } = await setUp();
    const product = await catalog.createProduct({
      storeId,
      sku: 'MUG-01',
      title: 'Blue mug',
      price: 1299,
      currency: 'EUR',
    });

    expect(await catalog.setProductActive(product.id, false)).toMatchObject({ isActive: false, isFeatured: false });
    expect((await catalog.getProduct(product.id)).isActive).toBe(false);
    expect(await catalog.setProductFeatured(product.id, true)).toMatchObject({ isActive: false, isFeatured: true });
    expect(await catalog.setProductActive(product.id, true)).toMatchObject({ isActive: true, isFeatured: true });
    expect(await catalog.setProductFeatured(product.id, false)).toMatchObject({ isActive: true, isFeatured: false });
    // setting what is already so is harmless
    expect(await catalog.setProductFeatured(product.id, false)).toMatchObject({ isActive: true, isFeatured: false });
    expect(await catalog.getProduct(product.id)).toMatchObject({ title: 'Blue mug', price: 1299, currency: 'EUR' });
  });

  it('lists a store’s products by id, a page at a time, with the store’s total', async () => {
    const { catalog, storeId, otherStoreId } = await setUp();
    const created = [];
    for (let i = 1; i <= 7; i++) {
      created.push(
        await catalog.createProduct({
          storeId,
          sku: `SKU-${i}`,
          title: `Product ${i}`,
          price: i * 100,
          currency: 'EUR',
        }),
      );
    }
    await catalog.setProductActive(created[2]!.id, false);
    await catalog.createProduct({ storeId: otherStoreId, sku: 'SKU-1', title: 'Elsewhere', price: 1, currency: 'JPY' });

    const first = await catalog.listStoreProducts({ storeId, limit: 3 });
    expect(first).toMatchObject({ total: 7, limit: 3, offset: 0 });
    expect(first.items.map((product) => product.sku)).toEqual(['SKU-1', 'SKU-2', 'SKU-3']);
    expect(first.items[2]!.isActive).toBe(false);
    const last = await catalog.listStoreProducts({ storeId, limit: 3, offset: 6 });
    expect(last.items.map((product) => product.sku)).toEqual(['SKU-7']);
    expect((await catalog.listStoreProducts({ storeId, offset: 7 })).items).toEqual([]);

    const all = await catalog.listStoreProducts({ storeId });
    expect(all).toMatchObject({ total: 7, limit: 50, offset: 0 });
    expect(all.items.map((product) => product.id)).toEqual(created.map((product) => product.id));
    expect((await catalog.listStoreProducts({ storeId: otherStoreId })).items.map((product) => product.title)).toEqual([
      'Elsewhere',
    ]);
  });

  it('rejects malformed input as ORION_ERR_VALIDATION naming the subject and the fields', async () => {
    const { catalog, storeId } = await setUp();
    const error = await rejectionOf(
      catalog.createProduct({ storeId, sku: 'has space', title: ' ', price: 12.5, currency: 'eur' }),
    );
    expect(error).toMatchObject({ code: 'ORION_ERR_VALIDATION', details: { subject: 'product' } });
    expect(
      (error.details as { validationIssues: { path: string }[] }).validationIssues.map((issue) => issue.path),
    ).toEqual(['sku', 'title', 'price', 'currency']);

    const bad: unknown[] = [
      { storeId, sku: '', title: 'x', price: 1, currency: 'EUR' },
      { storeId, sku: 'x'.repeat(65), title: 'x', price: 1, currency: 'EUR' },
      { storeId, sku: 'TAB\tSKU', title: 'x', price: 1, currency: 'EUR' },
      { storeId, sku: 'A', title: 'x'.repeat(256), price: 1, currency: 'EUR' },
      { storeId, sku: 'A', title: 'x', price: -1, currency: 'EUR' },
      { storeId, sku: 'A', title: 'x', price: Number.MAX_SAFE_INTEGER + 1, currency: 'EUR' },
      { storeId, sku: 'A', title: 'x', price: '12', currency: 'EUR' },
      { storeId, sku: 'A', title: 'x', price: 1, currency: 'EURO' },
      { storeId, sku: 'A', title: 'x', price: 1 },
      { storeId: 0, sku: 'A', title: 'x', price: 1, currency: 'EUR' },
      { storeId, sku: 'A', title: 'x', price: 1, currency: 'EUR', isActive: 'yes' },
      { storeId, sku: 'A', title: 'x', price: 1, currency: 'EUR', colour: 'blue' },
    ];
    for (const input of bad) {
      expect({ input, code: (await rejectionOf(catalog.createProduct(input as never))).code }).toEqual({
        input,
        code: 'ORION_ERR_VALIDATION',
      });
    }

    const product = await catalog.createProduct({ storeId, sku: 'A', title: 'A', price: 1, currency: 'EUR' });
    for (const changes of [
      {},
      { price: 100 },
      { currency: 'USD' },
      { title: '' },
      { sku: 'a b' },
      { isActive: false },
    ]) {
      expect({ changes, code: (await rejectionOf(catalog.updateProduct(product.id, changes as never))).code }).toEqual({
        changes,
        code: 'ORION_ERR_VALIDATION',
      });
    }
    expect(await rejectionOf(catalog.updateProduct(product.id, { price: 100 }))).toMatchObject({
      details: { subject: 'product changes', validationIssues: [expect.objectContaining({ path: 'price' })] },
    });
    for (const id of [0, -1, 1.5, Number.NaN, 2 ** 31]) {
      expect(await rejectionOf(catalog.getProduct(id))).toMatchObject({
        code: 'ORION_ERR_VALIDATION',
        details: { subject: 'productId' },
      });
    }
    expect(await rejectionOf(catalog.setProductActive(product.id, 'no' as never))).toMatchObject({
      details: { subject: 'isActive' },
    });
    expect(await rejectionOf(catalog.setProductFeatured(product.id, 1 as never))).toMatchObject({
      details: { subject: 'isFeatured' },
    });
    for (const page of [
      { storeId, limit: 0 },
      { storeId, limit: 201 },
      { storeId, offset: -1 },
      { storeId, limit: 2.5 },
    ]) {
      expect((await rejectionOf(catalog.listStoreProducts(page))).code).toBe('ORION_ERR_VALIDATION');
    }
    // nothing was written by the rejected calls
    expect((await catalog.listStoreProducts({ storeId })).total).toBe(1);
    expect(await catalog.getProduct(product.id)).toEqual(product);
  });

  it('reports unknown products and stores as ORION_ERR_NOT_FOUND', async () => {
    const { catalog, storeId } = await setUp();
    const missing = 987_654;
    for (const call of [
      () => catalog.getProduct(missing),
      () => catalog.updateProduct(missing, { title: 'x' }),
      () => catalog.setProductActive(missing, false),
      () => catalog.setProductFeatured(missing, true),
    ]) {
      expect(await rejectionOf(call())).toMatchObject({
        code: 'ORION_ERR_NOT_FOUND',
        details: { entity: 'Product', id: missing },
        message: `Product ${missing} does not exist.`,
      });
    }
    expect(await rejectionOf(catalog.getProductBySku(storeId, 'NOPE'))).toMatchObject({
      code: 'ORION_ERR_NOT_FOUND',
      details: { entity: 'Product', storeId, sku: 'NOPE' },
    });
    for (const call of [
      () => catalog.createProduct({ storeId: missing, sku: 'A', title: 'A', price: 1, currency: 'EUR' }),
      () => catalog.listStoreProducts({ storeId: missing }),
    ]) {
      expect(await rejectionOf(call())).toMatchObject({
        code: 'ORION_ERR_NOT_FOUND',
        details: { entity: 'Store', id: missing },
      });
    }
  });
});
