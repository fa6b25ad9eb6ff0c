import type { TaskJob, TaskSkipReason } from './task-job.js';

/** A validated job to store, with its task's retry policy. */
export interface NewTaskJob {
  module: string;
  task: string;
  platformId: number;
  payload: unknown;
  runAt: Date | undefined;
  retries: number;
  retryDelaySeconds: number;
  /** When set, a job with the same key is stored once: the second enqueue stores nothing. */
  dedupeKey?: string;
}

/** A job a worker took; it runs it and reports the outcome to the queue that gave it out. */
export interface ClaimedTaskJob {
  id: string;
  module: string;
  task: string;
  platformId: number;
  payload: unknown;
  /** 1 for the first try. */
  attempt: number;
  maxAttempts: number;
  /** The message of the last failed try, carried to the job's final state. */
  lastError: string | null;
  /** The delay before the first retry; the SQL queue doubles it for each later one. */
  retryDelaySeconds: number;
  /** Proof of this claim: an outcome is stored only while the claim still holds. */
  lock: string;
}

/** What became of a failed try: another is due later, the job failed for good, or the claim was lost. */
export type FailOutcome = 'retrying' | 'failed' | 'lost';

/**
 * Where jobs are kept: the SQL table `orion_tasks` ({@link SqlTaskQueue}) or pg-boss
 * ({@link PgBossTaskQueue}). The runner, worker and scheduler only speak this interface.
 */
export interface TaskQueue {
  /** Stores a job and returns its id; `undefined` when a job with its `dedupeKey` exists already. */
  enqueue(job: NewTaskJob): Promise<string | undefined>;
  /** Takes the next due job (or one whose worker's time ran out), or `undefined` when none is due. */
  claim(): Promise<ClaimedTaskJob | undefined>;
  /** Marks a claimed job completed; `false` when the claim was lost meanwhile. */
  complete(job: ClaimedTaskJob): Promise<boolean>;
  /** Records a failed try: a retry with backoff while tries remain, else `failed`. */
  fail(job: ClaimedTaskJob, message: string): Promise<FailOutcome>;
  /** Ends a claimed job without running it; `false` when the claim was lost meanwhile. */
  skip(job: ClaimedTaskJob, reason: TaskSkipReason): Promise<boolean>;
  get(id: string): Promise<TaskJob | undefined>;
  /** Jobs queued, retrying or running, due or not. */
  countUnfinished(): Promise<number>;
  /** Ends the tries of jobs whose worker ran out of time or died, so they retry or fail. */
  expireStale(): Promise<void>;
  close(): Promise<void>;
}

/** The message a try gets when its worker ran out of time or stopped before finishing it. */
export const ABANDONED_MESSAGE = 'The try timed out, or its worker stopped before it finished';
