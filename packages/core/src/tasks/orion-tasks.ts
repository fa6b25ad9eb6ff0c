import type { TaskEnqueuer } from '@orion/contracts';
import type { EnqueueTaskRequest, TaskJob } from './task-job.js';
import type { DrainOptions, DrainResult, StopWorkerOptions, WorkerOptions } from './task-runner.js';

/**
 * Background tasks: `orion.tasks` enqueues jobs of installed modules' tasks, looks them up, and
 * runs the worker. Jobs are stored in the host's database (SQL queue on SQLite, pg-boss on
 * PostgreSQL), retried on failure, and taken by one worker each.
 *
 * @example
 * ```ts
 * const { id } = await orion.tasks.enqueue({ module: 'orders', task: 'rebuild-totals', platformId: 1, payload: {} });
 * orion.tasks.startWorker({ concurrency: 4 });
 * const job = await orion.tasks.getJob(id);
 * await orion.close(); // stops the worker, waiting for running jobs
 * ```
 */
export interface OrionTasks extends TaskEnqueuer {
  /**
   * Stores a job to run as soon as a worker takes it (or at `runAt`); returns its id. The payload
   * is checked, as JSON, with the task's schema before anything is stored.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` (the request or the payload),
   *   `ORION_ERR_MODULE_NOT_INSTALLED`, `ORION_ERR_TASK_UNKNOWN`.
   */
  enqueue(request: EnqueueTaskRequest): Promise<{ id: string }>;
  /**
   * A job by the id {@link OrionTasks.enqueue} returned, or `undefined` when there is none.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` when `id` is not a string.
   */
  getJob(id: string): Promise<TaskJob | undefined>;
  /**
   * Starts the background worker of this process; calling it again while it runs does nothing.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for bad options.
   */
  startWorker(options?: WorkerOptions): void;
  /**
   * Stops the worker: it takes no new job and waits for the running ones, up to `timeoutMs`.
   * `orion.close()` calls it.
   */
  stopWorker(options?: StopWorkerOptions): Promise<void>;
  /** Fires due schedule ticks, then runs every due job until none is due; returns how many ran. */
  runPending(): Promise<number>;
  /** Runs jobs, waiting out retry delays, until none is queued, retrying or running, or `timeoutMs` passes. */
  drain(options?: DrainOptions): Promise<DrainResult>;
}
