import { parseInput, type Logger, type ServiceLocator, type TaskDefinition, type AnyDatabase } from '@orion/contracts';
import type { Kysely } from 'kysely';
import type { PlatformConfig } from '../config/platform-config.js';
import type { ModuleEnablement } from '../enablement/module-enablement.js';
import type { EventBus } from '../events/event-bus.js';
import type { ModuleRegistry } from '../registry/module-registry.js';
import { withDeadline } from '../timing/with-deadline.js';
import type { TaskSkipReason } from './task-job.js';
import type { ClaimedTaskJob, TaskQueue } from './task-queue.js';

interface ExecutorDependencies {
  db: Kysely<AnyDatabase>;
  registry: ModuleRegistry;
  modules: ModuleEnablement;
  services: ServiceLocator;
  events: EventBus;
  platformConfig: PlatformConfig;
  logger: Logger;
  queue: TaskQueue;
  timeoutSeconds: number;
}

/**
 * Runs one claimed job and stores its outcome.
 *
 * Before the handler runs, the module must still be installed, declare the task, and be enabled on
 * the job's platform; otherwise the job is skipped (logged at warn). The payload is checked again
 * with the task's schema, the module's configuration on the platform is read, and the handler runs
 * for at most `timeoutSeconds`. A failure (a throw, an invalid payload, the time running out) is
 * retried while tries remain, then the job fails with the error's message; the error itself, stack
 * included, goes to the log. Nothing a handler does escapes as an exception.
 */
export class TaskExecutor {
  readonly #deps: ExecutorDependencies;

  constructor(deps: ExecutorDependencies) {
    this.#deps = deps;
  }

  /**
   * Runs `job`. Once `signal` aborts (the worker stopped waiting), nothing more is stored: the claim
   * runs out and another worker retries the job.
   */
  async execute(job: ClaimedTaskJob, signal: AbortSignal): Promise<void> {
    const { queue, logger } = this.#deps;
    const name = `${job.module}.${job.task}`;
    const meta = {
      jobId: job.id,
      module: job.module,
      task: job.task,
      platformId: job.platformId,
      attempt: job.attempt,
    };
    let failure: { error: unknown } | undefined;
    try {
      const found = await this.#find(job);
      if (typeof found === 'string') {
        if (signal.aborted) return;
        const stored = await queue.skip(job, found);
        if (stored) logger.warn(`Skipped task ${name}: ${found}`, { ...meta, reason: found });
        else logger.warn(`Task ${name} was taken over by another worker before it was skipped`, meta);
        return;
      }
      logger.debug(`Running task ${name}`, meta);
      const payload = parseInput(found.payload, job.payload, `payload of task "${name}"`);
      const config = await this.#deps.platformConfig.get(job.platformId, job.module);
      const handlerLogger = withMeta(logger, meta);
      await runWithin(
        () =>
          found.handler({
            payload,
            platformId: job.platformId,
            jobId: job.id,
            attempt: job.attempt,
            db: this.#deps.db,
            services: this.#deps.services,
            events: this.#deps.events.forModule(job.module),
            logger: handlerLogger,
            config,
          }),
        this.#deps.timeoutSeconds,
        signal,
      );
    } catch (error) {
      failure = { error };
    }
    if (signal.aborted) return;
    if (!failure) {
      if (await queue.complete(job)) logger.info(`Task ${name} completed`, meta);
      else logger.warn(`Task ${name} finished after another worker took it over; its outcome was not stored`, meta);
      return;
    }
    const { error } = failure;
    const outcome = await queue.fail(job, error instanceof Error ? error.message : String(error));
    if (outcome === 'retrying') {
      logger.warn(`Task ${name} failed on try ${job.attempt} of ${job.maxAttempts}; it will be retried`, {
        ...meta,
        error,
      });
    } else if (outcome === 'failed') {
      logger.error(`Task ${name} failed on its last try (${job.attempt} of ${job.maxAttempts})`, { ...meta, error });
    } else {
      logger.warn(`Task ${name} failed after another worker took it over; its outcome was not stored`, {
        ...meta,
        error,
      });
    }
  }

  /** The job's task definition, or why it can not run. */
  async #find(job: ClaimedTaskJob): Promise<TaskDefinition | TaskSkipReason> {
    const module = this.#deps.registry.get(job.module);
    if (!module) return 'module-not-installed';
    const task = module.definition.tasks.find((candidate) => candidate.name === job.task);
    if (!task) return 'task-unknown';
    if (!(await this.#deps.modules.isEnabled(job.platformId, job.module))) return 'module-disabled';
    return task;
  }
}

/**
 * Runs `run` until it settles, `timeoutSeconds` pass (rejects), or `signal` aborts (rejects). A
 * handler still running after that is left to itself; its late failure is swallowed, not reported
 * as an unhandled rejection.
 */
async function runWithin(run: () => unknown, timeoutSeconds: number, signal: AbortSignal): Promise<void> {
  await withDeadline(run, {
    timeoutMs: timeoutSeconds * 1000,
    onTimeout: () => {
      throw new Error(`The task did not finish within ${timeoutSeconds} s`);
    },
    signal,
    onAbort: () => {
      throw new Error('The worker stopped waiting for the task');
    },
  });
}

/** The host logger with the job's identity added to every entry. */
function withMeta(logger: Logger, meta: Record<string, unknown>): Logger {
  return {
    debug: (message, extra) => logger.debug(message, { ...meta, ...extra }),
    info: (message, extra) => logger.info(message, { ...meta, ...extra }),
    warn: (message, extra) => logger.warn(message, { ...meta, ...extra }),
    error: (message, extra) => logger.error(message, { ...meta, ...extra }),
  };
}
