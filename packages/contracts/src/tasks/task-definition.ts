import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Logger } from '../logging/logger.js';
import type { ServiceLocator } from '../services/service-ref.js';

/** What a task handler receives. */
export interface TaskHandlerArgs<P = unknown> {
  payload: P;
  /** The platform the job runs for; its module is enabled there, or the job would not run. */
  platformId: number;
  /** The job's id, for logs. */
  jobId: string;
  /** 1 for the first try. */
  attempt: number;
  db: Kysely<any>;
  services: ServiceLocator;
  logger: Logger;
  /** The module's configuration on the job's platform. */
  config: any;
}

/**
 * A named background task of a module: its payload schema, retries, an optional cron schedule, and
 * the handler. Jobs are enqueued with `orion.tasks.enqueue({ module, task, platformId, payload })`.
 */
export interface TaskDefinition<P extends z.ZodType = z.ZodType> {
  /** Kebab-case, unique within the module: `import-feed`. */
  name: string;
  /** Validates the payload at enqueue time (and again before the handler runs). */
  payload: P;
  /** Further tries after a failure. Default: 3. */
  retries?: number;
  /** Seconds before the first retry; doubles each time. Default: 5. */
  retryDelaySeconds?: number;
  /**
   * A cron expression (`0 3 * * *`): the host enqueues the task on this schedule, once for each
   * platform where the module is enabled, with an empty payload `{}`.
   */
  schedule?: string;
  handler: (args: TaskHandlerArgs<z.output<P>>) => unknown | Promise<unknown>;
}

/**
 * Declares a task with its payload type inferred from its schema.
 *
 * @example
 * ```ts
 * import { defineTask } from '@orion/contracts';
 * import { z } from 'zod';
 * export const rebuildSearch = defineTask({
 *   name: 'rebuild-search',
 *   payload: z.object({ storeId: z.number().int().positive() }),
 *   retries: 2,
 *   handler: async ({ payload, db }) => { ... },
 * });
 * ```
 */
export function defineTask<P extends z.ZodType>(task: TaskDefinition<P>): TaskDefinition<P> {
  return task;
}

/** Enqueues a module's task; what route handlers receive as `tasks` (the host's `orion.tasks`). */
export interface TaskEnqueuer {
  /**
   * Validates the payload with the task's schema and stores the job durably.
   *
   * @throws OrionError `ORION_ERR_VALIDATION`, `ORION_ERR_MODULE_NOT_INSTALLED`, `ORION_ERR_TASK_UNKNOWN`.
   */
  enqueue(input: { module: string; task: string; platformId: number; payload: unknown; runAt?: Date }): Promise<{ id: string }>;
}
