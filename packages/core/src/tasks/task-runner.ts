import {
  OrionError,
  idSchema,
  parseInput,
  type Logger,
  type SqlDialect,
  type TaskEnqueuer,
  type AnyDatabase,
} from '@orion/contracts';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { PlatformConfig } from '../config/platform-config.js';
import type { ModuleEnablement } from '../enablement/module-enablement.js';
import type { EventBus } from '../events/event-bus.js';
import type { ModuleRegistry } from '../registry/module-registry.js';
import type { ServiceRegistry } from '../services/service-registry.js';
import { PgBossTaskQueue } from './pg-boss-task-queue.js';
import { SqlTaskQueue } from './sql-task-queue.js';
import { TaskExecutor } from './task-executor.js';
import type { EnqueueTaskRequest, TaskJob } from './task-job.js';
import type { TaskQueue } from './task-queue.js';
import { TaskScheduler, scheduledTasksOf, type ScheduledTask } from './task-scheduler.js';
import { TaskWorker, runDueJobs } from './task-worker.js';

/** The `tasks` option of `createOrion`. */
export interface TaskRunnerOptions {
  /**
   * How long one try of a job may run, in seconds (1 to 86 399). When it runs out, the try counts
   * as failed, and a job whose worker died is picked up by another worker. Default: 900 (15 min).
   * On PostgreSQL (pg-boss) a job keeps the limit of the host that enqueued it; on SQLite the limit
   * of the worker that claims it applies. Give every instance the same value.
   */
  timeoutSeconds?: number;
}

/** Options of {@link TaskRunner.startWorker}. */
export interface WorkerOptions {
  /** Jobs run at once by this process. Default: 2. */
  concurrency?: number;
  /** How often the worker looks for due jobs and schedule ticks when idle. Default: 500 ms. */
  pollIntervalMs?: number;
}

/** Options of {@link TaskRunner.stopWorker}. */
export interface StopWorkerOptions {
  /** How long to wait for running jobs before abandoning them to a later retry. Default: 30 000 ms. */
  timeoutMs?: number;
}

/** Options of {@link TaskRunner.drain}. */
export interface DrainOptions {
  /** When to give up waiting. Default: 30 000 ms. */
  timeoutMs?: number;
}

/** What {@link TaskRunner.drain} did. */
export interface DrainResult {
  /** Jobs this call ran (each try counts). */
  ran: number;
  /** Jobs still queued, retrying or running when it returned: 0 unless it timed out. */
  unfinished: number;
}

/** The validated task settings of a host: its `tasks` option and its scheduled tasks. */
export interface TaskSettings {
  timeoutSeconds: number;
  scheduled: ScheduledTask[];
}

const optionsSchema = z.object({ timeoutSeconds: z.number().min(1).max(86_399).default(900) }).strict();
const enqueueSchema = z.object({
  module: z.string().min(1),
  task: z.string().min(1),
  platformId: idSchema,
  payload: z.unknown(),
  runAt: z.date().optional(),
});
const jobIdSchema = z.string().min(1).max(200);
const workerSchema = z
  .object({
    concurrency: z.number().int().min(1).max(100).default(2),
    pollIntervalMs: z.number().int().min(10).max(60_000).default(500),
  })
  .strict();
const stopSchema = z.object({ timeoutMs: z.number().int().min(0).default(30_000) }).strict();
const drainSchema = z.object({ timeoutMs: z.number().int().min(0).default(30_000) }).strict();

/**
 * How often, at most, the worker ends tries whose time ran out (pg-boss's maintenance does it too,
 * every 2 min); sooner when `timeoutSeconds` is shorter, so a job whose worker died is retried about
 * one timeout later, not up to 30 s later.
 */
const EXPIRE_EVERY_MS = 30_000;
/** How often {@link TaskRunner.drain} looks again while jobs wait for their retry. */
const DRAIN_POLL_MS = 50;

/**
 * Validates the `tasks` option and the installed tasks' schedules, before the host opens the
 * database.
 *
 * @throws OrionError `ORION_ERR_VALIDATION` for a bad option; `ORION_ERR_MODULE_DEFINITION_INVALID`
 *   for a schedule that does not parse or a scheduled task whose schema refuses `{}`.
 */
export function resolveTaskSettings(registry: ModuleRegistry, options: TaskRunnerOptions = {}): TaskSettings {
  const { timeoutSeconds } = parseInput(optionsSchema, options, 'tasks option');
  return { timeoutSeconds, scheduled: scheduledTasksOf(registry) };
}

interface TaskRunnerDependencies {
  db: Kysely<AnyDatabase>;
  dialect: SqlDialect;
  registry: ModuleRegistry;
  modules: ModuleEnablement;
  services: ServiceRegistry;
  events: EventBus;
  platformConfig: PlatformConfig;
  logger: Logger;
  settings: TaskSettings;
}

/**
 * Background tasks: `orion.tasks`. Modules declare tasks with `defineTask` in
 * `defineModule({ tasks })`; the app enqueues jobs and runs a worker.
 *
 * Jobs are durable: on SQLite in the table `orion_tasks` of the same file, on PostgreSQL in pg-boss
 * (schema `pgboss`, reached through the host's own connection pool). They survive restarts, and a
 * job whose worker died mid-run is retried once its `timeoutSeconds` run out. A job runs only while
 * its module is enabled on its platform; otherwise it ends as `skipped`. A failing try is retried
 * with exponential backoff (`retryDelaySeconds × 2^(try − 1)`) up to the task's `retries`, then
 * the job is `failed` with the error's message. Tasks with a `schedule` (cron, UTC) are enqueued by
 * the worker once per tick for every active platform where their module is enabled. Write
 * handlers so that running twice does no harm: a try that outlives its time is retried even if it
 * is still running somewhere.
 *
 * @example
 * ```ts
 * import { createOrion, defineModule, defineTask } from '@orion/core';
 * import { z } from 'zod';
 *
 * const feedsModule = defineModule({
 *   code: 'feeds', name: 'Feeds', version: '1.0.0',
 *   tasks: [
 *     defineTask({
 *       name: 'import-feed',
 *       payload: z.object({ url: z.url() }),
 *       retries: 2,
 *       handler: async ({ payload, platformId, logger }) => logger.info(`Importing ${payload.url} for ${platformId}`),
 *     }),
 *   ],
 * });
 * const orion = await createOrion({ modules: [feedsModule] });
 * orion.tasks.startWorker({ concurrency: 4 });
 * const { id } = await orion.tasks.enqueue({ module: 'feeds', task: 'import-feed', platformId: 1, payload: { url: 'https://example.com/feed.xml' } });
 * await orion.tasks.getJob(id); // { status: 'queued' | 'running' | ..., attempts, lastError, ... }
 * await orion.close(); // stops the worker, waiting for running jobs
 * ```
 */
export class TaskRunner implements TaskEnqueuer {
  readonly #deps: TaskRunnerDependencies;
  readonly #queue: TaskQueue;
  readonly #executor: TaskExecutor;
  readonly #scheduler: TaskScheduler;
  #worker: TaskWorker | undefined;
  #expiredAt = -Infinity;

  constructor(deps: TaskRunnerDependencies) {
    this.#deps = deps;
    const { db, logger, settings } = deps;
    this.#queue =
      deps.dialect === 'postgres'
        ? new PgBossTaskQueue({
            db,
            logger,
            timeoutSeconds: settings.timeoutSeconds,
            tasks: deps.registry
              .all()
              .flatMap(({ code, definition }) => definition.tasks.map((task) => ({ module: code, task: task.name }))),
          })
        : new SqlTaskQueue(db, { timeoutSeconds: settings.timeoutSeconds });
    this.#executor = new TaskExecutor({
      db,
      registry: deps.registry,
      modules: deps.modules,
      services: deps.services,
      events: deps.events,
      platformConfig: deps.platformConfig,
      logger,
      queue: this.#queue,
      timeoutSeconds: settings.timeoutSeconds,
    });
    this.#scheduler = new TaskScheduler({
      db,
      queue: this.#queue,
      modules: deps.modules,
      logger,
      scheduled: settings.scheduled,
    });
  }

  /**
   * Validates a job and stores it durably; a worker runs it once it is due.
   *
   * The payload is checked, as JSON, with the task's schema before anything is stored. Whether the
   * module is enabled on the platform is checked when the job runs, not here.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` (the request or the payload),
   *   `ORION_ERR_MODULE_NOT_INSTALLED`, `ORION_ERR_TASK_UNKNOWN`.
   * @example
   * ```ts
   * const { id } = await orion.tasks.enqueue({
   *   module: 'feeds', task: 'import-feed', platformId: 1,
   *   payload: { url: 'https://example.com/feed.xml' },
   *   runAt: new Date(Date.now() + 60_000), // optional
   * });
   * ```
   */
  async enqueue(request: EnqueueTaskRequest): Promise<{ id: string }> {
    const input = parseInput(enqueueSchema, request, 'task request');
    const module = this.#deps.registry.require(input.module);
    const task = module.definition.tasks.find((candidate) => candidate.name === input.task);
    if (!task) throw new OrionError('ORION_ERR_TASK_UNKNOWN', { code: input.module, task: input.task });
    const subject = `payload of task "${input.module}.${input.task}"`;
    // The JSON form is checked and stored: it is what the handler will be given.
    const payload = asJson(input.payload, subject);
    parseInput(task.payload, payload, subject);
    const id = await this.#queue.enqueue({
      module: input.module,
      task: input.task,
      platformId: input.platformId,
      payload,
      runAt: input.runAt,
      retries: task.retries ?? 3,
      retryDelaySeconds: task.retryDelaySeconds ?? 5,
    });
    if (id === undefined) throw new Error(`The queue did not store the job of task "${input.module}.${input.task}"`); // only keyed jobs are deduplicated
    this.#deps.logger.debug(`Enqueued task ${input.module}.${input.task}`, { jobId: id, platformId: input.platformId });
    return { id };
  }

  /**
   * A job by the id {@link enqueue} returned, or `undefined` when there is none.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` when `id` is not a string.
   * @example
   * ```ts
   * const { id } = await orion.tasks.enqueue({ module: 'feeds', task: 'import-feed', platformId: 1, payload: {} });
   * const job = await orion.tasks.getJob(id);
   * if (job?.status === 'failed') console.log(job.lastError);
   * ```
   */
  async getJob(id: string): Promise<TaskJob | undefined> {
    return this.#queue.get(parseInput(jobIdSchema, id, 'job id'));
  }

  /**
   * Starts the background worker of this process; calling it again while it runs does nothing.
   * Run it in as many processes as you like: each job and each schedule tick is taken by one.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for bad options.
   * @example
   * ```ts
   * orion.tasks.startWorker({ concurrency: 4, pollIntervalMs: 1000 });
   * ```
   */
  startWorker(options: WorkerOptions = {}): void {
    const { concurrency, pollIntervalMs } = parseInput(workerSchema, options, 'worker options');
    if (this.#worker) return;
    this.#worker = new TaskWorker(
      {
        claim: () => this.#queue.claim(),
        execute: (job, signal) => this.#executor.execute(job, signal),
        beforeClaim: () => this.#housekeep(false),
        logger: this.#deps.logger,
      },
      { concurrency, pollIntervalMs },
    );
    this.#worker.start();
    this.#deps.logger.info('Task worker started', { concurrency, pollIntervalMs });
  }

  /**
   * Stops the worker: it takes no new job and waits for the running ones, up to `timeoutMs`; jobs
   * still running then are left to be retried once their time runs out. `orion.close()` calls it.
   *
   * @example
   * ```ts
   * process.on('SIGTERM', () => orion.tasks.stopWorker({ timeoutMs: 10_000 }));
   * ```
   */
  async stopWorker(options: StopWorkerOptions = {}): Promise<void> {
    const { timeoutMs } = parseInput(stopSchema, options, 'stop options');
    const worker = this.#worker;
    if (!worker) return;
    await worker.stop(timeoutMs);
    if (this.#worker === worker) this.#worker = undefined;
    this.#deps.logger.info('Task worker stopped');
  }

  /**
   * Fires due schedule ticks, then runs every due job (two at a time) until none is due; returns
   * how many ran. Jobs waiting for a retry are left waiting. For scripts, cron-driven deployments
   * and tests; it works beside a running worker.
   *
   * @example
   * ```ts
   * const ran = await orion.tasks.runPending();
   * ```
   */
  async runPending(): Promise<number> {
    await this.#housekeep(true);
    return runDueJobs(
      {
        claim: () => this.#queue.claim(),
        execute: (job, signal) => this.#executor.execute(job, signal),
        logger: this.#deps.logger,
      },
      2,
    );
  }

  /**
   * Runs jobs (as {@link runPending} does, waiting out retry delays) until no job is queued,
   * retrying or running, or `timeoutMs` passes. Jobs due later (a far `runAt`) keep it waiting
   * until the timeout; `unfinished` tells what was left.
   *
   * @example
   * ```ts
   * const { ran, unfinished } = await orion.tasks.drain({ timeoutMs: 10_000 });
   * ```
   */
  async drain(options: DrainOptions = {}): Promise<DrainResult> {
    const { timeoutMs } = parseInput(drainSchema, options, 'drain options');
    const deadline = Date.now() + timeoutMs;
    let ran = 0;
    for (;;) {
      ran += await this.runPending();
      const unfinished = await this.#queue.countUnfinished();
      const left = deadline - Date.now();
      if (unfinished === 0 || left <= 0) return { ran, unfinished };
      await new Promise((resolve) => setTimeout(resolve, Math.min(DRAIN_POLL_MS, left)));
    }
  }

  /** Stops the worker and releases the queue (pg-boss's timers). `orion.close()` calls it. */
  async close(): Promise<void> {
    await this.stopWorker();
    await this.#queue.close();
  }

  async #housekeep(always: boolean): Promise<void> {
    await this.#scheduler.tick();
    const every = Math.min(EXPIRE_EVERY_MS, this.#deps.settings.timeoutSeconds * 1000);
    if (always || Date.now() - this.#expiredAt >= every) {
      this.#expiredAt = Date.now();
      await this.#queue.expireStale();
    }
  }
}

/** `value` as the JSON a worker will read back. */
function asJson(value: unknown, subject: string): unknown {
  try {
    return JSON.parse(JSON.stringify(value ?? null)) as unknown;
  } catch (error) {
    throw new OrionError(
      'ORION_ERR_VALIDATION',
      { subject, issues: `not JSON: ${(error as Error).message}` },
      { cause: error },
    );
  }
}
