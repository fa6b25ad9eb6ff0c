/**
 * Issue 14, items 1 and 6: a second Orion process on the same database never touches an import
 * another live process runs, and the job of a process that really died (kill -9) is recovered once
 * its lease runs out, with its staged rows and partial upload removed. Real child processes, on a
 * real SQLite file and a real PostgreSQL database.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { inventoryModule } from '@orion/inventory';
import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
import { afterEach, expect, it } from 'vitest';
import { MarketplaceService, marketplaceModule, type ImportJob } from '../src/index.js';

const script = fileURLToPath(new URL('./support/import-process.ts', import.meta.url));

/** A child process running `import-process.ts`, with its IPC messages as promises. */
function child(args: string[], env: Record<string, string>) {
  const process_ = fork(script, args, {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const messages: Record<string, unknown>[] = [];
  const waiting: { type: string; resolve: (message: Record<string, unknown>) => void }[] = [];
  process_.on('message', (message: Record<string, unknown>) => {
    messages.push(message);
    for (const wait of waiting.filter((entry) => entry.type === message.type)) {
      waiting.splice(waiting.indexOf(wait), 1);
      wait.resolve(message);
    }
  });
  const exited = new Promise<number | null>((resolve) => process_.once('exit', (code) => resolve(code)));
  return {
    process: process_,
    exited,
    message: <T = Record<string, unknown>>(type: string) =>
      new Promise<T>((resolve, reject) => {
        const found = messages.find((message) => message.type === type);
        if (found) return resolve(found as T);
        waiting.push({ type, resolve: resolve as (message: Record<string, unknown>) => void });
        void exited.then((code) => reject(new Error(`the child exited (${code}) before "${type}"`)));
      }),
  };
}

const started: ChildProcess[] = [];
afterEach(() => {
  for (const process_ of started.splice(0)) if (process_.exitCode === null) process_.kill('SIGKILL');
});

/** Waits (polling every 50 ms) until `check` holds; the test's own timeout bounds it. */
async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 50));
}

describeEachDatabase('marketplace imports across processes', (dialect) => {
  const hosts = useTestHosts(dialect);
  const leaseSeconds = '1';

  /**
   * `hostLeaseSeconds` is the test host's own lease, and so how often its periodic recovery runs;
   * the child processes always use `leaseSeconds`.
   */
  async function setUp(hostLeaseSeconds = leaseSeconds) {
    const host = await hosts.start({
      modules: [inventoryModule, marketplaceModule],
      env: { MARKETPLACE_LEASE_SECONDS: hostLeaseSeconds },
    });
    const { platformId, storeId } = await host.seedTenancy();
    const database = await hosts.database();
    const env = {
      ORION_TEST_DATABASE_URL: database.url,
      ORION_TEST_DATABASE_DIALECT: database.dialect,
      MARKETPLACE_LEASE_SECONDS: leaseSeconds,
    };
    const spawn = (...args: string[]) => {
      const made = child(args, env);
      started.push(made.process);
      return made;
    };
    const jobRow = (jobId: number) =>
      host.db.selectFrom('marketplace_import_jobs').selectAll().where('id', '=', jobId).executeTakeFirstOrThrow();
    const stagedCount = async (jobId: number) =>
      Number(
        (
          await host.db
            .selectFrom('marketplace_products')
            .select((eb) => eb.fn.countAll().as('count'))
            .where('import_job_id', '=', jobId)
            .executeTakeFirstOrThrow()
        ).count,
      );
    return { host, platformId, storeId, spawn, jobRow, stagedCount };
  }

  it('a second process started during an import leaves its rows and status exact', async () => {
    const { storeId, spawn, jobRow, stagedCount } = await setUp();
    const rows = 3_000;
    const importer = spawn('import', String(storeId), String(rows), '1200');
    const { jobId } = await importer.message<{ jobId: number }>('paused');
    // two batches are written; wait until the lease the import took at its start has run out, so
    // only its renewals keep the job (no fixed sleep: the database says when)
    const firstLease = (await jobRow(jobId)).lease_expires_at;
    await until(async () => new Date(String((await jobRow(jobId)).heartbeat_at)) > new Date(String(firstLease)));
    // the import's first two batches (1,000 rows) are in the table before the second process starts
    await until(async () => (await stagedCount(jobId)) === 1_000);

    const second = spawn('start');
    await second.message('started');
    expect(await second.exited).toBe(0);
    expect((await jobRow(jobId)).status).toBe('processing');

    importer.process.send('go');
    const { job } = await importer.message<{ job: ImportJob }>('done');
    expect(await importer.exited).toBe(0);
    expect(job).toMatchObject({ status: 'completed', totalRows: rows, importedRows: rows, errorRows: 0 });
    expect(job.errorMessage).toBeNull();
    expect(await stagedCount(jobId)).toBe(rows);
    console.info(`[${dialect}] second process mid-import: ${await stagedCount(jobId)} of ${rows} rows, ${job.status}`);
  });

  it('recovers the import of a process killed with SIGKILL once its lease ran out', async () => {
    // the host's periodic recovery waits an hour here, so only this test's own call can take the job
    // (with the host's every second, the two raced and the test's call could find nothing left)
    const { host, storeId, spawn, jobRow, stagedCount } = await setUp('3600');
    const importer = spawn('import', String(storeId), '3000', '1200');
    const { jobId } = await importer.message<{ jobId: number }>('paused');
    await until(async () => (await stagedCount(jobId)) === 1_000);
    const marketplace = new MarketplaceService(host.db);
    // the live import is not recovered
    expect(await marketplace.recoverAbandonedJobs()).toEqual([]);

    importer.process.kill('SIGKILL');
    await importer.exited;
    let recovered: Awaited<ReturnType<MarketplaceService['recoverAbandonedJobs']>> = [];
    await until(async () => (recovered = await marketplace.recoverAbandonedJobs()).length > 0);
    expect(recovered).toEqual([{ id: jobId, was: 'processing', feedPath: null }]);
    expect(await marketplace.getImportJob(jobId)).toMatchObject({
      status: 'failed',
      totalRows: 0,
      importedRows: 0,
      errorMessage: 'the import was interrupted (its process stopped); upload the feed again',
    });
    expect(await stagedCount(jobId)).toBe(0);
    expect((await jobRow(jobId)).lease_owner).toBeNull();
    // a second recovery finds nothing: the job was taken once
    expect(await marketplace.recoverAbandonedJobs()).toEqual([]);
  });

  it('fails the job of an upload killed with SIGKILL and removes its partial file', async () => {
    const { host, platformId, storeId, spawn, jobRow } = await setUp();
    const uploader = spawn('upload', String(platformId), String(storeId), String(64 * 1024));
    await uploader.message('paused');
    const [pending] = await new MarketplaceService(host.db).listImportJobs(storeId);
    expect(pending).toMatchObject({ status: 'pending' });
    const file = String((await jobRow(pending!.id)).feed_path);
    const folder = file.slice(0, file.lastIndexOf('/'));
    await until(async () => (await readdir(folder).catch(() => [])).length > 0);

    uploader.process.kill('SIGKILL');
    await uploader.exited;
    // the host's own periodic recovery (every leaseSeconds) finds it
    await until(async () => (await jobRow(pending!.id)).status !== 'pending');
    expect(await new MarketplaceService(host.db).getImportJob(pending!.id)).toMatchObject({
      status: 'failed',
      errorMessage: 'the upload did not finish (its process stopped); upload the feed again',
    });
    await until(async () => (await readdir(folder)).length === 0);
    expect(await readdir(folder)).toEqual([]);
  });
});
