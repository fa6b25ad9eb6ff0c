import type { Logger } from '@orion/contracts';
import { withDeadline } from '../timing/with-deadline.js';
import type { ClaimedTaskJob } from './task-queue.js';

interface WorkerDependencies {
  /** Takes the next due job, or `undefined`. */
  claim(): Promise<ClaimedTaskJob | undefined>;
  /** Runs a job and stores its outcome; stores nothing once `signal` aborts. */
  execute(job: ClaimedTaskJob, signal: AbortSignal): Promise<void>;
  /** Housekeeping before claiming: due schedule ticks, expired tries. */
  beforeClaim(): Promise<void>;
  logger: Logger;
}

/**
 * The background loop of {@link TaskRunner.startWorker}: claims due jobs while fewer than
 * `concurrency` run, and polls every `pollIntervalMs` (sooner when a job finishes). A failing
 * claim, housekeeping step or outcome write is logged and the loop goes on.
 */
export class TaskWorker {
  readonly #deps: WorkerDependencies;
  readonly #concurrency: number;
  readonly #pollIntervalMs: number;
  readonly #running = new Map<Promise<void>, { job: ClaimedTaskJob; controller: AbortController }>();
  #stopping = false;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;

  constructor(deps: WorkerDependencies, options: { concurrency: number; pollIntervalMs: number }) {
    this.#deps = deps;
    this.#concurrency = options.concurrency;
    this.#pollIntervalMs = options.pollIntervalMs;
  }

  start(): void {
    this.#loop ??= this.#run();
  }

  /**
   * Stops claiming, then waits up to `timeoutMs` for the running jobs. Jobs still running then are
   * abandoned: nothing more is stored for them, their claim runs out, and a worker retries them.
   */
  async stop(timeoutMs: number): Promise<void> {
    this.#stopping = true;
    this.#wake?.();
    await this.#loop;
    if (this.#running.size === 0) return;
    const finished = await settlesWithin(Promise.all(this.#running.keys()), timeoutMs);
    if (finished) return;
    for (const { job, controller } of this.#running.values()) {
      controller.abort();
      this.#deps.logger.warn(
        `Stopped waiting for task ${job.module}.${job.task}; it will be retried once its time runs out`,
        {
          jobId: job.id,
        },
      );
    }
    this.#running.clear();
  }

  async #run(): Promise<void> {
    let housekeptAt = -Infinity;
    while (!this.#stopping) {
      if (Date.now() - housekeptAt >= this.#pollIntervalMs) {
        housekeptAt = Date.now();
        await this.#deps
          .beforeClaim()
          .catch((error: unknown) => this.#deps.logger.error('Task worker housekeeping failed', { error }));
      }
      while (!this.#stopping && this.#running.size < this.#concurrency) {
        const job = await this.#deps.claim().catch((error: unknown) => {
          this.#deps.logger.error('Task worker could not claim a job', { error });
          return undefined;
        });
        if (!job) break;
        this.#track(job);
      }
      if (!this.#stopping) await this.#sleep();
    }
  }

  #track(job: ClaimedTaskJob): void {
    const controller = new AbortController();
    const run: Promise<void> = this.#deps
      .execute(job, controller.signal)
      .catch((error: unknown) =>
        this.#deps.logger.error(`Task worker could not store the outcome of task ${job.module}.${job.task}`, {
          jobId: job.id,
          error,
        }),
      )
      .finally(() => {
        this.#running.delete(run);
        this.#wake?.();
      });
    this.#running.set(run, { job, controller });
  }

  /** Waits a poll interval, or less when a job finishes or the worker stops. */
  #sleep(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.#pollIntervalMs);
      this.#wake = done;
    });
  }
}

/**
 * Claims and runs every due job, `concurrency` at a time, until none is due and none runs; returns
 * how many ran. What the worker loop does, once, for {@link TaskRunner.runPending}.
 */
export async function runDueJobs(
  deps: Pick<WorkerDependencies, 'claim' | 'execute' | 'logger'>,
  concurrency: number,
): Promise<number> {
  const running = new Set<Promise<void>>();
  const signal = new AbortController().signal;
  let ran = 0;
  for (;;) {
    while (running.size < concurrency) {
      const job = await deps.claim();
      if (!job) break;
      ran++;
      const run: Promise<void> = deps
        .execute(job, signal)
        .catch((error: unknown) =>
          deps.logger.error(`Could not store the outcome of task ${job.module}.${job.task}`, { jobId: job.id, error }),
        )
        .finally(() => running.delete(run));
      running.add(run);
    }
    if (running.size === 0) return ran;
    await Promise.race(running);
  }
}

/** Whether `promise` settles within `ms`. */
function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return withDeadline(
    promise.then(() => true),
    { timeoutMs: ms, onTimeout: () => false },
  );
}
