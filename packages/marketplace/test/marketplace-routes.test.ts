import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogModule } from '@orion/catalog';
import { isRouteResponse, supportedLocales, type RouteDefinition, type TaskEnqueuer } from '@orion/contracts';
import { inventoryModule, InventoryService } from '@orion/inventory';
import { TenancyService } from '@orion/tenancy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
import { recordingLogger } from '@orion/testing';
import { rejectionOf } from '../../../test/support/rejection.js';
import type { TestHost } from '@orion/testing';
import { importFeedTask } from '../src/import-feed-task.js';
import { defaultLeaseSeconds, defaultMaxFeedBytes, marketplaceConfigSchema } from '../src/marketplace-config.js';
import {
  MarketplaceService,
  marketplaceModule,
  type ImportJob,
  type ImportRowError,
  type PublishResult,
} from '../src/index.js';
import { headerContext, serveOverHttp, type RouteServer } from '../../../test/support/route-server.js';

/** The host, as the kit starts it. */
type Orion = TestHost['orion'];

/** The app's own authentication, here read from headers. */
const resolveContext = headerContext;

const viewImports = 'marketplace.imports.view';
const createImports = 'marketplace.imports.create';
const publishProducts = 'marketplace.products.publish';

const header = 'id\ttitle\tprice\tquantity\tdescription\n';
const row = (index: number) =>
  `P-${index}\tProduct ${index}\t${(index % 50) + 1}.99 EUR\t${index % 7}\t${'Lorem ipsum '.repeat(30)}\n`;
const rowsPerChunk = 100;

/**
 * A feed as a Web stream, made chunk by chunk when the reader pulls (100 rows a chunk, about 40 kB),
 * so the test never holds it whole; `onPull` runs before chunk `index` (1-based) is made.
 */
function feedStream(chunks: number, onPull?: (index: number) => Promise<void> | void): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let index = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      index++;
      if (index > chunks) return controller.close();
      await onPull?.(index);
      let text = index === 1 ? header : '';
      for (let r = (index - 1) * rowsPerChunk + 1; r <= index * rowsPerChunk; r++) text += row(r);
      controller.enqueue(encoder.encode(text));
    },
  });
}

function feedBytes(chunks: number): number {
  let bytes = Buffer.byteLength(header);
  for (let r = 1; r <= chunks * rowsPerChunk; r++) bytes += Buffer.byteLength(row(r));
  return bytes;
}

/** A TaskEnqueuer that records what it is asked to queue, or fails as `failure` says. */
function recordingTasks(failure?: Error): TaskEnqueuer & { enqueued: unknown[] } {
  const enqueued: unknown[] = [];
  return {
    enqueued,
    enqueue: (input) => {
      if (failure) return Promise.reject(failure);
      enqueued.push(input);
      return Promise.resolve({ id: `job-${enqueued.length}` });
    },
  };
}

interface ErrorBody {
  error: {
    code: string;
    message: string;
    details?: Record<string, unknown>;
    issues?: { path: string; message: string }[];
  };
}

describe('marketplace module definition', () => {
  it('holds every English message in German, French and Luxembourgish, translated', () => {
    const messages = marketplaceModule.messages as Record<string, Record<string, string>>;
    const english = messages.en!;
    for (const locale of supportedLocales) {
      expect(Object.keys(messages[locale] ?? {}).sort(), locale).toEqual(Object.keys(english).sort());
      if (locale === 'en') continue;
      expect(
        Object.entries(messages[locale]!).filter(([key, value]) => value === english[key]),
        locale,
      ).toEqual([]);
    }
    for (const item of marketplaceModule.menuItems) expect(english[`menu.${item.id}`], item.id).toBe(item.label);
    for (const permission of marketplaceModule.permissions)
      expect(english[`permission.${permission.code}`]).toBe(permission.label);
  });

  it('declares the import-feed task, without retries, and its configuration read from MARKETPLACE_ variables', () => {
    expect(marketplaceModule.tasks.map(({ name, retries }) => ({ name, retries }))).toEqual([
      { name: 'import-feed', retries: 0 },
    ]);
    expect(marketplaceModule.config?.envPrefix).toBe('MARKETPLACE_');
    expect(marketplaceModule.config?.schema.parse({})).toEqual({
      maxFeedBytes: defaultMaxFeedBytes,
      leaseSeconds: defaultLeaseSeconds,
    });
    expect(
      marketplaceModule.config?.schema.parse({ uploadDir: '/srv/feeds', maxFeedBytes: '2048', leaseSeconds: '0.5' }),
    ).toEqual({ uploadDir: '/srv/feeds', maxFeedBytes: 2048, leaseSeconds: 0.5 });
    for (const bad of [{ maxFeedBytes: '' }, { maxFeedBytes: '0' }, { leaseSeconds: '-1' }, { leaseSeconds: '1e3' }]) {
      expect(marketplaceModule.config?.schema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(importFeedTask.payload.safeParse({ importJobId: 'x' }).success).toBe(false);
  });
});

describeEachDatabase('marketplace routes', (dialect) => {
  const hosts = useTestHosts(dialect);
  let orion: Orion;
  let logger: ReturnType<typeof recordingLogger>;
  let server: RouteServer;
  let uploadDir: string;
  let platformId: number;
  let otherPlatformId: number;
  let storeId: number;
  let otherStoreId: number;

  beforeEach(async () => {
    uploadDir = join(await mkdtemp(join(tmpdir(), 'orion-marketplace-test-')), 'uploads');
    logger = recordingLogger();
    ({ orion } = await hosts.start({
      modules: [inventoryModule, catalogModule, marketplaceModule],
      env: { MARKETPLACE_UPLOAD_DIR: uploadDir },
      logger,
    }));
    const tenancy = new TenancyService(orion.db);
    platformId = (await tenancy.createPlatform({ code: 'on', name: 'On' })).id;
    otherPlatformId = (await tenancy.createPlatform({ code: 'off', name: 'Off' })).id;
    const merchant = await tenancy.createMerchant({ name: 'Acme' });
    storeId = (
      await tenancy.createStore({ merchantId: merchant.id, code: 'acme', name: 'Acme', defaultCurrency: 'EUR' })
    ).id;
    otherStoreId = (
      await tenancy.createStore({ merchantId: merchant.id, code: 'acme-2', name: 'Acme 2', defaultCurrency: 'EUR' })
    ).id;
    for (const id of [storeId, otherStoreId]) {
      await tenancy.addStoreToPlatform(id, platformId);
      await tenancy.addStoreToPlatform(id, otherPlatformId);
    }
    await orion.modules.disable(otherPlatformId, 'marketplace');
    server = await serveOverHttp(orion.createRequestHandler({ resolveContext }));
  });
  afterEach(async () => {
    await server.close();
    await rm(join(uploadDir, '..'), { recursive: true, force: true });
  });

  const call = (
    path: string,
    init: {
      method?: string;
      body?: unknown;
      rawBody?: RequestInit['body'];
      headers?: Record<string, string>;
      platform?: number;
      store?: number | null;
      permissions?: string[];
      locale?: string;
    } = {},
  ) => {
    const headers = new Headers({ ...init.headers, 'x-platform': String(init.platform ?? platformId) });
    if (init.store !== null) headers.set('x-store', String(init.store ?? storeId));
    if (init.permissions) headers.set('x-permissions', init.permissions.join(','));
    if (init.locale) headers.set('x-locale', init.locale);
    let body = init.rawBody;
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
  const json = async <T = unknown>(response: Response) => (await response.json()) as T;

  const uploadRoute = marketplaceModule.routes.store!.find(
    (route) => route.method === 'POST' && route.path === '/imports',
  )! as RouteDefinition<z.ZodType, z.ZodType, 'stream'>;

  /** Calls the upload route's handler as the host would, with `tasks` standing in for `orion.tasks`. */
  async function upload(body: ReadableStream<Uint8Array>, tasks: TaskEnqueuer) {
    return uploadRoute.handler({
      params: undefined,
      query: { source: 'acme.tsv' },
      body,
      request: new Request('http://127.0.0.1/api/v1/store/marketplace/imports?source=acme.tsv', { method: 'POST' }),
      context: { platformId, storeId, permissions: [createImports] },
      db: orion.db,
      services: orion.services,
      tasks,
      events: orion.events.forModule('marketplace'),
      logger,
      config: await orion.platformConfig.get(platformId, 'marketplace'),
      t: (key) => key,
    });
  }

  /** Calls the import-feed task's handler as the host's task runner would. */
  async function runTask(importJobId: number) {
    return importFeedTask.handler({
      payload: { importJobId },
      platformId,
      jobId: `marketplace.import-feed.${importJobId}`,
      attempt: 1,
      db: orion.db,
      services: orion.services,
      events: orion.events.forModule('marketplace'),
      logger,
      config: marketplaceConfigSchema.parse(await orion.platformConfig.get(platformId, 'marketplace')),
    }) as Promise<ImportJob>;
  }

  const marketplace = () => new MarketplaceService(orion.db, orion.services);
  const uploadedFiles = async () => readdir(uploadDir).catch(() => [] as string[]);

  describe('POST /imports and the import-feed task', () => {
    it('streams the body to <uploadDir>/<jobId>.feed while it arrives, queues import-feed and answers 202 with the pending job', async () => {
      const tasks = recordingTasks();
      const chunks = 80;
      const chunkBytes = feedBytes(1);
      let writtenBeforeChunk60 = -1;
      const result = await upload(
        feedStream(chunks, async (index) => {
          if (index === 60) writtenBeforeChunk60 = (await stat(join(uploadDir, (await uploadedFiles())[0]!))).size;
        }),
        tasks,
      );

      expect(isRouteResponse(result)).toBe(true);
      const { status, body: job } = result as { status: number; body: ImportJob };
      expect(status).toBe(202);
      expect(job).toMatchObject({ storeId, source: 'acme.tsv', status: 'pending', totalRows: 0, startedAt: null });
      expect(tasks.enqueued).toEqual([
        { module: 'marketplace', task: 'import-feed', platformId, payload: { importJobId: job.id } },
      ]);
      const [name] = await uploadedFiles();
      // the job id and a random part: never another deployment's or an earlier job's file
      expect(name).toMatch(new RegExp(`^${job.id}-[0-9a-f-]{36}\\.feed$`));
      const file = join(uploadDir, name!);
      expect((await stat(file)).size).toBe(feedBytes(chunks));
      // most of the feed was on disk before the last chunks were even made: it was never held whole
      expect(writtenBeforeChunk60).toBeGreaterThanOrEqual(40 * chunkBytes);
      expect((await readFile(file, 'utf8')).slice(0, header.length + 4)).toBe(`${header}P-1\t`);

      const finished = await runTask(job.id);
      expect(finished).toMatchObject({
        id: job.id,
        status: 'completed',
        totalRows: 8_000,
        importedRows: 8_000,
        errorRows: 0,
      });
      expect(await uploadedFiles()).toEqual([]);
      const detail = await call(`/imports/${job.id}`, { permissions: [viewImports] });
      expect(await json(detail)).toEqual({ job: finished, errors: [] });
    });

    it('fails the job and removes the file when the import can not be queued', async () => {
      const error = await upload(feedStream(3), recordingTasks(new Error('tasks are not wired yet'))).then(
        () => undefined,
        (thrown: unknown) => thrown as Error,
      );
      expect(error?.message).toBe('tasks are not wired yet');
      const [job] = await marketplace().listImportJobs(storeId);
      expect(job).toMatchObject({
        status: 'failed',
        errorMessage: 'the import could not be queued; upload the feed again',
      });
      expect(await uploadedFiles()).toEqual([]);
    });

    it('fails the job and leaves no file when the upload breaks off', async () => {
      const tasks = recordingTasks();
      const broken = feedStream(10, (index) => {
        if (index === 5) throw new Error('connection reset by peer');
      });
      await expect(upload(broken, tasks)).rejects.toThrow('connection reset by peer');
      const [job] = await marketplace().listImportJobs(storeId);
      expect(job).toMatchObject({ status: 'failed', errorMessage: 'the upload did not finish; upload the feed again' });
      expect(tasks.enqueued).toEqual([]);
      expect(await uploadedFiles()).toEqual([]);
    });

    it('import-feed fails the job of a feed it can not read, and removes the file', async () => {
      const job = await marketplace().createImportJob({ storeId, source: 'bad.csv' });
      await mkdir(uploadDir, { recursive: true });
      await writeFile(join(uploadDir, `${job.id}.feed`), 'id,title\n1,Mug\n');
      expect(await runTask(job.id)).toMatchObject({
        status: 'failed',
        errorMessage: expect.stringContaining('lacks the column price'),
      });
      expect(await uploadedFiles()).toEqual([]);
    });

    it('import-feed fails the job with a clear message when its file is missing', async () => {
      const job = await marketplace().createImportJob({ storeId, source: 'lost.csv' });
      expect(await runTask(job.id)).toMatchObject({
        status: 'failed',
        errorMessage: 'the uploaded feed file is missing; upload the feed again',
      });
      expect(logger.entries).toContainEqual(
        expect.objectContaining({ level: 'warn', meta: { file: join(uploadDir, `${job.id}.feed`) } }),
      );
    });

    it('import-feed leaves a job that is not pending, and its file, alone', async () => {
      const job = await marketplace().importFeed({ storeId, source: 'done.tsv', feed: [header] });
      await mkdir(uploadDir, { recursive: true });
      await writeFile(join(uploadDir, `${job.id}.feed`), header);
      // a second task of the job (resumed twice, say) finds it done and returns it as it is
      expect(await runTask(job.id)).toEqual(await marketplace().getImportJob(job.id));
      expect(await uploadedFiles()).toEqual([`${job.id}.feed`]);
      expect((await rejectionOf(runTask(999_999))).code).toBe('ORION_ERR_NOT_FOUND');
    });

    it('uploads a streamed feed over HTTP and the import-feed task imports it', async () => {
      const response = await call('/imports?source=acme.tsv', {
        method: 'POST',
        permissions: [createImports, viewImports],
        headers: { 'content-type': 'text/tab-separated-values' },
        rawBody: feedStream(30),
      });
      expect(response.status).toBe(202);
      const pending = await json<ImportJob>(response);
      expect(pending).toMatchObject({ storeId, source: 'acme.tsv', status: 'pending' });
      expect(await uploadedFiles()).toEqual([expect.stringMatching(new RegExp(`^${pending.id}-.+\\.feed$`))]);
      expect(await orion.tasks.drain({ timeoutMs: 20_000 })).toEqual({ ran: 1, unfinished: 0 });
      const { job } = await json<{ job: ImportJob }>(
        await call(`/imports/${pending.id}`, { permissions: [viewImports] }),
      );
      expect(job).toMatchObject({ status: 'completed', totalRows: 3_000, importedRows: 3_000, errorRows: 0 });
      expect(await uploadedFiles()).toEqual([]);
    });

    it('refuses an upload without a source, a permission or a store, before anything is stored', async () => {
      const noSource = await call('/imports', { method: 'POST', permissions: [createImports], rawBody: header });
      expect(noSource.status).toBe(400);
      expect(await json(noSource)).toMatchObject({
        error: { code: 'ORION_ERR_VALIDATION', issues: [expect.objectContaining({ path: 'source' })] },
      });
      const blankSource = await call('/imports?source=%20%20', {
        method: 'POST',
        permissions: [createImports],
        rawBody: header,
      });
      expect(blankSource.status).toBe(400);

      const forbidden = await call('/imports?source=a.csv', {
        method: 'POST',
        permissions: [viewImports],
        rawBody: header,
      });
      expect(forbidden.status).toBe(403);
      expect(await json(forbidden)).toMatchObject({
        error: { code: 'ORION_ERR_FORBIDDEN', details: { permission: createImports } },
      });
      const storeless = await call('/imports?source=a.csv', {
        method: 'POST',
        permissions: [createImports],
        store: null,
        rawBody: header,
      });
      expect(storeless.status).toBe(403);
      expect(await json(storeless)).toMatchObject({
        error: { code: 'ORION_ERR_FORBIDDEN', details: { permission: createImports } },
      });

      expect(await marketplace().listImportJobs(storeId)).toEqual([]);
      expect(await uploadedFiles()).toEqual([]);
    });
  });

  describe('GET /imports and GET /imports/:jobId', () => {
    it('lists the store’s import jobs, newest first, a page at a time', async () => {
      const first = await marketplace().importFeed({ storeId, source: 'one.tsv', feed: [header, row(1)] });
      const second = await marketplace().importFeed({ storeId, source: 'two.tsv', feed: [''] });
      await marketplace().importFeed({ storeId: otherStoreId, source: 'theirs.tsv', feed: [header] });

      const all = await call('/imports', { permissions: [viewImports] });
      expect(all.status).toBe(200);
      expect(await json(all)).toEqual([second, first]);
      expect(await json(await call('/imports?limit=1&offset=1', { permissions: [viewImports] }))).toEqual([first]);
      expect(await json(await call('/imports?offset=2', { permissions: [viewImports] }))).toEqual([]);
      expect(await json(await call(`/imports?storeId=${otherStoreId}`, { permissions: [viewImports] }))).toEqual([
        second,
        first,
      ]);

      for (const query of ['limit=0', 'limit=501', 'limit=abc', 'offset=-1']) {
        const bad = await call(`/imports?${query}`, { permissions: [viewImports] });
        expect(bad.status, query).toBe(400);
        expect((await json<ErrorBody>(bad)).error.issues?.[0]?.path, query).toBe(query.split('=')[0]);
      }
      expect((await call('/imports', { permissions: [createImports] })).status).toBe(403);
      expect((await call('/imports', { permissions: [viewImports], store: null })).status).toBe(403);
    });

    it('shows one of the store’s jobs with its row errors; another store’s job is not found', async () => {
      const job = await marketplace().importFeed({
        storeId,
        source: 'rows.tsv',
        feed: [header, row(1), 'P-2\t\t1.00 EUR\t1\t\n', 'P-3\tPlate\tfree\t1\t\n'],
      });
      const response = await call(`/imports/${job.id}`, { permissions: [viewImports] });
      expect(response.status).toBe(200);
      expect(await json(response)).toEqual({
        job: { ...job, status: 'completed', totalRows: 3, importedRows: 1, errorRows: 2 },
        errors: [
          { lineNumber: 3, reason: 'title is empty' },
          { lineNumber: 4, reason: expect.stringContaining('price "free"') },
        ],
      });
      const secondError = await json<{ errors: ImportRowError[] }>(
        await call(`/imports/${job.id}?limit=1&offset=1`, { permissions: [viewImports] }),
      );
      expect(secondError.errors.map((error) => error.lineNumber)).toEqual([4]);

      const theirs = await marketplace().importFeed({ storeId: otherStoreId, source: 'theirs.tsv', feed: [header] });
      const hidden = await call(`/imports/${theirs.id}`, { permissions: [viewImports] });
      const unknown = await call('/imports/999999', { permissions: [viewImports] });
      expect(hidden.status).toBe(404);
      expect(unknown.status).toBe(404);
      const hiddenBody = await json<ErrorBody>(hidden);
      expect(hiddenBody).toMatchObject({
        error: { code: 'ORION_ERR_NOT_FOUND', details: { entity: 'Import job', id: theirs.id } },
      });
      expect(JSON.stringify(hiddenBody).replaceAll(String(theirs.id), 'ID')).toBe(
        JSON.stringify(await json(unknown)).replaceAll('999999', 'ID'),
      );

      const badId = await call('/imports/abc', { permissions: [viewImports] });
      expect(badId.status).toBe(400);
      expect(await json(badId)).toMatchObject({
        error: { code: 'ORION_ERR_VALIDATION', issues: [expect.objectContaining({ path: 'jobId' })] },
      });
      expect((await call('/imports/0', { permissions: [viewImports] })).status).toBe(400);
      expect((await call(`/imports/${job.id}`, { permissions: [publishProducts] })).status).toBe(403);
      expect((await call(`/imports/${job.id}`, { permissions: [viewImports], store: null })).status).toBe(403);
    });
  });

  describe('POST /publish', () => {
    it('publishes the store’s staged products, or one job’s, on the caller’s platform', async () => {
      const first = await marketplace().importFeed({ storeId, source: 'one.tsv', feed: [header, row(1), row(2)] });
      await marketplace().importFeed({ storeId, source: 'two.tsv', feed: [header, row(3)] });
      await marketplace().importFeed({ storeId: otherStoreId, source: 'theirs.tsv', feed: [header, row(4)] });

      const one = await call('/publish', {
        method: 'POST',
        permissions: [publishProducts],
        body: { importJobId: first.id },
      });
      expect(one.status).toBe(200);
      expect(await json(one)).toEqual<PublishResult>({
        published: 2,
        inventory: { created: 2, updated: 0 },
        catalog: { created: 2, updated: 0 },
      });
      const rest = await call('/publish', { method: 'POST', permissions: [publishProducts] });
      expect(await json(rest)).toEqual<PublishResult>({
        published: 1,
        inventory: { created: 1, updated: 0 },
        catalog: { created: 1, updated: 0 },
      });
      expect((await new InventoryService(orion.db).listItems({ storeId })).map((item) => item.sku)).toEqual([
        'P-1',
        'P-2',
        'P-3',
      ]);
      expect(await new InventoryService(orion.db).listItems({ storeId: otherStoreId })).toEqual([]);

      await orion.modules.disable(platformId, 'catalog');
      await marketplace().importFeed({ storeId, source: 'three.tsv', feed: [header, row(5)] });
      expect(
        await json(await call('/publish', { method: 'POST', permissions: [publishProducts], body: {} })),
      ).toEqual<PublishResult>({
        published: 1,
        inventory: { created: 1, updated: 0 },
        catalog: null,
      });
    });

    it('refuses another store’s job, bad input, a missing permission and a missing store', async () => {
      const theirs = await marketplace().importFeed({
        storeId: otherStoreId,
        source: 'theirs.tsv',
        feed: [header, row(1)],
      });
      const hidden = await call('/publish', {
        method: 'POST',
        permissions: [publishProducts],
        body: { importJobId: theirs.id },
      });
      expect(hidden.status).toBe(404);
      expect(await json(hidden)).toMatchObject({
        error: { code: 'ORION_ERR_NOT_FOUND', details: { entity: 'Import job', id: theirs.id } },
      });
      expect(
        (await call('/publish', { method: 'POST', permissions: [publishProducts], body: { importJobId: 999_999 } }))
          .status,
      ).toBe(404);

      for (const body of [{ importJobId: 'one' }, { importJobId: 0 }, { storeId: otherStoreId }]) {
        const bad = await call('/publish', { method: 'POST', permissions: [publishProducts], body });
        expect(bad.status, JSON.stringify(body)).toBe(400);
        expect(await json(bad)).toMatchObject({
          error: { code: 'ORION_ERR_VALIDATION', issues: [expect.any(Object)] },
        });
      }
      expect((await call('/publish', { method: 'POST', permissions: [viewImports] })).status).toBe(403);
      expect((await call('/publish', { method: 'POST', permissions: [publishProducts], store: null })).status).toBe(
        403,
      );
      expect(await marketplace().listStagedProducts(otherStoreId)).toHaveLength(1);
    });
  });

  it('answers 404 like an unknown route where the module is disabled on the platform', async () => {
    const requests: [string, string][] = [
      ['GET', '/imports'],
      ['POST', '/imports?source=a.csv'],
      ['POST', '/publish'],
    ];
    for (const [method, path] of requests) {
      const disabled = await call(path, {
        method,
        platform: otherPlatformId,
        permissions: [viewImports, createImports, publishProducts],
      });
      const unknown = await call('/nothing-here', { method, platform: otherPlatformId });
      expect(disabled.status, `${method} ${path}`).toBe(404);
      expect(unknown.status).toBe(404);
      const disabledBody = await json<ErrorBody>(disabled);
      expect(disabledBody.error.code).toBe('ORION_ERR_ROUTE_NOT_FOUND');
      const pathname = `/api/v1/store/marketplace${path.split('?')[0]}`;
      expect(disabledBody).toEqual(
        JSON.parse(JSON.stringify(await json(unknown)).replaceAll('/api/v1/store/marketplace/nothing-here', pathname)),
      );
    }
    expect(await marketplace().listImportJobs(storeId)).toEqual([]);
  });

  it('contributes translated menu items, filtered by permission', async () => {
    expect(await orion.menu({ platformId, frontend: 'store', permissions: [viewImports], locale: 'de' })).toEqual([
      {
        id: 'marketplace.imports',
        module: 'marketplace',
        label: 'Marktplatz-Importe',
        path: '/marketplace/imports',
        icon: 'upload',
        order: 50,
      },
    ]);
    expect(await orion.menu({ platformId, frontend: 'admin', permissions: [viewImports], locale: 'de' })).toEqual([
      {
        id: 'marketplace.overview',
        module: 'marketplace',
        label: 'Marktplatz',
        path: '/marketplace',
        icon: 'upload',
        order: 50,
      },
    ]);
    expect(
      await orion.menu({ platformId, frontend: 'store', permissions: [createImports, publishProducts], locale: 'de' }),
    ).toEqual([]);
    expect(
      await orion.menu({ platformId: otherPlatformId, frontend: 'store', permissions: [viewImports], locale: 'de' }),
    ).toEqual([]);
    expect(
      orion
        .permissions({ locale: 'fr' })
        .filter((permission) => permission.module === 'marketplace')
        .map((permission) => permission.label),
    ).toEqual([
      'Consulter les imports de flux et leurs erreurs de ligne',
      'Téléverser des flux de produits',
      'Publier ou rejeter les produits en attente',
    ]);
  });

  it('labels every dashboard metric it emits in the caller’s language', async () => {
    await marketplace().importFeed({ storeId, source: 'one.tsv', feed: [header, row(1)] });
    await marketplace().importFeed({ storeId, source: 'bad.tsv', feed: [''] });
    const french = await orion.statsAggregator.getStoreDashboardStats({
      storeId,
      platformId,
      context: { locale: 'fr' },
    });
    expect(french.categories.marketplace?.map(({ key, value, label }) => ({ key, value, label }))).toEqual([
      { key: 'marketplace.import_jobs', value: 2, label: 'Imports lancés' },
      { key: 'marketplace.failed_jobs', value: 1, label: 'Imports échoués' },
      { key: 'marketplace.import_success_rate', value: 50, label: 'Taux de réussite des imports' },
      { key: 'marketplace.staging_products', value: 1, label: 'Produits en attente' },
    ]);
    expect(french.categories.marketplace?.[3]?.description).toBe(
      'Produits importés en attente de publication ou de rejet.',
    );

    for (const locale of supportedLocales) {
      const admin = await orion.statsAggregator.getAdminDashboardStats({ platformId, context: { locale } });
      for (const metric of admin.categories.marketplace ?? []) {
        const messages = (marketplaceModule.messages as Record<string, Record<string, string>>)[locale]!;
        expect(metric.label, `${locale} ${metric.key}`).toBe(messages[`metric.${metric.key}.label`]);
        expect(metric.description, `${locale} ${metric.key}`).toBe(messages[`metric.${metric.key}.description`]);
      }
      expect(admin.categories.marketplace).toHaveLength(4);
    }
  });
});
