import type { Kysely } from 'kysely';
import type { AnyDatabase } from '../database/any-database.js';
import type { AnyModuleConfig } from '../module/any-module-config.js';
import type { z } from 'zod';
import type { ModuleEvents } from '../events/module-events.js';
import type { Logger } from '../logging/logger.js';
import type { ServiceLocator } from '../services/service-ref.js';

/**
 * What a task handler receives. `TDatabase` and `TConfig` are the module's (see
 * {@link moduleKit}); {@link AnyDatabase} and {@link AnyModuleConfig} when not declared.
 */
export interface TaskHandlerArgs<P = unknown, TDatabase = AnyDatabase, TConfig = AnyModuleConfig> {
  payload: P;
  /** The platform the job runs for; its module is enabled there, or the job would not run. */
  platformId: number;
  /** The job's id, for logs. */
  jobId: string;
  /** 1 for the first try. */
  attempt: number;
  /** The host's database, typed with the module's tables. */
  db: Kysely<TDatabase>;
  services: ServiceLocator;
  /** Publishes the module's declared events and subscribes to others'. */
  events: ModuleEvents;
  logger: Logger;
  /** The module's configuration on the job's platform. */
  config: TConfig;
}

/**
 * A named background task of a module: its payload schema, retries, an optional cron schedule, and
 * the handler. Jobs are enqueued with `orion.tasks.enqueue({ module, task, platformId, payload })`.
 */
export interface TaskDefinition<P extends z.ZodType = z.ZodType, TDatabase = AnyDatabase, TConfig = AnyModuleConfig> {
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
  /** Its result, awaited when it is a promise, is ignored; a throw or a rejection fails the try. */
  handler: (args: TaskHandlerArgs<z.output<P>, TDatabase, TConfig>) => unknown;
}

/**
 * Declares a task with its payload type inferred from its schema; its `db` is
 * `Kysely<AnyDatabase>` and its `config` is {@link AnyModuleConfig}. For a task typed with the module's tables and configuration, use `task`
 * of {@link moduleKit}.
 *
 * @example
 * ```ts
 * import { defineTask } from '@orion/contracts';
 * import { z } from 'zod';
 * export const rebuildSearch = defineTask({
 *   name: 'rebuild-search',
 *   payload: z.object({ storeId: z.number().int().positive() }),
 *   retries: 2,
 *   handler: async ({ payload, db }) => {
 *     await db.deleteFrom('search_entries').where('store_id', '=', payload.storeId).execute();
 *     // … index the store's products again
 *   },
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
  enqueue(input: {
    module: string;
    task: string;
    platformId: number;
    payload: unknown;
    runAt?: Date;
  }): Promise<{ id: string }>;
}
