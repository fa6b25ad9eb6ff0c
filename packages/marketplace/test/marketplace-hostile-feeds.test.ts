/**
 * Issue 14, items 5, 6, 9 and 10 and the feed-upload cap, over real HTTP on a real SQLite file and
 * a real PostgreSQL database: rows publishing would refuse are row errors at import (and the rest
 * publishes), operators can reject staged rows, Latin-1 rows are row errors, a 20 MB line is one
 * bounded error, the import list stays small, an oversized feed is refused with 413, the upload
 * folder belongs to the app, and jobs skipped while the module was disabled can be resumed.
 */
import { readdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { catalogModule } from '@orion/catalog';
import { inventoryModule } from '@orion/inventory';
import { TenancyService } from '@orion/tenancy';
import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
import { afterEach, expect, it } from 'vitest';
import { headerContext, serveOverHttp, type RouteServer } from '../../../test/support/route-server.js';
import { MarketplaceService, marketplaceModule, type ImportJob, type ImportRowError } from '../src/index.js';

const viewImports = 'marketplace.imports.view';
const createImports = 'marketplace.imports.create';
const publishProducts = 'marketplace.products.publish';
const all = [viewImports, createImports, publishProducts];

describeEachDatabase('marketplace: hostile feeds and operator routes', (dialect) => {
  const hosts = useTestHosts(dialect);
  const servers: RouteServer[] = [];
  const folders: string[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
    for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
  });

  async function start(env: Record<string, string> = {}) {
    const host = await hosts.start({ modules: [inventoryModule, catalogModule, marketplaceModule], env });
    const tenancy = new TenancyService(host.db);
    const platformId = (await tenancy.createPlatform({ code: 'p', name: 'P' })).id;
    const merchant = await tenancy.createMerchant({ name: 'M' });
    const storeId = (
      await tenancy.createStore({ merchantId: merchant.id, code: 's', name: 'S', defaultCurrency: 'EUR' })
    ).id;
    await tenancy.addStoreToPlatform(storeId, platformId);
    const server = await serveOverHttp(host.orion.createRequestHandler({ resolveContext: headerContext }));
    servers.push(server);
    const call = (
      path: string,
      init: { method?: string; body?: unknown; raw?: RequestInit['body']; headers?: Record<string, string> } = {},
    ) => {
      const headers = new Headers({
        ...init.headers,
        'x-platform': String(platformId),
        'x-store': String(storeId),
        'x-permissions': all.join(','),
      });
      let body = init.raw;
      if (init.body !== undefined) {
        body = JSON.stringify(init.body);
        headers.set('content-type', 'application/json');
      }
      const streamed = body instanceof ReadableStream ? { duplex: 'half' } : {};
      return fetch(`${server.url}/api/v1/store/marketplace${path}`, {
        method: init.method ?? 'GET',
        headers,
        body,
        ...streamed,
      } as RequestInit);
    };
    /** Uploads `feed`, runs the queued import and answers the finished job and its row errors. */
    const importFeed = async (feed: RequestInit['body']) => {
      const uploaded = await call('/imports?source=feed.tsv', { method: 'POST', raw: feed });
      expect(uploaded.status).toBe(202);
      const pending = (await uploaded.json()) as ImportJob;
      await host.orion.tasks.drain({ timeoutMs: 60_000 });
      return (await (await call(`/imports/${pending.id}?limit=200`)).json()) as {
        job: ImportJob;
        errors: ImportRowError[];
      };
    };
    return { host, platformId, storeId, call, importFeed, marketplace: new MarketplaceService(host.db) };
  }

  it('records rows publishing would refuse as row errors by line and SKU, publishes the rest, and operators reject staged rows', async () => {
    const uploadDir = join(tmpdir(), `orion-mp-hostile-${process.pid}-${Date.now()}`);
    folders.push(uploadDir);
    const { call, importFeed, marketplace, storeId } = await start({ MARKETPLACE_UPLOAD_DIR: uploadDir });
    const feed = [
      'id\ttitle\tprice\tsku\tquantity',
      'A1\tMug\t12.99 EUR\tMUG-01\t3',
      'A2\tBad sku\t1 EUR\tMUG 02\t1',
      `A3\tLong sku\t1 EUR\t${'S'.repeat(129)}\t1`,
      `A4\t${'T'.repeat(256)}\t1 EUR\tT-4\t1`,
      'A5\tNul\u0000title\t1 EUR\tN-5\t1',
      'A6\tMade-up money\t1 XYZ\tX-6\t1',
      'A7\tPlate\t4.50 EUR\tPLATE-7\t2',
      '',
    ].join('\n');
    const { job, errors } = await importFeed(feed);
    expect(job).toMatchObject({ status: 'completed', totalRows: 7, importedRows: 2, errorRows: 5 });
    expect(errors).toEqual([
      { lineNumber: 3, reason: expect.stringMatching(/^SKU "MUG 02": /) },
      { lineNumber: 4, reason: expect.stringMatching(/^SKU "S{79}…": /) },
      { lineNumber: 5, reason: 'title is longer than 255 characters' },
      { lineNumber: 6, reason: 'the row contains a NUL character' },
      { lineNumber: 7, reason: expect.stringContaining('price "1 XYZ"') },
    ]);

    // operators see the staged rows and reject one: it is never published
    const staged = (await (await call('/staged')).json()) as { id: number; sku: string }[];
    expect(staged.map((product) => product.sku)).toEqual(['MUG-01', 'PLATE-7']);
    const rejected = await call('/staged/reject', { method: 'POST', body: { productIds: [staged[1]!.id, 999_999] } });
    expect(rejected.status).toBe(200);
    expect(await rejected.json()).toEqual({ rejected: 1 });
    const published = await call('/publish', { method: 'POST' });
    expect(published.status).toBe(200);
    expect(await published.json()).toMatchObject({ published: 1, inventory: { created: 1, updated: 0 } });
    expect(
      (await marketplace.listStagedProducts(storeId, { status: 'rejected' })).map((product) => product.sku),
    ).toEqual(['PLATE-7']);

    // a whole job's staged rows at once; bad bodies and missing permissions are refused
    const second = await importFeed('id\ttitle\tprice\nB1\tCup\t1 EUR\nB2\tBowl\t2 EUR\n');
    expect(
      await (await call('/staged/reject', { method: 'POST', body: { importJobId: second.job.id } })).json(),
    ).toEqual({
      rejected: 2,
    });
    for (const body of [
      {},
      { productIds: [] },
      { productIds: ['x'] },
      { importJobId: 0 },
      { storeId: 1, productIds: [1] },
    ]) {
      const bad = await call('/staged/reject', { method: 'POST', body });
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('ORION_ERR_VALIDATION');
    }
    expect((await call('/staged/reject', { method: 'POST', body: { importJobId: 999_999 } })).status).toBe(404);
  });

  it('makes Latin-1 rows row errors, keeps a 20 MB line to one bounded error, and keeps the import list small', async () => {
    const uploadDir = join(tmpdir(), `orion-mp-hostile-${process.pid}-${Date.now()}`);
    folders.push(uploadDir);
    const { host, call, importFeed } = await start({ MARKETPLACE_UPLOAD_DIR: uploadDir });
    const latin = await importFeed(
      Buffer.concat([
        Buffer.from('id\ttitle\tprice\n1\tCrème brûlée\t4 EUR\n', 'utf8'),
        Buffer.from('2\tCrème brûlée\t5 EUR\n3\tCrêpe\t6 EUR\n', 'latin1'),
      ]),
    );
    expect(latin.job).toMatchObject({ status: 'completed', totalRows: 3, importedRows: 1, errorRows: 2 });
    expect(latin.errors).toEqual([
      { lineNumber: 3, reason: 'the row is not valid UTF-8 text (save the feed as UTF-8)' },
      { lineNumber: 4, reason: 'the row is not valid UTF-8 text (save the feed as UTF-8)' },
    ]);

    // 20 MB without a newline, streamed in 64 kB chunks
    let sent = 0;
    const chunk = new TextEncoder().encode('id,title,price'.padEnd(64 * 1024, 'x'));
    const noNewline = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 20 * 1024 * 1024) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const huge = await importFeed(noNewline);
    expect(huge.job).toMatchObject({
      status: 'failed',
      errorMessage: 'the header line is longer than 1048576 characters',
    });

    // a header that lists 20,000 columns: the message is cut to 1 kB
    const wide = await importFeed(`${Array.from({ length: 20_000 }, (_, index) => `column_${index}`).join(',')}\n`);
    expect(wide.job.status).toBe('failed');
    expect(Buffer.byteLength(wide.job.errorMessage!)).toBeLessThanOrEqual(1024);

    const list = await call('/imports?limit=200');
    expect(list.status).toBe(200);
    expect((await list.text()).length).toBeLessThan(16 * 1024);

    // messages stored before they were bounded are cut when read
    await host.db
      .updateTable('marketplace_import_jobs')
      .set({ error_message: 'm'.repeat(5_000_000) })
      .execute();
    await host.db
      .updateTable('marketplace_import_errors')
      .set({ reason: 'r'.repeat(5_000_000) })
      .where('import_job_id', '=', latin.job.id)
      .execute();
    const legacyList = await (await call('/imports?limit=200')).text();
    expect(legacyList.length).toBeLessThan(16 * 1024);
    const legacyJob = (await (await call(`/imports/${latin.job.id}`)).json()) as {
      job: ImportJob;
      errors: ImportRowError[];
    };
    expect(Buffer.byteLength(legacyJob.job.errorMessage!)).toBeLessThanOrEqual(1024);
    expect(legacyJob.errors.map((error) => Buffer.byteLength(error.reason) <= 1024)).toEqual([true, true]);
  });

  it('refuses a feed over maxFeedBytes with 413 and Orion’s error body, declared or streamed, and leaves no file', async () => {
    const uploadDir = join(tmpdir(), `orion-mp-hostile-${process.pid}-${Date.now()}`);
    folders.push(uploadDir);
    const { call, marketplace, storeId } = await start({
      MARKETPLACE_UPLOAD_DIR: uploadDir,
      MARKETPLACE_MAX_FEED_BYTES: '4096',
    });
    const declared = await call('/imports?source=big.tsv', {
      method: 'POST',
      raw: 'x'.repeat(5000),
      headers: { 'x-locale': 'de' },
    });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual({
      error: {
        code: 'ORION_ERR_PAYLOAD_TOO_LARGE',
        message: 'Der Inhalt der Anfrage ist größer, als diese Route annimmt (höchstens 4096 Bytes).',
        details: { limit: 4096 },
      },
    });
    expect(await marketplace.listImportJobs(storeId)).toEqual([]);

    let pulls = 0;
    const streamed = await call('/imports?source=big.tsv', {
      method: 'POST',
      raw: new ReadableStream<Uint8Array>({
        pull(controller) {
          if (++pulls > 10) return controller.close();
          controller.enqueue(new TextEncoder().encode('y'.repeat(1000)));
        },
      }),
    });
    expect(streamed.status).toBe(413);
    expect(((await streamed.json()) as { error: { code: string } }).error.code).toBe('ORION_ERR_PAYLOAD_TOO_LARGE');
    const [job] = await marketplace.listImportJobs(storeId);
    expect(job).toMatchObject({ status: 'failed', errorMessage: 'the feed is larger than the 4096 bytes allowed' });
    expect(await readdir(uploadDir)).toEqual([]);
  });

  it('keeps uploads in a folder of the app’s own database, with unique file names, by default', async () => {
    const { host, call } = await start();
    const response = await call('/imports?source=a.tsv', { method: 'POST', raw: 'id\ttitle\tprice\n1\tMug\t1 EUR\n' });
    expect(response.status).toBe(202);
    const job = (await response.json()) as ImportJob;
    const row = await host.db
      .selectFrom('marketplace_import_jobs')
      .select('feed_path')
      .where('id', '=', job.id)
      .executeTakeFirstOrThrow();
    const file = String(row.feed_path);
    folders.push(dirname(file));
    expect(file).toMatch(new RegExp(`/${job.id}-[0-9a-f-]{36}\\.feed$`));
    const database = await hosts.database();
    if (dialect === 'sqlite') {
      expect(dirname(file)).toBe(`${database.url.replace(/^sqlite:/, '')}-marketplace-feeds`);
    } else {
      const name = database.url.slice(database.url.lastIndexOf('/') + 1);
      expect(dirname(file)).toMatch(new RegExp(`^${join(tmpdir(), 'orion-marketplace-feeds')}/${name}-[0-9a-f]{12}$`));
    }
    expect(dirname(file)).not.toBe(join(tmpdir(), 'orion-marketplace-feeds'));
    expect(await readdir(dirname(file))).toEqual([file.slice(file.lastIndexOf('/') + 1)]);
    await host.orion.tasks.drain({ timeoutMs: 30_000 });
    expect(await readdir(dirname(file))).toEqual([]);
  });

  it('resumes the uploads whose task was skipped while marketplace was disabled, once it is enabled again', async () => {
    const uploadDir = join(tmpdir(), `orion-mp-hostile-${process.pid}-${Date.now()}`);
    folders.push(uploadDir);
    const { host, call, platformId, marketplace, storeId } = await start({ MARKETPLACE_UPLOAD_DIR: uploadDir });
    const ids: number[] = [];
    for (let index = 0; index < 3; index++) {
      const response = await call('/imports?source=a.tsv', {
        method: 'POST',
        raw: `id\ttitle\tprice\n${index}\tMug\t1 EUR\n`,
      });
      ids.push(((await response.json()) as ImportJob).id);
    }
    await host.orion.modules.disable(platformId, 'marketplace');
    await host.orion.tasks.drain({ timeoutMs: 30_000 });
    expect((await marketplace.listImportJobs(storeId)).map((job) => job.status)).toEqual([
      'pending',
      'pending',
      'pending',
    ]);
    expect(await readdir(uploadDir)).toHaveLength(3);

    await host.orion.modules.enable(platformId, 'marketplace');
    const resumed = await call('/imports/resume', { method: 'POST' });
    expect(resumed.status).toBe(202);
    expect(await resumed.json()).toEqual({ resumed: ids });
    await host.orion.tasks.drain({ timeoutMs: 30_000 });
    expect((await marketplace.listImportJobs(storeId)).map((job) => [job.status, job.importedRows])).toEqual([
      ['completed', 1],
      ['completed', 1],
      ['completed', 1],
    ]);
    expect(await readdir(uploadDir)).toEqual([]);
    // nothing left to resume; resuming twice imports nothing twice
    expect(await (await call('/imports/resume', { method: 'POST' })).json()).toEqual({ resumed: [] });
  });
});
