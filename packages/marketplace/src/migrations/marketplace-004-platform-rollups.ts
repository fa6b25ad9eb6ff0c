import { sql, type Kysely, type Migration } from 'kysely';
import { columnTypes, inTransaction } from '@orion/contracts';

/**
 * `marketplace_004_platform_rollups`: per-platform rows kept by the database, so a platform
 * dashboard reads a platform's own rows instead of one index range or row per store (issue 12).
 *
 * - `marketplace_platform_daily_totals`: per platform and UTC day, the import jobs created that day
 *   in the stores with an active membership in the platform, and how many of them are failed and
 *   completed now (a store in two platforms counts in both);
 * - `marketplace_platform_totals`: per platform, its stores' staged products;
 * - the index `marketplace_import_jobs_created_idx` `(created_at, store_id, status)`: a window
 *   boundary inside a day is read from the shorter side of that day's jobs.
 *
 * Triggers on `marketplace_import_jobs` (insert, update of store, creation time or status, delete),
 * `marketplace_products` (a staged row added or taken away) and tenancy's `store_platforms` (a
 * membership that becomes active adds the store's jobs and staged products to the platform's rows,
 * one that stops being active, is moved or deleted, subtracts them), in the writing statement's
 * transaction: PostgreSQL statement-level with transition tables (membership changes take a `share`
 * lock on both tables), SQLite row-level. A row that comes down to zero is deleted.
 * Frozen in time: never edit it, add a migration.
 *
 * @example
 * ```ts
 * import { marketplaceModule } from '@orion/marketplace';
 *
 * await marketplaceModule.migrations.marketplace_004_platform_rollups!.up(db);
 * ```
 */
export const marketplace004PlatformRollups: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    const t = columnTypes(db);
    const postgres = t.dialect === 'postgres';
    await db.schema
      .createTable('marketplace_platform_daily_totals')
      .addColumn('platform_id', 'integer', (c) => c.notNull())
      .addColumn('day', t.timestamp, (c) => c.notNull())
      .addColumn('jobs', 'bigint', (c) => c.notNull())
      .addColumn('failed', 'bigint', (c) => c.notNull())
      .addColumn('completed', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('marketplace_platform_daily_totals_pk', ['platform_id', 'day'])
      .$call((builder) => (postgres ? builder : builder.modifyEnd(sql`without rowid`)))
      .execute();
    await db.schema
      .createTable('marketplace_platform_totals')
      .addColumn('platform_id', 'integer', (c) => c.primaryKey())
      .addColumn('staged_products', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('marketplace_import_jobs_created_idx')
      .on('marketplace_import_jobs')
      .columns(['created_at', 'store_id', 'status'])
      .execute();
    for (const statement of postgres ? postgresTriggers() : sqliteTriggers()) await sql.raw(statement).execute(db);
    for (const statement of refill(postgres)) await sql.raw(statement).execute(db);
  },

  async down(db: Kysely<any>): Promise<void> {
    const postgres = columnTypes(db).dialect === 'postgres';
    for (const [name, table] of triggerNames) {
      await sql
        .raw(postgres ? `drop trigger if exists ${name} on ${table}` : `drop trigger if exists ${name}`)
        .execute(db);
    }
    if (postgres) {
      for (const name of functionNames) await sql.raw(`drop function if exists ${name}()`).execute(db);
    }
    await db.schema.dropIndex('marketplace_import_jobs_created_idx').ifExists().execute();
    await db.schema.dropTable('marketplace_platform_totals').ifExists().execute();
    await db.schema.dropTable('marketplace_platform_daily_totals').ifExists().execute();
  },
};

/**
 * Recomputes every platform's rows from the jobs, `marketplace_store_totals` and the memberships, in
 * one transaction that keeps writers out meanwhile on PostgreSQL: the repair behind
 * `orion rebuild marketplace` (after `marketplace_store_totals`, which it reads).
 */
export async function rebuildMarketplacePlatformRollups(db: Kysely<any>): Promise<void> {
  await inTransaction(db, async (trx) => {
    const postgres = columnTypes(trx).dialect === 'postgres';
    if (postgres) {
      await sql`lock table marketplace_import_jobs, marketplace_products, store_platforms in share row exclusive mode`.execute(
        trx,
      );
    }
    for (const statement of refill(postgres)) await sql.raw(statement).execute(trx);
  });
}

const triggerNames = [
  ['marketplace_platform_jobs_insert', 'marketplace_import_jobs'],
  ['marketplace_platform_jobs_update', 'marketplace_import_jobs'],
  ['marketplace_platform_jobs_delete', 'marketplace_import_jobs'],
  ['marketplace_platform_staged_insert', 'marketplace_products'],
  ['marketplace_platform_staged_update', 'marketplace_products'],
  ['marketplace_platform_staged_delete', 'marketplace_products'],
  ['marketplace_platform_membership_insert', 'store_platforms'],
  ['marketplace_platform_membership_update', 'store_platforms'],
  ['marketplace_platform_membership_leave', 'store_platforms'],
  ['marketplace_platform_membership_join', 'store_platforms'],
  ['marketplace_platform_membership_delete', 'store_platforms'],
] as const;
const functionNames = [
  'marketplace_platform_on_jobs_insert',
  'marketplace_platform_on_jobs_update',
  'marketplace_platform_on_jobs_delete',
  'marketplace_platform_on_staged_insert',
  'marketplace_platform_on_staged_update',
  'marketplace_platform_on_staged_delete',
  'marketplace_platform_on_membership_insert',
  'marketplace_platform_on_membership_update',
  'marketplace_platform_on_membership_delete',
];

const numbers = ['jobs', 'failed', 'completed'] as const;
const addDaily = (alias: string) => numbers.map((n) => `${n} = ${alias}${n} + excluded.${n}`).join(', ');
const addStaged = (alias: string) => `staged_products = ${alias}staged_products + excluded.staged_products`;

// ---- SQLite: row-level triggers

const sqliteDay = (row: string) => `substr(${row}.created_at, 1, 10) || 'T00:00:00.000Z'`;

function sqliteJob(row: string, sign: 1 | -1): string[] {
  const memberships = `from store_platforms as sp where sp.store_id = ${row}.store_id and sp.is_active`;
  const statements = [
    `insert into marketplace_platform_daily_totals (platform_id, day, ${numbers.join(', ')})
     select sp.platform_id, ${sqliteDay(row)}, ${sign}, case when ${row}.status = 'failed' then ${sign} else 0 end,
       case when ${row}.status = 'completed' then ${sign} else 0 end ${memberships}
     on conflict (platform_id, day) do update set ${addDaily('')}`,
  ];
  if (sign === -1) {
    statements.push(
      `delete from marketplace_platform_daily_totals where platform_id in (select sp.platform_id ${memberships})
       and day = ${sqliteDay(row)} and jobs = 0`,
    );
  }
  return statements;
}

function sqliteStaged(row: string, sign: 1 | -1): string[] {
  const memberships = `from store_platforms as sp where sp.store_id = ${row}.store_id and sp.is_active and ${row}.status = 'staged'`;
  const statements = [
    `insert into marketplace_platform_totals (platform_id, staged_products) select sp.platform_id, ${sign} ${memberships}
     on conflict (platform_id) do update set ${addStaged('')}`,
  ];
  if (sign === -1) {
    statements.push(
      `delete from marketplace_platform_totals where platform_id in (select sp.platform_id ${memberships}) and staged_products = 0`,
    );
  }
  return statements;
}

function sqliteMembership(row: string, sign: 1 | -1): string[] {
  const statements = [
    `insert into marketplace_platform_daily_totals (platform_id, day, ${numbers.join(', ')})
     select ${row}.platform_id, ${sqliteDay('j')}, ${sign} * count(*), ${sign} * count(*) filter (where j.status = 'failed'),
       ${sign} * count(*) filter (where j.status = 'completed')
     from marketplace_import_jobs as j where j.store_id = ${row}.store_id group by 2
     on conflict (platform_id, day) do update set ${addDaily('')}`,
    `insert into marketplace_platform_totals (platform_id, staged_products)
     select ${row}.platform_id, ${sign} * staged_products from marketplace_store_totals where store_id = ${row}.store_id
     on conflict (platform_id) do update set ${addStaged('')}`,
  ];
  if (sign === -1) {
    statements.push(
      `delete from marketplace_platform_daily_totals where platform_id = ${row}.platform_id and jobs = 0`,
      `delete from marketplace_platform_totals where platform_id = ${row}.platform_id and staged_products = 0`,
    );
  }
  return statements;
}

function sqliteTrigger(name: string, event: string, when: string | undefined, statements: string[]): string {
  return `create trigger ${name} after ${event} for each row ${when ? `when ${when} ` : ''}begin
${statements.map((statement) => `  ${statement};`).join('\n')}
end`;
}

function sqliteTriggers(): string[] {
  const unchanged = `new.store_id = old.store_id and new.platform_id = old.platform_id`;
  return [
    sqliteTrigger(
      'marketplace_platform_jobs_insert',
      'insert on marketplace_import_jobs',
      undefined,
      sqliteJob('new', 1),
    ),
    sqliteTrigger(
      'marketplace_platform_jobs_update',
      'update of store_id, created_at, status on marketplace_import_jobs',
      undefined,
      [...sqliteJob('old', -1), ...sqliteJob('new', 1)],
    ),
    sqliteTrigger(
      'marketplace_platform_jobs_delete',
      'delete on marketplace_import_jobs',
      undefined,
      sqliteJob('old', -1),
    ),
    sqliteTrigger(
      'marketplace_platform_staged_insert',
      'insert on marketplace_products',
      undefined,
      sqliteStaged('new', 1),
    ),
    sqliteTrigger(
      'marketplace_platform_staged_update',
      'update of store_id, status on marketplace_products',
      undefined,
      [...sqliteStaged('old', -1), ...sqliteStaged('new', 1)],
    ),
    sqliteTrigger(
      'marketplace_platform_staged_delete',
      'delete on marketplace_products',
      undefined,
      sqliteStaged('old', -1),
    ),
    sqliteTrigger(
      'marketplace_platform_membership_insert',
      'insert on store_platforms',
      'new.is_active',
      sqliteMembership('new', 1),
    ),
    sqliteTrigger(
      'marketplace_platform_membership_leave',
      'update of store_id, platform_id, is_active on store_platforms',
      `old.is_active and not (new.is_active and ${unchanged})`,
      sqliteMembership('old', -1),
    ),
    sqliteTrigger(
      'marketplace_platform_membership_join',
      'update of store_id, platform_id, is_active on store_platforms',
      `new.is_active and not (old.is_active and ${unchanged})`,
      sqliteMembership('new', 1),
    ),
    sqliteTrigger(
      'marketplace_platform_membership_delete',
      'delete on store_platforms',
      'old.is_active',
      sqliteMembership('old', -1),
    ),
  ];
}

// ---- PostgreSQL: statement-level triggers with transition tables

const postgresDay = (column: string) => `date_trunc('day', ${column}, 'UTC')`;

/**
 * Applies a jobs `delta` (`select store_id, created_at, status, sign`); with `removed`, prunes zero
 * rows. Groups that do not change (a lease or progress update) are skipped, so they lock no
 * platform row.
 */
function postgresJobs(delta: string, removed: string | undefined): string[] {
  const statements = [
    `insert into marketplace_platform_daily_totals as t (platform_id, day, ${numbers.join(', ')})
     select sp.platform_id, ${postgresDay('d.created_at')}, sum(d.sign),
       sum(case when d.status = 'failed' then d.sign else 0 end), sum(case when d.status = 'completed' then d.sign else 0 end)
     from (${delta}) as d join store_platforms as sp on sp.store_id = d.store_id and sp.is_active
     group by 1, 2
     having sum(d.sign) <> 0 or sum(case when d.status = 'failed' then d.sign else 0 end) <> 0
       or sum(case when d.status = 'completed' then d.sign else 0 end) <> 0
     order by 1, 2
     on conflict (platform_id, day) do update set ${addDaily('t.')}`,
  ];
  if (removed !== undefined) {
    statements.push(
      `delete from marketplace_platform_daily_totals as t
       using (select distinct sp.platform_id, ${postgresDay('o.created_at')} as day
         from ${removed} as o join store_platforms as sp on sp.store_id = o.store_id and sp.is_active) as k
       where t.platform_id = k.platform_id and t.day = k.day and t.jobs = 0`,
    );
  }
  return statements;
}

/** Applies a staged-products `delta` (`select store_id, sign` of staged rows); with `removed`, prunes zero rows. */
function postgresStaged(delta: string, removed: string | undefined): string[] {
  const statements = [
    `insert into marketplace_platform_totals as t (platform_id, staged_products)
     select sp.platform_id, sum(d.sign) from (${delta}) as d join store_platforms as sp on sp.store_id = d.store_id and sp.is_active
     group by 1 having sum(d.sign) <> 0 order by 1
     on conflict (platform_id) do update set ${addStaged('t.')}`,
  ];
  if (removed !== undefined) {
    statements.push(
      `delete from marketplace_platform_totals as t where t.staged_products = 0 and t.platform_id in
         (select sp.platform_id from ${removed} as o join store_platforms as sp on sp.store_id = o.store_id and sp.is_active)`,
    );
  }
  return statements;
}

function postgresMembership(delta: string, removed: string | undefined): string[] {
  // Jobs and products written concurrently wait, and are seen once this transaction commits.
  const statements = [
    'lock table marketplace_import_jobs in share mode',
    'lock table marketplace_products in share mode',
    `insert into marketplace_platform_daily_totals as t (platform_id, day, ${numbers.join(', ')})
     select m.platform_id, ${postgresDay('j.created_at')}, sum(m.sign),
       sum(case when j.status = 'failed' then m.sign else 0 end), sum(case when j.status = 'completed' then m.sign else 0 end)
     from (${delta}) as m join marketplace_import_jobs as j on j.store_id = m.store_id
     group by 1, 2 having sum(m.sign) <> 0 order by 1, 2
     on conflict (platform_id, day) do update set ${addDaily('t.')}`,
    `insert into marketplace_platform_totals as t (platform_id, staged_products)
     select m.platform_id, sum(m.sign * s.staged_products)
     from (${delta}) as m join marketplace_store_totals as s on s.store_id = m.store_id
     group by 1 having sum(m.sign * s.staged_products) <> 0 order by 1
     on conflict (platform_id) do update set ${addStaged('t.')}`,
  ];
  if (removed !== undefined) {
    const platforms = `(select platform_id from ${removed} where is_active)`;
    statements.push(
      `delete from marketplace_platform_daily_totals as t where t.jobs = 0 and t.platform_id in ${platforms}`,
      `delete from marketplace_platform_totals as t where t.staged_products = 0 and t.platform_id in ${platforms}`,
    );
  }
  return statements;
}

function postgresFunction(name: string, statements: string[]): string {
  return `create function ${name}() returns trigger language plpgsql as $marketplace$
begin
${statements.map((statement) => `  ${statement};`).join('\n')}
  return null;
end
$marketplace$`;
}

function postgresTriggers(): string[] {
  const jobsAdded = `select store_id, created_at, status, 1 as sign from new_rows`;
  const jobsTaken = `select store_id, created_at, status, -1 as sign from old_rows`;
  const stagedAdded = `select store_id, 1 as sign from new_rows where status = 'staged'`;
  const stagedTaken = `select store_id, -1 as sign from old_rows where status = 'staged'`;
  const joined = `select store_id, platform_id, 1 as sign from new_rows where is_active`;
  const left = `select store_id, platform_id, -1 as sign from old_rows where is_active`;
  const trigger = (name: string, event: string, table: string, transition: string, fn: string) =>
    `create trigger ${name} after ${event} on ${table} referencing ${transition} for each statement execute function ${fn}()`;
  const both = 'old table as old_rows new table as new_rows';
  return [
    postgresFunction('marketplace_platform_on_jobs_insert', postgresJobs(jobsAdded, undefined)),
    postgresFunction(
      'marketplace_platform_on_jobs_update',
      postgresJobs(`${jobsTaken} union all ${jobsAdded}`, 'old_rows'),
    ),
    postgresFunction('marketplace_platform_on_jobs_delete', postgresJobs(jobsTaken, 'old_rows')),
    postgresFunction('marketplace_platform_on_staged_insert', postgresStaged(stagedAdded, undefined)),
    postgresFunction(
      'marketplace_platform_on_staged_update',
      postgresStaged(`${stagedTaken} union all ${stagedAdded}`, 'old_rows'),
    ),
    postgresFunction('marketplace_platform_on_staged_delete', postgresStaged(stagedTaken, 'old_rows')),
    postgresFunction('marketplace_platform_on_membership_insert', postgresMembership(joined, undefined)),
    postgresFunction(
      'marketplace_platform_on_membership_update',
      postgresMembership(`${left} union all ${joined}`, 'old_rows'),
    ),
    postgresFunction('marketplace_platform_on_membership_delete', postgresMembership(left, 'old_rows')),
    // PostgreSQL allows transition tables only on single-event triggers: one trigger per event.
    trigger(
      'marketplace_platform_jobs_insert',
      'insert',
      'marketplace_import_jobs',
      'new table as new_rows',
      'marketplace_platform_on_jobs_insert',
    ),
    trigger(
      'marketplace_platform_jobs_update',
      'update',
      'marketplace_import_jobs',
      both,
      'marketplace_platform_on_jobs_update',
    ),
    trigger(
      'marketplace_platform_jobs_delete',
      'delete',
      'marketplace_import_jobs',
      'old table as old_rows',
      'marketplace_platform_on_jobs_delete',
    ),
    trigger(
      'marketplace_platform_staged_insert',
      'insert',
      'marketplace_products',
      'new table as new_rows',
      'marketplace_platform_on_staged_insert',
    ),
    trigger(
      'marketplace_platform_staged_update',
      'update',
      'marketplace_products',
      both,
      'marketplace_platform_on_staged_update',
    ),
    trigger(
      'marketplace_platform_staged_delete',
      'delete',
      'marketplace_products',
      'old table as old_rows',
      'marketplace_platform_on_staged_delete',
    ),
    trigger(
      'marketplace_platform_membership_insert',
      'insert',
      'store_platforms',
      'new table as new_rows',
      'marketplace_platform_on_membership_insert',
    ),
    trigger(
      'marketplace_platform_membership_update',
      'update',
      'store_platforms',
      both,
      'marketplace_platform_on_membership_update',
    ),
    trigger(
      'marketplace_platform_membership_delete',
      'delete',
      'store_platforms',
      'old table as old_rows',
      'marketplace_platform_on_membership_delete',
    ),
  ];
}

// ---- the fill: the platform rows from the jobs, staged totals and memberships already there

function refill(postgres: boolean): string[] {
  const day = postgres ? postgresDay('j.created_at') : sqliteDay('j');
  return [
    'delete from marketplace_platform_daily_totals',
    'delete from marketplace_platform_totals',
    `insert into marketplace_platform_daily_totals (platform_id, day, ${numbers.join(', ')})
     select sp.platform_id, ${day}, count(*), count(*) filter (where j.status = 'failed'),
       count(*) filter (where j.status = 'completed')
     from marketplace_import_jobs as j join store_platforms as sp on sp.store_id = j.store_id and sp.is_active group by 1, 2`,
    `insert into marketplace_platform_totals (platform_id, staged_products)
     select sp.platform_id, sum(s.staged_products)
     from marketplace_store_totals as s join store_platforms as sp on sp.store_id = s.store_id and sp.is_active
     group by 1 having sum(s.staged_products) <> 0`,
  ];
}
