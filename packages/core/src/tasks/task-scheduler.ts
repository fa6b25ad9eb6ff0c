import { OrionError, toIsoTimestamp, type Logger, type TaskDefinition, type AnyDatabase } from '@orion/contracts';
import { TenancyService } from '@orion/tenancy';
import { CronExpressionParser } from 'cron-parser';
import type { Kysely } from 'kysely';
import type { ModuleEnablement } from '../enablement/module-enablement.js';
import type { ModuleRegistry } from '../registry/module-registry.js';
import type { TaskQueue } from './task-queue.js';
import type { TaskTables } from './task-tables.js';

/** An installed task with a `schedule`. */
export interface ScheduledTask {
  module: string;
  definition: TaskDefinition;
  cron: string;
}

/**
 * The installed tasks that have a schedule, checked before the host touches the database: the cron
 * expression must parse, and the payload schema must accept `{}`, the payload of a scheduled run.
 *
 * @throws OrionError `ORION_ERR_MODULE_DEFINITION_INVALID` naming the module and the task.
 */
export function scheduledTasksOf(registry: ModuleRegistry): ScheduledTask[] {
  const scheduled: ScheduledTask[] = [];
  for (const { code, definition } of registry.all()) {
    // the registry holds every module's tasks as TaskDefinition<any>: read them with the base types
    for (const [index, task] of (definition.tasks as TaskDefinition[]).entries()) {
      if (task.schedule === undefined) continue;
      const invalid = (issue: string) =>
        new OrionError('ORION_ERR_MODULE_DEFINITION_INVALID', {
          where: `"${code}"`,
          issues: `tasks.${index}.${issue}`,
        });
      try {
        nextRun(task.schedule, new Date());
      } catch (error) {
        throw invalid(`schedule: "${task.schedule}" is not a cron expression (${(error as Error).message})`);
      }
      if (!task.payload.safeParse({}).success) {
        throw invalid('payload: a scheduled task runs with the payload {}, which its schema must accept');
      }
      scheduled.push({ module: code, definition: task, cron: task.schedule });
    }
  }
  return scheduled;
}

/** The first time the cron expression matches after `after`, in UTC. */
export function nextRun(cron: string, after: Date): Date {
  return CronExpressionParser.parse(cron, { currentDate: after, tz: 'UTC' }).next().toDate();
}

interface SchedulerDependencies {
  db: Kysely<AnyDatabase>;
  queue: TaskQueue;
  modules: ModuleEnablement;
  logger: Logger;
  scheduled: ScheduledTask[];
  now?: () => Date;
}

/**
 * Enqueues scheduled tasks on their cron schedule (UTC), once per tick for each active platform
 * where the task's module is enabled, with the payload `{}`.
 *
 * Each scheduled task has a row in `orion_task_schedules` with its next run time. A worker whose
 * clock passed it enqueues the tick's jobs, each with a key naming the task, the tick and the
 * platform, which the queue stores once; then it moves `next_run_at` on, on condition that it still
 * holds the value the worker read. Two workers racing for a tick enqueue each job once between
 * them, and a worker that dies midway leaves the tick due, for the next worker to finish: no
 * transaction spans the steps (on SQLite, one held across awaits would block a second connection
 * in the same process). After downtime an overdue tick fires once, not once per missed tick. A
 * changed cron expression replaces the stored one (and its next run) when a worker first ticks.
 */
export class TaskScheduler {
  readonly #deps: SchedulerDependencies;
  readonly #now: () => Date;
  readonly #byKey: Map<string, ScheduledTask>;
  #synced: Promise<void> | undefined;

  constructor(deps: SchedulerDependencies) {
    this.#deps = deps;
    this.#now = deps.now ?? (() => new Date());
    this.#byKey = new Map(deps.scheduled.map((entry) => [key(entry.module, entry.definition.name), entry]));
  }

  get #db(): Kysely<TaskTables> {
    return this.#deps.db as Kysely<TaskTables>;
  }

  /** Fires every due tick; returns how many jobs it enqueued. */
  async tick(): Promise<number> {
    if (this.#byKey.size === 0) return 0;
    await (this.#synced ??= this.#sync().catch((error: unknown) => {
      this.#synced = undefined;
      throw error;
    }));
    const now = this.#now();
    const due = await this.#db
      .selectFrom('orion_task_schedules')
      .selectAll()
      .where('next_run_at', '<=', now.toISOString())
      .execute();
    let enqueued = 0;
    let platforms: Map<number, Set<string>> | undefined;
    for (const row of due) {
      const entry = this.#byKey.get(key(row.module_code, row.task_name));
      if (!entry || entry.cron !== row.cron) continue; // not installed here, or another host's schedule
      platforms ??= await this.#enabledModulesByPlatform();
      const tick = toIsoTimestamp(row.next_run_at);
      const fresh: number[] = [];
      for (const [platformId, codes] of platforms) {
        if (!codes.has(entry.module)) continue;
        const id = await this.#deps.queue.enqueue({
          module: entry.module,
          task: entry.definition.name,
          platformId,
          payload: {},
          runAt: undefined,
          retries: entry.definition.retries ?? 3,
          retryDelaySeconds: entry.definition.retryDelaySeconds ?? 5,
          dedupeKey: `${key(entry.module, entry.definition.name)}@${tick}#${platformId}`,
        });
        if (id !== undefined) fresh.push(platformId);
      }
      await this.#db
        .updateTable('orion_task_schedules')
        .set({ next_run_at: nextRun(entry.cron, now).toISOString() })
        .where('module_code', '=', row.module_code)
        .where('task_name', '=', row.task_name)
        .where('next_run_at', '=', row.next_run_at)
        .execute();
      if (fresh.length > 0) {
        enqueued += fresh.length;
        this.#deps.logger.info(
          `Scheduled task ${entry.module}.${entry.definition.name} enqueued for ${fresh.length} platform(s)`,
          {
            module: entry.module,
            task: entry.definition.name,
            tick,
            platformIds: fresh,
          },
        );
      }
    }
    return enqueued;
  }

  /** Adds the rows of newly scheduled tasks, and restarts the ones whose cron expression changed. */
  async #sync(): Promise<void> {
    const now = this.#now();
    for (const entry of this.#byKey.values()) {
      await this.#db
        .insertInto('orion_task_schedules')
        .values({
          module_code: entry.module,
          task_name: entry.definition.name,
          cron: entry.cron,
          next_run_at: nextRun(entry.cron, now).toISOString(),
        })
        .onConflict((conflict) => conflict.columns(['module_code', 'task_name']).doNothing())
        .execute();
    }
    const rows = await this.#db
      .selectFrom('orion_task_schedules')
      .select(['module_code', 'task_name', 'cron'])
      .execute();
    for (const row of rows) {
      const entry = this.#byKey.get(key(row.module_code, row.task_name));
      if (!entry || entry.cron === row.cron) continue;
      await this.#db
        .updateTable('orion_task_schedules')
        .set({ cron: entry.cron, next_run_at: nextRun(entry.cron, now).toISOString() })
        .where('module_code', '=', row.module_code)
        .where('task_name', '=', row.task_name)
        .where('cron', '=', row.cron)
        .execute();
      this.#deps.logger.info(`Schedule of task ${row.module_code}.${row.task_name} changed to "${entry.cron}"`, {
        previous: row.cron,
      });
    }
  }

  /** Active platforms and the modules enabled on each. */
  async #enabledModulesByPlatform(): Promise<Map<number, Set<string>>> {
    const platforms = (await new TenancyService(this.#deps.db).listPlatforms()).filter((platform) => platform.isActive);
    const enabled = new Map<number, Set<string>>();
    for (const platform of platforms)
      enabled.set(platform.id, new Set(await this.#deps.modules.listEnabled(platform.id)));
    return enabled;
  }
}

function key(module: string, task: string): string {
  return `${module}.${task}`;
}
