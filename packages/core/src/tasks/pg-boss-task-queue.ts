import { idSchema, type Logger, type AnyDatabase } from '@orion/contracts';
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type PgBoss from 'pg-boss';
import { importOptional, optionalFeatures } from '../discovery/optional-dependency.js';
import { z } from 'zod';
import { pgBossDatabase } from './pg-boss-database.js';
import type { TaskJob, TaskSkipReason, TaskStatus } from './task-job.js';
import type { ClaimedTaskJob, FailOutcome, NewTaskJob, TaskQueue } from './task-queue.js';

/** What Orion stores as a pg-boss job's `data`. */
const jobDataSchema = z.object({ platformId: idSchema, payload: z.unknown() });

/** Queue names are `orion.<module>.<task>`; both parts are kebab-case, so the dots split them. */
const queuePattern = /^orion\.([a-z][a-z0-9-]*)\.([a-z][a-z0-9-]*)$/;
/** Job ids are `<module>.<task>.<pg-boss uuid>`: pg-boss 10 looks a job up by queue and id. */
const idPattern =
  /^([a-z][a-z0-9-]*)\.([a-z][a-z0-9-]*)\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

const statuses: Record<PgBoss.JobWithMetadata['state'], TaskStatus> = {
  created: 'queued',
  retry: 'retrying',
  active: 'running',
  completed: 'completed',
  cancelled: 'failed',
  failed: 'failed',
};

/** The pg-boss queue of a task. */
export function queueName(module: string, task: string): string {
  return `orion.${module}.${task}`;
}

/**
 * The PostgreSQL job queue: pg-boss 10, one queue per task (`orion.<module>.<task>`), in its own
 * schema `pgboss`, which it creates on first use (so a host that never uses tasks never creates it).
 *
 * pg-boss runs its SQL through the host's Kysely instance ({@link pgBossDatabase}), so it needs no
 * connection string of its own. Retries are pg-boss's (`retryLimit`, `retryDelay`,
 * `retryBackoff`): it counts delays in whole seconds (at least 1) and adds up to 100 % jitter. A
 * try that outlives `timeoutSeconds` (pg-boss's `expireInSeconds`) is failed by pg-boss's
 * maintenance or {@link expireStale}. A skipped job is completed with the output
 * `{ skipped: <reason> }`. pg-boss's own cron is off: schedules are Orion's, on both databases.
 */
export class PgBossTaskQueue implements TaskQueue {
  readonly #db: Kysely<AnyDatabase>;
  readonly #logger: Logger;
  readonly #timeoutSeconds: number;
  /** The queues this host works: its tasks', then any other `orion.` queue (their jobs get skipped). */
  readonly #queues: string[];
  #boss: Promise<PgBoss> | undefined;
  #next = 0;

  constructor(options: {
    db: Kysely<AnyDatabase>;
    logger: Logger;
    timeoutSeconds: number;
    tasks: { module: string; task: string }[];
  }) {
    this.#db = options.db;
    this.#logger = options.logger;
    this.#timeoutSeconds = options.timeoutSeconds;
    this.#queues = options.tasks.map(({ module, task }) => queueName(module, task));
  }

  async enqueue(job: NewTaskJob): Promise<string | undefined> {
    const boss = await this.#start();
    const id = await boss.send(
      queueName(job.module, job.task),
      { platformId: job.platformId, payload: job.payload },
      {
        retryLimit: job.retries,
        retryDelay: Math.max(1, Math.ceil(job.retryDelaySeconds)),
        retryBackoff: true,
        expireInSeconds: this.#timeoutSeconds,
        ...(job.runAt ? { startAfter: job.runAt } : {}),
        // pg-boss ignores a job whose id its queue holds already
        ...(job.dedupeKey ? { id: uuidOf(job.dedupeKey) } : {}),
      },
    );
    return id ? `${job.module}.${job.task}.${id}` : undefined;
  }

  async claim(): Promise<ClaimedTaskJob | undefined> {
    const boss = await this.#start();
    // Round robin over the queues, so one busy task does not starve the others.
    for (let step = 0; step < this.#queues.length; step++) {
      const index = (this.#next + step) % this.#queues.length;
      const name = this.#queues[index]!;
      const [job] = await boss.fetch<unknown>(name, { includeMetadata: true });
      if (!job) continue;
      this.#next = (index + 1) % this.#queues.length;
      const [, module, task] = queuePattern.exec(name)!;
      const data = jobDataSchema.safeParse(job.data);
      if (!data.success) {
        this.#logger.error(`Job ${job.id} in queue ${name} does not hold Orion's job data; failing it`, {
          data: job.data,
        });
        await boss.fail(name, job.id, { message: 'The job does not hold a platformId and a payload' });
        continue;
      }
      return {
        id: `${module}.${task}.${job.id}`,
        module: module!,
        task: task!,
        platformId: data.data.platformId,
        payload: data.data.payload,
        attempt: job.retryCount + 1,
        maxAttempts: job.retryLimit + 1,
        lastError: errorMessageOf(job.output),
        retryDelaySeconds: job.retryDelay,
        lock: job.id,
      };
    }
    return undefined;
  }

  async complete(job: ClaimedTaskJob): Promise<boolean> {
    return this.#complete(job, job.lastError === null ? {} : { lastError: job.lastError });
  }

  async skip(job: ClaimedTaskJob, reason: TaskSkipReason): Promise<boolean> {
    return this.#complete(job, { skipped: reason, ...(job.lastError === null ? {} : { lastError: job.lastError }) });
  }

  async fail(job: ClaimedTaskJob, message: string): Promise<FailOutcome> {
    const boss = await this.#start();
    const result = (await boss.fail(queueName(job.module, job.task), job.lock, {
      message,
    })) as unknown as CommandResult;
    if (result.affected === 0) return 'lost';
    return job.attempt < job.maxAttempts ? 'retrying' : 'failed';
  }

  async get(id: string): Promise<TaskJob | undefined> {
    const match = idPattern.exec(id);
    if (!match) return undefined;
    const [, module, task, uuid] = match as unknown as [string, string, string, string];
    const boss = await this.#start();
    const job = await boss.getJobById<unknown>(queueName(module, task), uuid, { includeArchive: true });
    if (!job) return undefined;
    const data = jobDataSchema.safeParse(job.data);
    const output = (job.output ?? null) as Record<string, unknown> | null;
    const skipped =
      job.state === 'completed' && typeof output?.skipped === 'string' ? (output.skipped as TaskSkipReason) : null;
    return {
      id,
      module,
      task,
      platformId: data.success ? data.data.platformId : 0,
      payload: data.success ? data.data.payload : job.data,
      status: skipped ? 'skipped' : statuses[job.state],
      attempts: job.startedOn ? job.retryCount + 1 : 0,
      maxAttempts: job.retryLimit + 1,
      lastError: errorMessageOf(output) ?? (job.state === 'cancelled' ? 'Cancelled' : null),
      skippedReason: skipped,
      createdAt: job.createdOn.toISOString(),
      runAt: job.startAfter.toISOString(),
      startedAt: job.startedOn ? job.startedOn.toISOString() : null,
      completedAt: job.completedOn ? job.completedOn.toISOString() : null,
    };
  }

  async countUnfinished(): Promise<number> {
    const boss = await this.#start();
    let count = 0;
    for (const name of this.#queues) count += await boss.getQueueSize(name, { before: 'completed' });
    return count;
  }

  async expireStale(): Promise<void> {
    await (await this.#start()).expire();
  }

  async close(): Promise<void> {
    const starting = this.#boss;
    this.#boss = undefined;
    const boss = await starting?.catch(() => undefined);
    await boss?.stop({ graceful: false, close: false });
  }

  async #complete(job: ClaimedTaskJob, output: Record<string, string>): Promise<boolean> {
    const boss = await this.#start();
    const result = (await boss.complete(queueName(job.module, job.task), job.lock, output)) as unknown as CommandResult;
    return result.affected > 0;
  }

  #start(): Promise<PgBoss> {
    this.#boss ??= this.#create().catch((error: unknown) => {
      this.#boss = undefined;
      throw error;
    });
    return this.#boss;
  }

  async #create(): Promise<PgBoss> {
    // Loaded on first use, so SQLite apps never load it. Node hands a CommonJS module over as `default`.
    const { default: PgBossClass } = (await importOptional(
      optionalFeatures.postgres,
      'pg-boss',
      () => import('pg-boss'),
    )) as unknown as {
      default: typeof PgBoss;
    };
    const boss = new PgBossClass({ db: pgBossDatabase(this.#db), schedule: false, supervise: true, migrate: true });
    boss.on('error', (error: Error) => this.#logger.error('pg-boss reported an error', { error }));
    await boss.start();
    try {
      // pg-boss 10 needs a queue before the first send; creating an existing one changes nothing.
      for (const name of this.#queues) await boss.createQueue(name);
      for (const { name } of await boss.getQueues()) {
        if (queuePattern.test(name) && !this.#queues.includes(name)) this.#queues.push(name);
      }
    } catch (error) {
      await boss.stop({ graceful: false, close: false }).catch(() => {});
      throw error;
    }
    return boss;
  }
}

/** A UUID (version 8, name-based) derived from `key`: the same key always gives the same id. */
function uuidOf(key: string): string {
  const hex = createHash('sha256').update(key).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** What pg-boss's `complete` and `fail` resolve to (its types say `void`). */
interface CommandResult {
  affected: number;
}

/** The message pg-boss keeps in a job's output: ours (`message`, `lastError`) or its own timeout's. */
function errorMessageOf(output: unknown): string | null {
  if (typeof output !== 'object' || output === null) return null;
  const value = output as { message?: unknown; lastError?: unknown; value?: { message?: unknown } };
  for (const candidate of [value.message, value.value?.message, value.lastError]) {
    if (typeof candidate === 'string') return candidate;
  }
  return null;
}
