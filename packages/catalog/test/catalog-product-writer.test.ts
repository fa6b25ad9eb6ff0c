import { expect, it } from 'vitest';
import { catalogProductWriterRef, type CatalogProductInput, type CatalogProductWriter } from '@orion/contracts';
import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
import { rejectionOf } from '../../../test/support/rejection.js';
import { CatalogProductWriterService, CatalogService, catalogModule } from '../src/index.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function products(count: number, prefix = 'SKU', overrides: Partial<CatalogProductInput> = {}): CatalogProductInput[] {
  return Array.from({ length: count }, (_, i) => ({
    sku: `${prefix}-${String(i + 1).padStart(5, '0')}`,
    title: `${prefix} product ${i + 1}`,
    price: (i + 1) * 10,
    currency: 'EUR',
    ...overrides,
  }));
}

describeEachDatabase('catalog product writer', (dialect) => {
  const hosts = useTestHosts(dialect);

  async function setUp() {
    const host = await hosts.start({ modules: [catalogModule] });
    const orion = host.orion;
    const store = await host.seedTenancy({ user: false });
    // the merchant's other store is on another platform only
    const otherStore = await host.seedTenancy({ merchantId: store.merchantId, currency: 'JPY', user: false });
    const writer = await orion.services.get(catalogProductWriterRef, { platformId: store.platformId });
    if (!writer) throw new Error('the catalog should provide its product writer where it is enabled');
    return {
      orion,
      writer,
      catalog: new CatalogService(orion.db),
      platformId: store.platformId,
      otherPlatformId: otherStore.platformId,
      storeId: store.storeId,
      otherStoreId: otherStore.storeId,
    };
  }

  it('is provided by the module, for platforms where the catalog is enabled only', async () => {
    const { orion, writer, platformId, otherPlatformId } = await setUp();
    expect(writer).toBeInstanceOf(CatalogProductWriterService);
    expect(orion.services.providerOf(catalogProductWriterRef)).toBe('catalog');

    const { changed } = await orion.modules.disable(platformId, 'catalog');
    expect(changed).toEqual(['catalog']);
    expect(await orion.services.get(catalogProductWriterRef, { platformId })).toBeUndefined();
    expect(await orion.services.get(catalogProductWriterRef, { platformId: otherPlatformId })).toBe(writer);

    await orion.modules.enable(platformId, 'catalog');
    expect(await orion.services.get(catalogProductWriterRef, { platformId })).toBe(writer);
  });

  it('is not there at all on a host without the catalog', async () => {
    const host = await hosts.start({ modules: [] });
    const { orion } = host;
    const { platformId } = await host.seedTenancy();
    expect(await orion.services.get(catalogProductWriterRef, { platformId })).toBeUndefined();
    expect(await orion.services.get(catalogProductWriterRef)).toBeUndefined();
  });

  it('creates new SKUs and updates known ones, counting each exactly', async () => {
    const { orion, writer, catalog, storeId, otherStoreId } = await setUp();
    const featured = await catalog.createProduct({
      storeId,
      sku: 'SKU-00002',
      title: 'Made by hand',
      price: 5,
      currency: 'USD',
    });
    await catalog.setProductFeatured(featured.id, true);
    await catalog.setProductActive(featured.id, false);
    const elsewhere = await catalog.createProduct({
      storeId: otherStoreId,
      sku: 'SKU-00001',
      title: 'Tokyo',
      price: 700,
      currency: 'JPY',
    });
    await sleep(5);

    expect(await writer.upsertProducts(orion.db, storeId, products(3))).toEqual({ created: 2, updated: 1 });

    const page = await catalog.listStoreProducts({ storeId });
    expect(
      page.items.map((product) => [
        product.sku,
        product.title,
        product.price,
        product.currency,
        product.isActive,
        product.isFeatured,
      ]),
    ).toEqual([
      // the known SKU keeps its id, createdAt, featured flag and (not given) its inactive state
      ['SKU-00002', 'SKU product 2', 20, 'EUR', false, true],
      ['SKU-00001', 'SKU product 1', 10, 'EUR', true, false],
      ['SKU-00003', 'SKU product 3', 30, 'EUR', true, false],
    ]);
    const updated = page.items[0]!;
    expect(updated.id).toBe(featured.id);
    expect(updated.createdAt).toBe(featured.createdAt);
    expect(updated.updatedAt > featured.updatedAt).toBe(true);
    expect(page.items[1]!.createdAt).toBe(page.items[1]!.updatedAt);
    // another store's product with the same SKU is untouched
    expect(await catalog.getProduct(elsewhere.id)).toEqual(elsewhere);

    // resending unchanged products counts them as updated; isActive: false is applied
    expect(
      await writer.upsertProducts(orion.db, storeId, [
        ...products(3),
        { sku: 'NEW', title: 'New', price: 1, currency: 'JPY', isActive: false },
      ]),
    ).toEqual({
      created: 1,
      updated: 3,
    });
    expect(await catalog.getProductBySku(storeId, 'NEW')).toMatchObject({
      isActive: false,
      isFeatured: false,
      price: 1,
      currency: 'JPY',
    });
    // a given isActive is applied to a known product too
    await writer.upsertProducts(orion.db, storeId, [
      { sku: 'SKU-00002', title: 'Back', price: 20, currency: 'EUR', isActive: true },
    ]);
    expect(await catalog.getProductBySku(storeId, 'SKU-00002')).toMatchObject({ isActive: true, isFeatured: true });
    expect(await writer.upsertProducts(orion.db, storeId, [])).toEqual({ created: 0, updated: 0 });
    expect((await catalog.listStoreProducts({ storeId })).total).toBe(4);
  });

  it('counts exactly across several statements (more than 500 products in one call)', async () => {
    const { orion, writer, catalog, storeId } = await setUp();
    expect(await writer.upsertProducts(orion.db, storeId, products(700))).toEqual({ created: 700, updated: 0 });
    const mixed = products(1203, 'SKU', { price: 999 });
    expect(await writer.upsertProducts(orion.db, storeId, mixed)).toEqual({ created: 503, updated: 700 });
    const page = await catalog.listStoreProducts({ storeId, limit: 200, offset: 1100 });
    expect(page.total).toBe(1203);
    expect(page.items.every((product) => product.price === 999)).toBe(true);
  });

  it('writes inside the caller’s transaction: visible there, committed or rolled back with it', async () => {
    const { orion, writer, catalog, storeId } = await setUp();

    const rolledBack = await orion.db
      .transaction()
      .execute(async (trx) => {
        expect(await writer.upsertProducts(trx, storeId, products(4))).toEqual({ created: 4, updated: 0 });
        // a second call in the same transaction sees the first one's rows
        expect(await writer.upsertProducts(trx, storeId, products(6))).toEqual({ created: 2, updated: 4 });
        const inside = await trx.selectFrom('products').select('sku').where('store_id', '=', storeId).execute();
        expect(inside).toHaveLength(6);
        throw new Error('the caller changes its mind');
      })
      .catch((error: Error) => error.message);
    expect(rolledBack).toBe('the caller changes its mind');
    expect((await catalog.listStoreProducts({ storeId })).total).toBe(0);

    const committed = await orion.db.transaction().execute((trx) => writer.upsertProducts(trx, storeId, products(4)));
    expect(committed).toEqual({ created: 4, updated: 0 });
    expect((await catalog.listStoreProducts({ storeId })).total).toBe(4);

    const controlled = await orion.db.startTransaction().execute();
    expect(await writer.upsertProducts(controlled, storeId, products(5, 'SKU', { title: 'Renamed' }))).toEqual({
      created: 1,
      updated: 4,
    });
    await controlled.rollback().execute();
    const after = await catalog.listStoreProducts({ storeId });
    expect(after.total).toBe(4);
    expect(after.items.some((product) => product.title === 'Renamed')).toBe(false);
  });

  it('counts exactly when two transactions write the same new SKUs at once', async () => {
    const { orion, writer, catalog, storeId } = await setUp();
    const first = await orion.db.startTransaction().execute();
    let second: Promise<{ created: number; updated: number }> | undefined;
    try {
      expect(await writer.upsertProducts(first, storeId, products(20))).toEqual({ created: 20, updated: 0 });
      // On PostgreSQL the second writer waits on the first one's uncommitted rows, then updates them.
      second = (async () => {
        const trx = await orion.db.startTransaction().execute();
        try {
          const result = await writer.upsertProducts(trx, storeId, products(25, 'SKU', { title: 'Second' }));
          await trx.commit().execute();
          return result;
        } catch (error) {
          await trx.rollback().execute();
          throw error;
        }
      })();
      await sleep(100);
      await first.commit().execute();
    } catch (error) {
      await first.rollback().execute();
      throw error;
    }
    expect(await second).toEqual({ created: 5, updated: 20 });
    const page = await catalog.listStoreProducts({ storeId });
    expect(page.total).toBe(25);
    expect(page.items.every((product) => product.title === 'Second')).toBe(true);
  });

  it('validates the whole call first and writes nothing when anything is wrong', async () => {
    const { orion, writer, catalog, storeId } = await setUp();
    const cases: { products: unknown; path: string }[] = [
      {
        products: [
          { sku: 'A', title: 'A', price: 1, currency: 'EUR' },
          { sku: ' A ', title: 'again', price: 2, currency: 'EUR' },
        ],
        path: '1.sku',
      },
      { products: [{ sku: 'A', title: 'A', price: -1, currency: 'EUR' }], path: '0.price' },
      { products: [{ sku: 'A', title: 'A', price: 1.5, currency: 'EUR' }], path: '0.price' },
      { products: [{ sku: 'A', title: 'A', price: 1, currency: 'eur' }], path: '0.currency' },
      { products: [{ sku: 'A B', title: 'A', price: 1, currency: 'EUR' }], path: '0.sku' },
      { products: [{ sku: 'A', title: '', price: 1, currency: 'EUR' }], path: '0.title' },
      { products: [{ sku: 'A', title: 'A', price: 1, currency: 'EUR', isActive: 'yes' }], path: '0.isActive' },
      { products: 'not a list', path: '' },
    ];
    for (const { products: input, path } of cases) {
      const error = await rejectionOf(writer.upsertProducts(orion.db, storeId, input as CatalogProductInput[]));
      expect({ path, code: error.code, subject: (error.details as { subject: string }).subject }).toEqual({
        path,
        code: 'ORION_ERR_VALIDATION',
        subject: 'products',
      });
      expect(
        (error.details as { validationIssues: { path: string }[] }).validationIssues.map((issue) => issue.path),
      ).toContain(path);
    }
    expect(await rejectionOf(writer.upsertProducts(orion.db, 0, products(1)))).toMatchObject({
      code: 'ORION_ERR_VALIDATION',
      details: { subject: 'storeId' },
    });
    expect(await rejectionOf(writer.upsertProducts(orion.db, 987_654, products(1)))).toMatchObject({
      code: 'ORION_ERR_NOT_FOUND',
      details: { entity: 'Store', id: 987_654 },
    });
    // unknown properties of richer caller objects are ignored
    const richer = [{ ...products(1)[0]!, colour: 'blue' }];
    expect(await writer.upsertProducts(orion.db, storeId, richer)).toEqual({ created: 1, updated: 0 });
    expect((await catalog.listStoreProducts({ storeId })).total).toBe(1);
  });

  it('is usable without the host, from the package (a plain CatalogProductWriter)', async () => {
    const { orion, catalog, storeId } = await setUp();
    const writer: CatalogProductWriter = new CatalogProductWriterService();
    expect(await writer.upsertProducts(orion.db, storeId, products(2))).toEqual({ created: 2, updated: 0 });
    expect((await catalog.listStoreProducts({ storeId })).total).toBe(2);
  });
});
