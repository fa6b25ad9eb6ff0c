import type { ColumnType, Generated } from 'kysely';
import type { TaskSkipReason, TaskStatus } from './task-job.js';

/** `timestamptz` on PostgreSQL, ISO-8601 UTC text on SQLite; always written as ISO text. */
type Timestamp = ColumnType<Date | string, string, string>;
type NullableTimestamp = ColumnType<Date | string | null, string | null | undefined, string | null>;

/**
 * The host's task tables, created by `core_002_create_tasks` on both databases: `orion_tasks`
 * holds the jobs of the SQL queue, `orion_task_schedules` one row per scheduled task.
 */
export interface TaskTables {
  orion_tasks: {
    id: Generated<number>;
    module_code: string;
    task_name: string;
    platform_id: number;
    /** JSON text. */
    payload: string;
    status: TaskStatus;
    attempts: number;
    max_attempts: number;
    /** The first retry's delay; later ones double it. */
    retry_delay_ms: number;
    run_at: Timestamp;
    /** The claim token of the try running now. */
    locked_by: string | null;
    locked_until: NullableTimestamp;
    last_error: string | null;
    skipped_reason: TaskSkipReason | null;
    created_at: Timestamp;
    started_at: NullableTimestamp;
    completed_at: NullableTimestamp;
    /** Unique when set: a second job with the same key is not stored. */
    dedupe_key: ColumnType<string | null, string | null | undefined, string | null>;
  };
  orion_task_schedules: {
    module_code: string;
    task_name: string;
    cron: string;
    next_run_at: Timestamp;
  };
}
