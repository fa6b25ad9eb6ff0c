import { defineModule, defineTask, type TaskDefinition } from '@orion/contracts';
import { TenancyService } from '@orion/tenancy';
import { expect, it, vi } from 'vitest';
import { z } from 'zod';
import { describeEachDatabase } from '../../../test/support/databases.js';
import { recordingLogger, useOrionHosts } from '../../../test/support/orion-host.js';
import type { Orion } from '../src/index.js';

const payload = { sku: 'A-1' };
const recountPayload = z.object({ sku: z.string() });

function stockModule(handler: TaskDefinition<typeof recountPayload>['handler']) {
  return defineModule({
    code: 'stock',
    name: 'Stock',
    version: '1.0.0',
    tasks: [defineTask({ name: 'recount', payload: recountPayload, retryDelaySeconds: 0.05, handler })],
  });
}

async function platform(orion: Orion): Promise<number> {
  return (await new TenancyService(orion.db).createPlatform({ code: 'main', name: 'Main' })).id;
}

describeEachDatabase('durable background tasks', (dialect) => {
  const hosts = useOrionHosts(dialect);

  it('a job enqueued before a restart runs exactly once after it', async () => {
    const runs: { attempt: number; payload: unknown }[] = [];
    const module = stockModule(({ attempt, payload }) => void runs.push({ attempt, payload }));
    const url = await hosts.url();
    const first = await hosts.start({ modules: [module], database: url });
    const platformId = await platform(first);
    const { id } = await first.tasks.enqueue({ module: 'stock', task: 'recount', platformId, payload });
    await first.close();

    const second = await hosts.start({ modules: [module], database: url });
    expect(await second.tasks.getJob(id)).toMatchObject({ status: 'queued', payload });
    second.tasks.startWorker({ pollIntervalMs: 20 });
    await vi.waitFor(async () => expect((await second.tasks.getJob(id))?.status).toBe('completed'), {
      timeout: 10_000,
      interval: 20,
    });
    await second.tasks.stopWorker();

    const third = await hosts.start({ modules: [module], database: url });
    expect(await third.tasks.drain({ timeoutMs: 5_000 })).toEqual({ ran: 0, unfinished: 0 });
    expect(runs).toEqual([{ attempt: 1, payload }]);
    expect(await third.tasks.getJob(id)).toMatchObject({ status: 'completed', attempts: 1 });
  });

  it('a job whose worker died mid-run is picked up again once its time runs out', async () => {
    const attempts: number[] = [];
    // The first try never finishes: its worker hangs, then stops waiting, as if the process died.
    const module = stockModule(async ({ attempt }) => {
      attempts.push(attempt);
      if (attempt === 1) await new Promise(() => {});
    });
    const url = await hosts.url();
    const first = await hosts.start({ modules: [module], database: url, tasks: { timeoutSeconds: 1 } });
    const platformId = await platform(first);
    const { id } = await first.tasks.enqueue({ module: 'stock', task: 'recount', platformId, payload });
    first.tasks.startWorker({ pollIntervalMs: 20 });
    await vi.waitFor(() => expect(attempts).toEqual([1]), { timeout: 5_000, interval: 10 });
    await first.tasks.stopWorker({ timeoutMs: 0 });
    expect(await first.tasks.getJob(id)).toMatchObject({ status: 'running', attempts: 1 });
    await first.close();

    const second = await hosts.start({ modules: [module], database: url, tasks: { timeoutSeconds: 1 } });
    expect(await second.tasks.drain({ timeoutMs: 15_000 })).toEqual({ ran: 1, unfinished: 0 });
    expect(attempts).toEqual([1, 2]);
    const job = (await second.tasks.getJob(id))!;
    expect(job).toMatchObject({ status: 'completed', attempts: 2, maxAttempts: 4 });
    expect(job.lastError).toMatch(/time/i);
  });

  it('a try that outlives timeoutSeconds counts as failed and is retried', async () => {
    const attempts: number[] = [];
    const module = stockModule(async ({ attempt }) => {
      attempts.push(attempt);
      if (attempt === 1) await new Promise(() => {});
    });
    const orion = await hosts.start({ modules: [module], tasks: { timeoutSeconds: 1 } });
    const platformId = await platform(orion);
    const { id } = await orion.tasks.enqueue({ module: 'stock', task: 'recount', platformId, payload });
    expect(await orion.tasks.drain({ timeoutMs: 15_000 })).toEqual({ ran: 2, unfinished: 0 });
    expect(attempts).toEqual([1, 2]);
    expect(await orion.tasks.getJob(id)).toMatchObject({
      status: 'completed',
      attempts: 2,
      lastError: 'The task did not finish within 1 s',
    });
  });

  it('a job whose worker died on its last try fails for good once its time runs out', async () => {
    const attempts: number[] = [];
    const module = defineModule({
      code: 'stock',
      name: 'Stock',
      version: '1.0.0',
      tasks: [
        defineTask({
          name: 'recount',
          payload: z.object({ sku: z.string() }),
          retries: 0,
          handler: async ({ attempt }) => {
            attempts.push(attempt);
            await new Promise(() => {});
          },
        }),
      ],
    });
    const url = await hosts.url();
    const first = await hosts.start({ modules: [module], database: url, tasks: { timeoutSeconds: 1 } });
    const platformId = await platform(first);
    const { id } = await first.tasks.enqueue({ module: 'stock', task: 'recount', platformId, payload });
    first.tasks.startWorker({ pollIntervalMs: 20 });
    await vi.waitFor(() => expect(attempts).toEqual([1]), { timeout: 5_000, interval: 10 });
    await first.tasks.stopWorker({ timeoutMs: 0 });
    await first.close();

    const second = await hosts.start({ modules: [module], database: url, tasks: { timeoutSeconds: 1 } });
    expect(await second.tasks.drain({ timeoutMs: 15_000 })).toEqual({ ran: 0, unfinished: 0 });
    expect(attempts).toEqual([1]);
    const job = (await second.tasks.getJob(id))!;
    expect(job).toMatchObject({ status: 'failed', attempts: 1, maxAttempts: 1 });
    expect(job.lastError).toMatch(/time/i);
  });

  it('a job of a module that is no longer installed is skipped, not run', async () => {
    const run = vi.fn();
    const url = await hosts.url();
    const first = await hosts.start({ modules: [stockModule(run)], database: url });
    const platformId = await platform(first);
    const { id } = await first.tasks.enqueue({ module: 'stock', task: 'recount', platformId, payload });
    await first.close();

    const logger = recordingLogger();
    const second = await hosts.start({ modules: [], database: url, logger });
    expect(await second.tasks.drain({ timeoutMs: 5_000 })).toEqual({ ran: 1, unfinished: 0 });
    expect(run).not.toHaveBeenCalled();
    expect(await second.tasks.getJob(id)).toMatchObject({ status: 'skipped', skippedReason: 'module-not-installed' });
    expect(
      logger.entries.some(
        (entry) => entry.level === 'warn' && entry.message === 'Skipped task stock.recount: module-not-installed',
      ),
    ).toBe(true);
  });
});
