import { columnTypes } from '@orion/contracts';
import type { Kysely, Migration } from 'kysely';

/** The host's own tables: per-platform module state and configuration overrides, background tasks. Frozen in time. */
export const coreMigrations: Record<string, Migration> = {
  core_001_create_module_states: {
    async up(db: Kysely<any>) {
      const t = columnTypes(db);
      await db.schema
        .createTable('orion_module_states')
        .addColumn('id', 'integer', t.id)
        .addColumn('platform_id', 'integer', (column) => column.notNull())
        .addColumn('module_code', 'varchar(100)', (column) => column.notNull())
        // null: no decision stored, the host's default applies
        .addColumn('is_enabled', t.boolean)
        .addColumn('config', 'text')
        .addColumn('updated_by', 'integer')
        .addColumn('updated_at', t.timestamp, (column) => column.notNull())
        .addUniqueConstraint('orion_module_states_platform_module_unique', ['platform_id', 'module_code'])
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('orion_module_states').execute();
    },
  },
  // Background tasks. Both tables on both databases: `orion_tasks` is the SQL job queue (SQLite's;
  // PostgreSQL keeps its jobs in pg-boss and leaves it empty), `orion_task_schedules` the next run
  // of each scheduled task (both databases).
  core_002_create_tasks: {
    async up(db: Kysely<any>) {
      const t = columnTypes(db);
      await db.schema
        .createTable('orion_tasks')
        .addColumn('id', 'integer', t.id)
        .addColumn('module_code', 'varchar(100)', (column) => column.notNull())
        .addColumn('task_name', 'varchar(100)', (column) => column.notNull())
        .addColumn('platform_id', 'integer', (column) => column.notNull())
        .addColumn('payload', 'text', (column) => column.notNull())
        // queued | running | retrying | completed | failed | skipped
        .addColumn('status', 'varchar(20)', (column) => column.notNull())
        .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
        .addColumn('max_attempts', 'integer', (column) => column.notNull())
        .addColumn('retry_delay_ms', 'integer', (column) => column.notNull())
        .addColumn('run_at', t.timestamp, (column) => column.notNull())
        .addColumn('locked_by', 'varchar(64)')
        .addColumn('locked_until', t.timestamp)
        .addColumn('last_error', 'text')
        .addColumn('skipped_reason', 'varchar(50)')
        .addColumn('created_at', t.timestamp, (column) => column.notNull())
        .addColumn('started_at', t.timestamp)
        .addColumn('completed_at', t.timestamp)
        // set on a scheduled run (`<module>.<task>@<tick>#<platform>`), so a tick enqueues it once
        .addColumn('dedupe_key', 'varchar(300)')
        .execute();
      await db.schema
        .createIndex('orion_tasks_status_run_at_idx')
        .on('orion_tasks')
        .columns(['status', 'run_at'])
        .execute();
      await db.schema
        .createIndex('orion_tasks_dedupe_key_unique')
        .on('orion_tasks')
        .column('dedupe_key')
        .unique()
        .execute();
      await db.schema
        .createTable('orion_task_schedules')
        .addColumn('module_code', 'varchar(100)', (column) => column.notNull())
        .addColumn('task_name', 'varchar(100)', (column) => column.notNull())
        .addColumn('cron', 'varchar(200)', (column) => column.notNull())
        .addColumn('next_run_at', t.timestamp, (column) => column.notNull())
        .addPrimaryKeyConstraint('orion_task_schedules_pk', ['module_code', 'task_name'])
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('orion_task_schedules').execute();
      await db.schema.dropTable('orion_tasks').execute();
    },
  },
  // One row per enablement or configuration change, written in the change's transaction: other
  // processes read it to drop what they keep in memory (SQLite: a per-call check of the newest id;
  // PostgreSQL: after a NOTIFY, and to catch up after the LISTEN connection dropped).
  core_003_create_module_changes: {
    async up(db: Kysely<any>) {
      const t = columnTypes(db);
      await db.schema
        .createTable('orion_module_changes')
        .addColumn('id', 'integer', t.id)
        .addColumn('platform_id', 'integer', (column) => column.notNull())
        .addColumn('module_code', 'varchar(100)', (column) => column.notNull())
        // enabled | disabled | config_changed
        .addColumn('change', 'varchar(20)', (column) => column.notNull())
        .addColumn('requested_by', 'varchar(100)')
        .addColumn('user_id', 'integer')
        // the instance that made the change, so it does not hear its own change as a remote one
        .addColumn('origin', 'varchar(64)', (column) => column.notNull())
        .addColumn('changed_at', t.timestamp, (column) => column.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('orion_module_changes').execute();
    },
  },
};

/** The host's table, as queried by the enablement service. */
export interface CoreDatabase {
  orion_module_states: {
    id: import('kysely').Generated<number>;
    platform_id: number;
    module_code: string;
    is_enabled: boolean | number | null;
    config: string | null;
    updated_by: number | null;
    updated_at: string | Date;
  };
  orion_module_changes: {
    id: import('kysely').Generated<number>;
    platform_id: number;
    module_code: string;
    change: 'enabled' | 'disabled' | 'config_changed';
    requested_by: string | null;
    user_id: number | null;
    origin: string;
    changed_at: string | Date;
  };
}
