import { toIsoTimestamp, toNumber, type AnyDatabase } from '@orion/contracts';
import { randomUUID } from 'node:crypto';
import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';
import type { TaskJob, TaskSkipReason } from './task-job.js';
import {
  ABANDONED_MESSAGE,
  type ClaimedTaskJob,
  type FailOutcome,
  type NewTaskJob,
  type TaskQueue,
} from './task-queue.js';
import type { TaskTables } from './task-tables.js';

type TaskRow = Selectable<TaskTables['orion_tasks']>;

const unfinished = ['queued', 'retrying', 'running'] as const;
/** Retry delays stop doubling here (2^15 times the first), as pg-boss's do. */
const MAX_BACKOFF_EXPONENT = 15;

/**
 * A durable job queue in the table `orion_tasks`, for SQLite (it speaks portable SQL, so it runs
 * on PostgreSQL as well).
 *
 * A worker claims a job with one `UPDATE … WHERE id = (SELECT … ORDER BY run_at, id LIMIT 1)
 * RETURNING *` that takes a due job or a job whose claim ran out (its worker died or hung), and
 * stamps it with a fresh token and a deadline (`locked_until`, `timeoutSeconds` ahead). Outcomes are
 * stored only while that token still holds, so a worker that lost its claim can not overwrite the
 * try that replaced it. Times come from the process clock.
 */
export class SqlTaskQueue implements TaskQueue {
  readonly #db: Kysely<TaskTables>;
  readonly #timeoutMs: number;
  readonly #now: () => Date;

  constructor(db: Kysely<AnyDatabase>, options: { timeoutSeconds: number; now?: () => Date }) {
    this.#db = db as Kysely<TaskTables>;
    this.#timeoutMs = options.timeoutSeconds * 1000;
    this.#now = options.now ?? (() => new Date());
  }

  async enqueue(job: NewTaskJob): Promise<string | undefined> {
    const now = this.#now();
    const row = await this.#db
      .insertInto('orion_tasks')
      .values({
        module_code: job.module,
        task_name: job.task,
        platform_id: job.platformId,
        payload: JSON.stringify(job.payload),
        status: 'queued',
        attempts: 0,
        max_attempts: job.retries + 1,
        retry_delay_ms: Math.round(job.retryDelaySeconds * 1000),
        run_at: (job.runAt ?? now).toISOString(),
        created_at: now.toISOString(),
        dedupe_key: job.dedupeKey ?? null,
      })
      .onConflict((conflict) => conflict.column('dedupe_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    return row ? String(row.id) : undefined;
  }

  async claim(): Promise<ClaimedTaskJob | undefined> {
    const now = this.#now();
    const at = now.toISOString();
    const lock = randomUUID();
    // Due: waiting and its time has come, or running past its deadline with tries left (a try
    // without tries left is failed by expireStale). Checked again on the row the UPDATE locks, so
    // on PostgreSQL two workers racing for one row can not both take it.
    const due = (eb: ExpressionBuilder<TaskTables, 'orion_tasks'>) =>
      eb.or([
        eb.and([eb('status', 'in', ['queued', 'retrying']), eb('run_at', '<=', at)]),
        eb.and([
          eb('status', '=', 'running'),
          eb('locked_until', '<', at),
          eb('attempts', '<', eb.ref('max_attempts')),
        ]),
      ]);
    const row = await this.#db
      .updateTable('orion_tasks')
      .set((eb) => ({
        status: 'running',
        attempts: eb('attempts', '+', 1),
        locked_by: lock,
        locked_until: new Date(now.getTime() + this.#timeoutMs).toISOString(),
        started_at: at,
        last_error: eb.case().when('status', '=', 'running').then(ABANDONED_MESSAGE).else(eb.ref('last_error')).end(),
      }))
      .where('id', '=', (eb) =>
        eb.selectFrom('orion_tasks').select('id').where(due).orderBy('run_at').orderBy('id').limit(1),
      )
      .where(due)
      .returningAll()
      .executeTakeFirst();
    if (!row) return undefined;
    return { ...jobFields(row), attempt: row.attempts, retryDelaySeconds: row.retry_delay_ms / 1000, lock };
  }

  async complete(job: ClaimedTaskJob): Promise<boolean> {
    return this.#finish(job, { status: 'completed', completed_at: this.#now().toISOString() });
  }

  async skip(job: ClaimedTaskJob, reason: TaskSkipReason): Promise<boolean> {
    return this.#finish(job, { status: 'skipped', skipped_reason: reason, completed_at: this.#now().toISOString() });
  }

  async fail(job: ClaimedTaskJob, message: string): Promise<FailOutcome> {
    const now = this.#now();
    if (job.attempt >= job.maxAttempts) {
      const stored = await this.#finish(job, {
        status: 'failed',
        last_error: message,
        completed_at: now.toISOString(),
      });
      return stored ? 'failed' : 'lost';
    }
    const delayMs = job.retryDelaySeconds * 1000 * 2 ** Math.min(job.attempt - 1, MAX_BACKOFF_EXPONENT);
    const result = await this.#db
      .updateTable('orion_tasks')
      .set({
        status: 'retrying',
        last_error: message,
        run_at: new Date(now.getTime() + delayMs).toISOString(),
        locked_by: null,
        locked_until: null,
      })
      .where('id', '=', Number(job.id))
      .where('locked_by', '=', job.lock)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n ? 'retrying' : 'lost';
  }

  async get(id: string): Promise<TaskJob | undefined> {
    if (!/^\d{1,10}$/.test(id) || Number(id) > 2_147_483_647) return undefined;
    const row = await this.#db.selectFrom('orion_tasks').selectAll().where('id', '=', Number(id)).executeTakeFirst();
    return row ? toTaskJob(row) : undefined;
  }

  async countUnfinished(): Promise<number> {
    const row = await this.#db
      .selectFrom('orion_tasks')
      .select((eb) => eb.fn.countAll().as('count'))
      .where('status', 'in', [...unfinished])
      .executeTakeFirstOrThrow();
    return toNumber(row.count);
  }

  async expireStale(): Promise<void> {
    const at = this.#now().toISOString();
    await this.#db
      .updateTable('orion_tasks')
      .set({ status: 'failed', last_error: ABANDONED_MESSAGE, completed_at: at, locked_by: null, locked_until: null })
      .where('status', '=', 'running')
      .where('locked_until', '<', at)
      .where((eb) => eb('attempts', '>=', eb.ref('max_attempts')))
      .execute();
  }

  async close(): Promise<void> {}

  async #finish(
    job: ClaimedTaskJob,
    values: {
      status: 'completed' | 'skipped' | 'failed';
      completed_at: string;
      skipped_reason?: TaskSkipReason;
      last_error?: string;
    },
  ): Promise<boolean> {
    const result = await this.#db
      .updateTable('orion_tasks')
      .set({ ...values, locked_by: null, locked_until: null })
      .where('id', '=', Number(job.id))
      .where('locked_by', '=', job.lock)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }
}

/** What a claimed job and a listed job read alike from their row. */
function jobFields(row: TaskRow) {
  return {
    id: String(row.id),
    module: row.module_code,
    task: row.task_name,
    platformId: row.platform_id,
    payload: JSON.parse(row.payload) as unknown,
    maxAttempts: row.max_attempts,
    lastError: row.last_error,
  };
}

function toTaskJob(row: TaskRow): TaskJob {
  return {
    ...jobFields(row),
    status: row.status,
    attempts: row.attempts,
    skippedReason: row.skipped_reason,
    createdAt: toIsoTimestamp(row.created_at),
    runAt: toIsoTimestamp(row.run_at),
    startedAt: row.started_at === null ? null : toIsoTimestamp(row.started_at),
    completedAt: row.completed_at === null ? null : toIsoTimestamp(row.completed_at),
  };
}
