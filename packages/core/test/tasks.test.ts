import { defineModule, defineTask, type ModuleDefinitionInput } from '@orion/contracts';
import { TenancyService } from '@orion/tenancy';
import { expect, it, vi } from 'vitest';
import { z } from 'zod';
import { describeEachDatabase } from '../../../test/support/databases.js';
import { recordingLogger, useOrionHosts } from '../../../test/support/orion-host.js';
import { rejectionOf } from '../../../test/support/rejection.js';
import type { Orion } from '../src/index.js';

const feedPayload = z.object({ url: z.url(), limit: z.number().int().positive() });

function feedsModule(tasks: NonNullable<ModuleDefinitionInput['tasks']>, extra: Partial<ModuleDefinitionInput> = {}) {
  return defineModule({ code: 'feeds', name: 'Feeds', version: '1.0.0', tasks, ...extra });
}

async function platform(orion: Orion, code = 'main'): Promise<number> {
  return (await new TenancyService(orion.db).createPlatform({ code, name: code })).id;
}

async function statusOf(orion: Orion, id: string) {
  return (await orion.tasks.getJob(id))?.status;
}

describeEachDatabase('background tasks', (dialect) => {
  const hosts = useOrionHosts(dialect);
  // pg-boss counts retry delays in whole seconds, at least 1, doubling from there.
  const firstRetryDelayMs = dialect === 'postgres' ? 1000 : 50;

  it('runs a job once, with its payload, platform, configuration and host services, and completes it', async () => {
    const seen: Record<string, unknown>[] = [];
    const module = feedsModule(
      [
        defineTask({
          name: 'import-feed',
          payload: feedPayload,
          handler: (args) => {
            seen.push({
              payload: args.payload,
              platformId: args.platformId,
              jobId: args.jobId,
              attempt: args.attempt,
              config: args.config,
              db: args.db,
              services: args.services,
            });
          },
        }),
      ],
      { config: { schema: z.object({ region: z.string() }), envPrefix: 'FEEDS_', defaults: { region: 'eu' } } },
    );
    const orion = await hosts.start({ modules: [module] });
    const platformId = await platform(orion);
    await orion.platformConfig.set(platformId, 'feeds', { region: 'us' });
    const payload = { url: 'https://example.com/feed.xml', limit: 5 };

    const { id } = await orion.tasks.enqueue({ module: 'feeds', task: 'import-feed', platformId, payload });
    expect(await orion.tasks.getJob(id)).toMatchObject({
      id,
      module: 'feeds',
      task: 'import-feed',
      platformId,
      payload,
      status: 'queued',
      attempts: 0,
      maxAttempts: 4, // defineModule's default: 3 retries
      lastError: null,
      skippedReason: null,
      startedAt: null,
      completedAt: null,
    });

    orion.tasks.startWorker({ pollIntervalMs: 20 });
    await vi.waitFor(async () => expect(await statusOf(orion, id)).toBe('completed'), {
      timeout: 10_000,
      interval: 20,
    });
    expect(seen).toEqual([
      { payload, platformId, jobId: id, attempt: 1, config: { region: 'us' }, db: orion.db, services: orion.services },
    ]);
    const job = (await orion.tasks.getJob(id))!;
    expect(job).toMatchObject({ status: 'completed', attempts: 1, lastError: null });
    expect(Date.parse(job.completedAt!)).toBeGreaterThanOrEqual(Date.parse(job.startedAt!));
    expect(Date.parse(job.startedAt!)).toBeGreaterThanOrEqual(Date.parse(job.createdAt));

    await orion.tasks.stopWorker();
    expect(await orion.tasks.runPending()).toBe(0);
    expect(seen).toHaveLength(1);
  });

  it('refuses a bad request, a bad payload, an unknown module or task before storing anything', async () => {
    const handler = vi.fn();
    const orion = await hosts.start({
      modules: [feedsModule([defineTask({ name: 'import-feed', payload: feedPayload, handler })])],
    });
    const platformId = await platform(orion);
    const enqueue = (request: Record<string, unknown>) =>
      rejectionOf(
        orion.tasks.enqueue({
          module: 'feeds',
          task: 'import-feed',
          platformId,
          payload: { url: 'https://example.com/a', limit: 1 },
          ...request,
        }),
      );

    const badPayload = await enqueue({ payload: { url: 'not a url', limit: 0 } });
    expect(badPayload.code).toBe('ORION_ERR_VALIDATION');
    expect((badPayload.details.validationIssues as { path: string }[]).map((issue) => issue.path)).toEqual([
      'url',
      'limit',
    ]);
    expect(badPayload.message).toMatch(/^Invalid payload of task "feeds.import-feed": /);
    // The payload is checked as the JSON the handler will get: a Date becomes a string.
    const dated = feedsModule([defineTask({ name: 'import-feed', payload: z.object({ at: z.date() }), handler })]);
    const other = await hosts.start({ modules: [dated] });
    expect(
      (
        await rejectionOf(
          other.tasks.enqueue({ module: 'feeds', task: 'import-feed', platformId, payload: { at: new Date() } }),
        )
      ).code,
    ).toBe('ORION_ERR_VALIDATION');
    expect((await enqueue({ payload: { url: 'https://example.com/a', limit: 1n } })).code).toBe('ORION_ERR_VALIDATION');
    expect((await enqueue({ platformId: 0 })).code).toBe('ORION_ERR_VALIDATION');
    expect((await enqueue({ runAt: 'tomorrow' })).code).toBe('ORION_ERR_VALIDATION');

    const unknownTask = await enqueue({ task: 'export-feed' });
    expect(unknownTask.code).toBe('ORION_ERR_TASK_UNKNOWN');
    expect(unknownTask.details).toEqual({ code: 'feeds', task: 'export-feed' });
    expect(unknownTask.message).toBe('Module "feeds" has no task "export-feed".');
    expect((await enqueue({ module: 'orders' })).code).toBe('ORION_ERR_MODULE_NOT_INSTALLED');

    expect(await orion.tasks.drain({ timeoutMs: 0 })).toEqual({ ran: 0, unfinished: 0 });
    expect(handler).not.toHaveBeenCalled();
    expect(await orion.tasks.getJob('12345')).toBeUndefined();
    expect(await orion.tasks.getJob('feeds.import-feed.3f1c2d8e-0b6a-4c47-9a51-2f0e8f7c1d2a')).toBeUndefined();
    expect((await rejectionOf(orion.tasks.getJob(42 as never))).code).toBe('ORION_ERR_VALIDATION');
  });

  it('retries a failing handler with exponential backoff, then fails the job with the last error', async () => {
    const tries: { attempt: number; at: number }[] = [];
    const logger = recordingLogger();
    const module = feedsModule([
      defineTask({
        name: 'import-feed',
        payload: feedPayload,
        retries: 2,
        retryDelaySeconds: 0.05,
        handler: ({ attempt }) => {
          tries.push({ attempt, at: Date.now() });
          throw new Error(`feed unreachable (try ${attempt})`);
        },
      }),
    ]);
    const orion = await hosts.start({ modules: [module], logger });
    const platformId = await platform(orion);
    const { id } = await orion.tasks.enqueue({
      module: 'feeds',
      task: 'import-feed',
      platformId,
      payload: { url: 'https://example.com/a', limit: 1 },
    });

    expect(await orion.tasks.drain({ timeoutMs: 20_000 })).toEqual({ ran: 3, unfinished: 0 });
    expect(tries.map((entry) => entry.attempt)).toEqual([1, 2, 3]);
    // retryDelaySeconds × 2^(try − 1): the second wait is at least twice the first delay
    expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(firstRetryDelayMs - 5);
    expect(tries[2]!.at - tries[1]!.at).toBeGreaterThanOrEqual(2 * firstRetryDelayMs - 5);
    const job = (await orion.tasks.getJob(id))!;
    expect(job).toMatchObject({
      status: 'failed',
      attempts: 3,
      maxAttempts: 3,
      lastError: 'feed unreachable (try 3)',
      skippedReason: null,
    });
    expect(job.completedAt).not.toBeNull();

    const retried = logger.entries.filter(
      (entry) => entry.level === 'warn' && entry.message.includes('will be retried'),
    );
    expect(retried).toHaveLength(2);
    const failed = logger.entries.filter((entry) => entry.level === 'error');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.meta).toMatchObject({ jobId: id, attempt: 3 });
    expect((failed[0]!.meta!.error as Error).stack).toContain('feed unreachable (try 3)');
  });

  it('skips a job whose module is disabled on its platform when it runs, and runs it where enabled', async () => {
    const ran: number[] = [];
    const logger = recordingLogger();
    const module = feedsModule([
      defineTask({ name: 'import-feed', payload: feedPayload, handler: ({ platformId }) => void ran.push(platformId) }),
    ]);
    const orion = await hosts.start({ modules: [module], logger });
    const enabled = await platform(orion, 'enabled');
    const disabled = await platform(orion, 'disabled');
    const payload = { url: 'https://example.com/a', limit: 1 };
    const first = await orion.tasks.enqueue({ module: 'feeds', task: 'import-feed', platformId: enabled, payload });
    // enabled when enqueued, disabled by the time it runs
    const second = await orion.tasks.enqueue({ module: 'feeds', task: 'import-feed', platformId: disabled, payload });
    await orion.modules.disable(disabled, 'feeds');

    expect(await orion.tasks.drain({ timeoutMs: 10_000 })).toEqual({ ran: 2, unfinished: 0 });
    expect(ran).toEqual([enabled]);
    expect(await orion.tasks.getJob(first.id)).toMatchObject({ status: 'completed', skippedReason: null });
    const skipped = (await orion.tasks.getJob(second.id))!;
    expect(skipped).toMatchObject({
      status: 'skipped',
      skippedReason: 'module-disabled',
      attempts: 1,
      lastError: null,
    });
    expect(skipped.completedAt).not.toBeNull();
    const warnings = logger.entries.filter(
      (entry) => entry.level === 'warn' && entry.message.startsWith('Skipped task'),
    );
    expect(warnings.map((entry) => entry.meta)).toEqual([
      expect.objectContaining({ jobId: second.id, reason: 'module-disabled' }),
    ]);
  });

  it('stopWorker stops taking jobs and waits for the running one', async () => {
    const events: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const module = feedsModule([
      defineTask({
        name: 'import-feed',
        payload: z.object({ n: z.number() }),
        handler: async ({ payload }) => {
          events.push(`start ${payload.n}`);
          if (payload.n === 1) {
            started();
            await gate;
          }
          events.push(`end ${payload.n}`);
        },
      }),
    ]);
    const orion = await hosts.start({ modules: [module] });
    const platformId = await platform(orion);
    const first = await orion.tasks.enqueue({ module: 'feeds', task: 'import-feed', platformId, payload: { n: 1 } });
    orion.tasks.startWorker({ concurrency: 1, pollIntervalMs: 10 });
    await running;
    // Due, but the worker's one slot is taken: it is not claiming while the first job runs.
    const second = await orion.tasks.enqueue({ module: 'feeds', task: 'import-feed', platformId, payload: { n: 2 } });

    const stopped = orion.tasks.stopWorker().then(() => void events.push('stopped'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(events).toEqual(['start 1']);
    expect(await statusOf(orion, first.id)).toBe('running');

    release();
    await stopped;
    expect(events).toEqual(['start 1', 'end 1', 'stopped']);
    expect(await statusOf(orion, first.id)).toBe('completed');
    expect(await statusOf(orion, second.id)).toBe('queued');
  });
});
