import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogModule, CatalogService } from '@orion/catalog';
import { inventoryModule, InventoryService } from '@orion/inventory';
import { TenancyService } from '@orion/tenancy';
import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
import { rejectionOf } from '../../../test/support/rejection.js';
import type { TestHost } from '@orion/testing';
import { MarketplaceService, marketplaceModule } from '../src/index.js';

/** The host, as the kit starts it. */
type Orion = TestHost['orion'];

const header = 'id\ttitle\tprice\tquantity\tavailability\tgtin\tbrand\n';

/** A feed generated row by row, so nothing holds it whole. */
async function* generatedFeed(rows: number, onRow?: (index: number) => Promise<void>) {
  yield header;
  for (let index = 1; index <= rows; index++) {
    await onRow?.(index);
    yield `P-${index}\tProduct ${index}\t${(index % 50) + 1}.99 EUR\t${index % 7}\tin stock\t40000000${index}\tAcme\n`;
  }
}

describeEachDatabase('MarketplaceService', (dialect) => {
  const hosts = useTestHosts(dialect);
  let orion: Orion;
  let marketplace: MarketplaceService;
  let storeId: number;
  let platformId: number;

  beforeEach(async () => {
    ({ orion } = await hosts.start({ modules: [inventoryModule, catalogModule, marketplaceModule] }));
    marketplace = new MarketplaceService(orion.db, orion.services);
    const tenancy = new TenancyService(orion.db);
    platformId = (await tenancy.createPlatform({ code: 'letzshop', name: 'Letzshop' })).id;
    const merchant = await tenancy.createMerchant({ name: 'Acme' });
    storeId = (
      await tenancy.createStore({ merchantId: merchant.id, code: 'acme', name: 'Acme', defaultCurrency: 'EUR' })
    ).id;
    await tenancy.addStoreToPlatform(storeId, platformId);
  });

  it('stages good rows and records each bad row with its line number and reason, without stopping', async () => {
    const feed = [
      header,
      'A-1\tMug\t12.99 EUR\t5\tin stock\t4006381333931\tAcme\n',
      'A-2\t\t3.00 EUR\t1\tin stock\t\t\n',
      'A-3\tPlate\tfree\t1\tin stock\t\t\n',
      'A-1\tMug again\t1.00 EUR\t1\tin stock\t\t\n',
      'A-4\tBowl\t1299 JPY\t\tout of stock\t\t\n',
    ];
    const job = await marketplace.importFeed({ storeId, source: 'feed.tsv', feed });
    expect(job).toMatchObject({ status: 'completed', totalRows: 5, importedRows: 2, errorRows: 3, errorMessage: null });
    expect(await marketplace.listImportErrors(job.id)).toEqual([
      { lineNumber: 3, reason: 'title is empty' },
      { lineNumber: 4, reason: expect.stringContaining('price "free"') },
      { lineNumber: 5, reason: 'id "A-1" appears earlier in the feed' },
    ]);
    const staged = await marketplace.listStagedProducts(storeId);
    expect(
      staged.map(({ externalId, sku, price, currency, quantity }) => ({ externalId, sku, price, currency, quantity })),
    ).toEqual([
      { externalId: 'A-1', sku: 'A-1', price: 1299, currency: 'EUR', quantity: 5 },
      { externalId: 'A-4', sku: 'A-4', price: 1299, currency: 'JPY', quantity: 0 },
    ]);
  });

  it('streams the feed: rows are written batch by batch while the feed is still being read', async () => {
    let stagedWhileReading = 0;
    const job = await marketplace.importFeed({
      storeId,
      source: 'big.tsv',
      feed: generatedFeed(2_600, async (index) => {
        if (index === 2_400) {
          const row = await orion.db
            .selectFrom('marketplace_products')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow();
          stagedWhileReading = Number(row.n);
        }
      }),
    });
    expect(job).toMatchObject({ status: 'completed', totalRows: 2_600, importedRows: 2_600, errorRows: 0 });
    // by row 2,400 at least four batches of 500 were written: the import never held the feed whole
    expect(stagedWhileReading).toBeGreaterThanOrEqual(1_500);
    expect(stagedWhileReading).toBeLessThan(2_400);
  });

  it.each([
    ['an empty feed', [''], 'the feed is empty'],
    ['a feed without a price column', ['id,title\n1,Mug\n'], 'lacks the column price'],
    ['binary data', [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x0d, 0x0a])], 'not UTF-8 text'],
  ])('fails the job for %s with a clear message', async (_label, feed, message) => {
    const job = await marketplace.importFeed({ storeId, source: 'bad', feed: feed as never });
    expect(job.status).toBe('failed');
    expect(job.errorMessage).toContain(message);
    expect(job.completedAt).not.toBeNull();
  });

  it('leaves nothing half-written when the feed breaks off after several batches', async () => {
    async function* breaksOff() {
      yield* generatedFeed(1_200);
      yield 'P-x\t"unterminated\t1 EUR\n';
      throw new Error('connection reset by peer');
    }
    const job = await marketplace.importFeed({ storeId, source: 'https://feeds.example/acme.tsv', feed: breaksOff() });
    expect(job).toMatchObject({ status: 'failed', totalRows: 0, importedRows: 0, errorRows: 0 });
    expect(job.errorMessage).toContain('connection reset by peer');
    const left = await orion.db
      .selectFrom('marketplace_products')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(left.n)).toBe(0);
    expect(await marketplace.listImportErrors(job.id)).toEqual([]);
  });

  it('publishes into inventory and the catalog; the newest row of a SKU wins; unknown quantities leave stock alone', async () => {
    await marketplace.importFeed({
      storeId,
      source: 'one',
      feed: [header, 'A\tMug\t2.00 EUR\t3\tin stock\t\t\n', 'B\tCup\t1.50 EUR\t\tin stock\t\t\n'],
    });
    await marketplace.importFeed({ storeId, source: 'two', feed: [header, 'A\tMug XL\t2.50 EUR\t7\tin stock\t\t\n'] });
    const result = await marketplace.publish({ storeId, platformId });
    expect(result).toEqual({
      published: 3,
      inventory: { created: 1, updated: 0 },
      catalog: { created: 2, updated: 0 },
    });
    const stock = await new InventoryService(orion.db).listItems({ storeId });
    expect(stock.map(({ sku, quantity }) => ({ sku, quantity }))).toEqual([{ sku: 'A', quantity: 7 }]);
    const products = await new CatalogService(orion.db).listStoreProducts({ storeId });
    expect(products.items.map(({ sku, title, price }) => ({ sku, title, price }))).toEqual([
      { sku: 'A', title: 'Mug XL', price: 250 },
      { sku: 'B', title: 'Cup', price: 150 },
    ]);
    expect(await marketplace.listStagedProducts(storeId)).toEqual([]);
    expect(await marketplace.publish({ storeId, platformId })).toMatchObject({ published: 0 });
  });

  it('publishes into inventory only where the catalog is disabled for the platform', async () => {
    await orion.modules.disable(platformId, 'catalog');
    await marketplace.importFeed({ storeId, source: 'one', feed: [header, 'A\tMug\t2.00 EUR\t3\tin stock\t\t\n'] });
    const result = await marketplace.publish({ storeId, platformId });
    expect(result).toEqual({ published: 1, inventory: { created: 1, updated: 0 }, catalog: null });
    expect((await new CatalogService(orion.db).listStoreProducts({ storeId })).items).toEqual([]);
  });

  it('publishes one job only when asked, and never publishes rejected rows', async () => {
    const first = await marketplace.importFeed({
      storeId,
      source: 'one',
      feed: [header, 'A\tMug\t2.00 EUR\t3\tin stock\t\t\n', 'B\tCup\t1.00 EUR\t1\tin stock\t\t\n'],
    });
    const second = await marketplace.importFeed({
      storeId,
      source: 'two',
      feed: [header, 'C\tPlate\t4.00 EUR\t2\tin stock\t\t\n'],
    });
    const [a] = await marketplace.listStagedProducts(storeId);
    expect(await marketplace.rejectStagedProducts(storeId, [a!.id])).toBe(1);
    expect(await marketplace.publish({ storeId, platformId, importJobId: first.id })).toMatchObject({ published: 1 });
    expect((await marketplace.listStagedProducts(storeId)).map((row) => row.importJobId)).toEqual([second.id]);
    expect((await marketplace.listStagedProducts(storeId, { status: 'rejected' })).map((row) => row.sku)).toEqual([
      'A',
    ]);
  });

  it('at start-up, fails the jobs whose lease ran out and removes their rows, never a job whose lease runs', async () => {
    const stopped = await marketplace.createImportJob({ storeId, source: 'interrupted' });
    const live = await marketplace.createImportJob({ storeId, source: 'running elsewhere' });
    const folder = await mkdtemp(join(tmpdir(), 'orion-marketplace-recovery-'));
    const lease = async (id: number, expires: Date) => {
      // each job's uploaded feed, which recovery removes with the job (and only then)
      await writeFile(join(folder, `${id}.feed`), 'id,title,price\n');
      await orion.db
        .updateTable('marketplace_import_jobs')
        .set({
          status: 'processing',
          lease_owner: `owner-${id}`,
          lease_expires_at: expires.toISOString(),
          feed_path: join(folder, `${id}.feed`),
        })
        .where('id', '=', id)
        .execute();
    };
    await lease(stopped.id, new Date(Date.now() - 1_000));
    await lease(live.id, new Date(Date.now() + 600_000));
    for (const job of [stopped, live]) {
      await orion.db
        .insertInto('marketplace_products')
        .values({
          store_id: storeId,
          import_job_id: job.id,
          external_id: 'x',
          sku: 'x',
          title: 'x',
          price: 1,
          currency: 'EUR',
          quantity: 1,
          status: 'staged',
          created_at: new Date().toISOString(),
        })
        .execute();
    }
    const restarted = await hosts.start({ modules: [inventoryModule, catalogModule, marketplaceModule] });
    const service = new MarketplaceService(restarted.db);
    expect(await service.getImportJob(stopped.id)).toMatchObject({
      status: 'failed',
      errorMessage: expect.stringContaining('interrupted'),
    });
    expect(await service.getImportJob(live.id)).toMatchObject({ status: 'processing', errorMessage: null });
    expect((await service.listStagedProducts(storeId)).map((product) => product.importJobId)).toEqual([live.id]);
    expect(await readdir(folder)).toEqual([`${live.id}.feed`]);
    await rm(folder, { recursive: true, force: true });
  });

  it('gives coded errors for bad input, unknown ids and a job run twice', async () => {
    expect((await rejectionOf(marketplace.createImportJob({ storeId: 0, source: 'x' }))).code).toBe(
      'ORION_ERR_VALIDATION',
    );
    expect((await rejectionOf(marketplace.createImportJob({ storeId, source: '  ' }))).code).toBe(
      'ORION_ERR_VALIDATION',
    );
    expect((await rejectionOf(marketplace.createImportJob({ storeId: 999, source: 'x' }))).code).toBe(
      'ORION_ERR_NOT_FOUND',
    );
    expect((await rejectionOf(marketplace.getImportJob(999))).code).toBe('ORION_ERR_NOT_FOUND');
    const job = await marketplace.importFeed({ storeId, source: 'x', feed: [header] });
    expect(job.status).toBe('completed');
    expect((await rejectionOf(marketplace.runImportJob(job.id, [header]))).code).toBe('ORION_ERR_CONFLICT');
    expect((await rejectionOf(marketplace.publish({ storeId, platformId: -1 }))).code).toBe('ORION_ERR_VALIDATION');
    await orion.modules.disable(platformId, 'inventory');
    expect((await rejectionOf(marketplace.publish({ storeId, platformId }))).code).toBe(
      'ORION_ERR_SERVICE_UNAVAILABLE',
    );
  });
});
