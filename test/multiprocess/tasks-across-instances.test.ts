/**
 * Tasks across instances (issue 13): several worker processes share one job queue (pg-boss on
 * PostgreSQL, the SQL queue `orion_tasks` on one SQLite file). Each job's handler writes one row
 * per try into `task_runs`; the test counts them. Each worker is a real child process
 * (`task-worker.ts`); the killed one gets SIGKILL while its handler waits.
 */
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterEach, expect, it, vi } from 'vitest';
import type { TestHost } from '../../packages/testing/src/index.js';
import { describeEachDatabase, useTestHosts } from '../../packages/testing/src/vitest.js';
import { startWorker, type Worker } from './processes.js';
import { createRunsTable, runsModule, type RecordPayload } from './task-module.js';

const taskWorker = fileURLToPath(new URL('./task-worker.ts', import.meta.url));

/** A `task-worker.ts` process: `timeoutSeconds` per try, `concurrency` jobs at once. */
function startTaskWorker(url: string, timeoutSeconds: number, concurrency: number): Worker {
  return startWorker('task-worker', [url, timeoutSeconds, concurrency], taskWorker);
}

interface Run {
  n: number;
  pid: number;
  attempt: number;
}

describeEachDatabase('tasks across instances', (dialect) => {
  const hosts = useTestHosts(dialect);
  let host: TestHost;
  let platformId: number;
  const workers: Worker[] = [];

  afterEach(() => {
    for (const worker of workers) if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
    workers.length = 0;
  });

  /**
   * Starts the test's host (it enqueues, runs no job) and the `task_runs` table. On PostgreSQL a
   * job's time limit is fixed when it is enqueued (pg-boss's `expireInSeconds`), so the enqueuing
   * host gets the workers' `timeoutSeconds`.
   */
  async function setUp(timeoutSeconds: number): Promise<void> {
    host = await hosts.start({ modules: [runsModule], tasks: { timeoutSeconds } });
    ({ platformId } = await host.seedTenancy());
    await host.orion.modules.enable(platformId, 'runs');
    await createRunsTable.execute(host.db);
  }

  async function enqueue(payload: RecordPayload): Promise<string> {
    return (await host.orion.tasks.enqueue({ module: 'runs', task: 'record', platformId, payload })).id;
  }

  async function runs(): Promise<Run[]> {
    const { rows } = await sql<Run>`select n, pid, attempt from task_runs order by n, attempt`.execute(host.db);
    return rows.map((row) => ({ n: Number(row.n), pid: Number(row.pid), attempt: Number(row.attempt) }));
  }

  async function stop(worker: Worker): Promise<void> {
    worker.child.send('stop');
    expect((await worker.result).failures).toEqual([]);
  }

  it('three worker processes on one queue: every job runs exactly once, and each process runs some', async () => {
    await setUp(120);
    const jobs = 60;
    // The first jobs wait until all three processes have started one, so none can take the lot.
    const ids: string[] = [];
    for (let n = 1; n <= jobs; n++) ids.push(await enqueue({ n, waitForProcesses: 3 }));
    workers.push(...[1, 2, 3].map(() => startTaskWorker(host.database.url, 120, 2)));
    await Promise.all(workers.map((worker) => worker.ready));
    for (const worker of workers) worker.go();

    // Polled through getJob: the test's own host runs no job.
    await vi.waitFor(
      async () => {
        for (const id of ids) expect((await host.orion.tasks.getJob(id))?.status).toBe('completed');
      },
      { timeout: 60_000, interval: 100 },
    );
    await Promise.all(workers.map(stop));

    const recorded = await runs();
    expect(recorded.map((run) => run.n)).toEqual(Array.from({ length: jobs }, (_, i) => i + 1));
    expect(recorded.every((run) => run.attempt === 1)).toBe(true);
    const pids = new Set(workers.map((worker) => worker.child.pid));
    expect(new Set(recorded.map((run) => run.pid))).toEqual(pids);
    for (const id of ids) expect(await host.orion.tasks.getJob(id)).toMatchObject({ status: 'completed', attempts: 1 });
  }, 120_000);

  it('a worker killed mid-job: another worker process runs the job again once its try times out', async () => {
    await setUp(1);
    const id = await enqueue({ n: 1, holdFirstTry: true });
    const first = startTaskWorker(host.database.url, 1, 1);
    workers.push(first);
    const holding = new Promise((resolve) =>
      first.child.on('message', (message: { holding?: number }) => message.holding && resolve(message)),
    );
    await first.ready;
    first.go();
    await holding;
    // A second worker is already polling while the first holds the job: it must not take it yet.
    const second = startTaskWorker(host.database.url, 1, 1);
    workers.push(second);
    await second.ready;
    second.go();
    const exited = new Promise((resolve) => first.child.once('exit', resolve));
    first.child.kill('SIGKILL');
    await exited;

    await vi.waitFor(async () => expect((await host.orion.tasks.getJob(id))?.status).toBe('completed'), {
      timeout: 30_000,
      interval: 50,
    });
    await stop(second);

    expect(await runs()).toEqual([
      { n: 1, pid: first.child.pid, attempt: 1 },
      { n: 1, pid: second.child.pid, attempt: 2 },
    ]);
    expect(await host.orion.tasks.getJob(id)).toMatchObject({ status: 'completed', attempts: 2 });
  }, 60_000);
});
