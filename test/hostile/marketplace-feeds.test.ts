/**
 * The hostile suite's feeds (issue 14): what a hostile tester uploaded to the marketplace, kept
 * running in CI over real HTTP on a real SQLite file and a real PostgreSQL database. Every feed must
 * end in a final job state with a short, coded-or-plain message (never a 500, never raw database
 * text, never more than 1 KB), and publishing the store afterwards must still work.
 */
import { catalogModule } from '../../packages/catalog/src/index.js';
import { inventoryModule } from '../../packages/inventory/src/index.js';
import { marketplaceModule, type ImportJob, type ImportRowError } from '../../packages/marketplace/src/index.js';
import { describeEachDatabase, useTestHosts } from '../../packages/testing/src/vitest.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { headerContext, serveOverHttp, type RouteServer } from '../support/route-server.js';

const permissions = 'marketplace.imports.view,marketplace.imports.create,marketplace.products.publish';
const header = 'id,title,price,sku\n';

/** Each hostile feed, and what a clean answer is: the job's final status. */
const feeds: { name: string; body: () => RequestInit['body']; status: 'completed' | 'failed'; staged?: number }[] = [
  { name: 'empty', body: () => '', status: 'failed' },
  {
    name: 'binary',
    body: () => new Uint8Array(Array.from({ length: 4096 }, (_, index) => (index * 7919) % 256)),
    status: 'failed',
  },
  { name: 'UTF-16', body: () => Buffer.from(`\uFEFF${header}1,Mug,1 EUR,M-1\n`, 'utf16le'), status: 'failed' },
  {
    name: 'Latin-1 rows',
    body: () =>
      Buffer.concat([Buffer.from(`${header}1,Crème,1 EUR,C-1\n`), Buffer.from('2,Crème brûlée,2 EUR,C-2\n', 'latin1')]),
    status: 'completed',
    staged: 1,
  },
  {
    name: 'a 20 MB line',
    body: () => {
      let sent = 0;
      const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
      return new ReadableStream<Uint8Array>({
        start: (controller) => controller.enqueue(new TextEncoder().encode(`${header}1,Mug,1 EUR,M-1\n2,`)),
        pull(controller) {
          if (sent >= 20 * 1024 * 1024) {
            controller.enqueue(new TextEncoder().encode(',1 EUR,M-2\n3,Cup,2 EUR,C-3\n'));
            return controller.close();
          }
          sent += chunk.length;
          controller.enqueue(chunk);
        },
      });
    },
    status: 'completed',
    staged: 2,
  },
  {
    name: 'unbalanced quotes',
    body: () => `${header}1,"Mug,1 EUR,M-1\n2,Cup,2 EUR,C-2\n3,Bowl",3 EUR,B-3\n`,
    status: 'completed',
  },
  {
    name: 'formula-looking cells',
    body: () => `${header}1,=HYPERLINK("http://x"),1 EUR,F-1\n2,+1+1,1 EUR,F-2\n3,@SUM(A1),1 EUR,F-3\n`,
    status: 'completed',
    staged: 3,
  },
  {
    name: 'duplicate SKUs and ids',
    body: () => `${header}1,Mug,1 EUR,D-1\n2,Mug again,2 EUR,D-1\n2,Same id,3 EUR,D-2\n`,
    status: 'completed',
    staged: 2,
  },
  {
    name: 'negative and huge prices',
    body: () =>
      `${header}1,Neg,-5 EUR,P-1\n2,Huge,9999999999999 EUR,P-2\n3,Big,999999999999.99 EUR,P-3\n4,Many decimals,1.999 EUR,P-4\n`,
    status: 'completed',
    staged: 1,
  },
  {
    name: 'NUL, spaces in SKUs, long titles',
    body: () => `${header}1,Mu\u0000g,1 EUR,N-1\n2,Mug,1 EUR,N 2\n3,${'t'.repeat(300)},1 EUR,N-3\n`,
    status: 'completed',
    staged: 0,
  },
];

describeEachDatabase('hostile feeds', (dialect) => {
  const hosts = useTestHosts(dialect);
  let server: RouteServer | undefined;
  let uploadDir: string | undefined;
  afterEach(async () => {
    await server?.close();
    if (uploadDir) await rm(uploadDir, { recursive: true, force: true });
  });

  it('answers every hostile feed cleanly, and the store still publishes', async () => {
    uploadDir = await mkdtemp(join(tmpdir(), 'orion-hostile-feeds-'));
    const host = await hosts.start({
      modules: [inventoryModule, catalogModule, marketplaceModule],
      env: { MARKETPLACE_UPLOAD_DIR: uploadDir },
    });
    const { platformId, storeId } = await host.seedTenancy();
    server = await serveOverHttp(host.orion.createRequestHandler({ resolveContext: headerContext }));
    const call = (path: string, init: RequestInit = {}) =>
      fetch(`${server!.url}/api/v1/store/marketplace${path}`, {
        ...init,
        headers: { 'x-platform': String(platformId), 'x-store': String(storeId), 'x-permissions': permissions },
        ...(init.body instanceof ReadableStream ? { duplex: 'half' } : {}),
      });

    const figures = { attempts: 0, clean: 0, failures: [] as string[] };
    for (const feed of feeds) {
      figures.attempts++;
      const uploaded = await call(`/imports?source=${encodeURIComponent(feed.name)}`, {
        method: 'POST',
        body: feed.body(),
      });
      expect(uploaded.status, feed.name).toBe(202);
      const { id } = (await uploaded.json()) as ImportJob;
      await host.orion.tasks.drain({ timeoutMs: 60_000 });
      const answer = await call(`/imports/${id}?limit=200`);
      const text = await answer.text();
      const { job, errors } = JSON.parse(text) as { job: ImportJob; errors: ImportRowError[] };
      const problems = [
        answer.status === 200 ? '' : `status ${answer.status}`,
        job.status === feed.status ? '' : `${job.status}, expected ${feed.status}`,
        feed.staged === undefined || job.importedRows === feed.staged
          ? ''
          : `${job.importedRows} staged, expected ${feed.staged}`,
        Buffer.byteLength(job.errorMessage ?? '') <= 1024 ? '' : 'job message over 1 KB',
        errors.every((error) => Buffer.byteLength(error.reason) <= 1024) ? '' : 'row error over 1 KB',
        text.length < 64 * 1024 ? '' : `answer of ${text.length} characters`,
        /duplicate key|violates|SQLITE_|syntax error|invalid byte sequence/i.test(text) ? 'raw database text' : '',
      ].filter(Boolean);
      if (problems.length === 0) figures.clean++;
      else figures.failures.push(`${feed.name}: ${problems.join(', ')}`);
    }
    const published = await call('/publish', { method: 'POST' });
    expect(published.status).toBe(200);
    console.info(
      `[${dialect}] hostile feeds: ${figures.attempts} attempts, ${figures.clean} clean, ${figures.failures.length} failures`,
    );
    expect(figures.failures).toEqual([]);
  });
});
