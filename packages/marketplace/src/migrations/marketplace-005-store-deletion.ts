import { sql, type Kysely, type Migration } from 'kysely';
import { columnTypes } from '@orion/contracts';

/**
 * `marketplace_005_store_deletion`: a deleted store's import jobs and staged products leave its
 * platforms' rollups (`marketplace_004_platform_rollups`) exactly once, whatever order the cascades
 * from `stores` run in.
 *
 * Deleting a store cascades into its jobs, staged products, `marketplace_store_totals` row and
 * `store_platforms` memberships. Before this migration the rows' delete triggers and the
 * memberships' delete trigger both took the store out of the platforms, each relying on the other's
 * rows still being there: on PostgreSQL the statement triggers of cascaded deletes all run after
 * every cascade of the statement, so each found the other's rows gone and the store stayed in its
 * platforms' figures; on SQLite the result depended on the order of the cascades.
 *
 * Now a `before delete` row trigger on tenancy's `stores` takes the store's jobs and staged products
 * out of each platform it is actively on, while they are all still there, and the jobs', staged
 * products' and memberships' delete triggers skip the rows of a store that is gone. A membership
 * deleted on its own, or by a platform's deletion, is subtracted as before. Only triggers change:
 * the migration fills nothing.
 *
 * `TRUNCATE` runs no row or statement delete triggers (PostgreSQL; SQLite has no `TRUNCATE`): after
 * truncating the marketplace tables, `stores` or `store_platforms`, run `orion rebuild marketplace`.
 *
 * Frozen in time: never edit it, add a migration.
 *
 * @example
 * ```ts
 * import { marketplaceModule } from '@orion/marketplace';
 *
 * await marketplaceModule.migrations.marketplace_005_store_deletion!.up(db);
 * ```
 */
export const marketplace005StoreDeletion: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    const postgres = columnTypes(db).dialect === 'postgres';
    for (const statement of postgres ? postgresTriggers(true) : sqliteTriggers(true)) {
      await sql.raw(statement).execute(db);
    }
    if (postgres) {
      await sql.raw(postgresStoreFunction).execute(db);
      await sql
        .raw(
          `create trigger marketplace_platform_store_delete before delete on stores
           for each row execute function marketplace_platform_on_store_delete()`,
        )
        .execute(db);
    } else {
      await sql.raw(sqliteStoreTrigger).execute(db);
    }
  },

  async down(db: Kysely<any>): Promise<void> {
    const postgres = columnTypes(db).dialect === 'postgres';
    if (postgres) {
      await sql`drop trigger if exists marketplace_platform_store_delete on stores`.execute(db);
      await sql`drop function if exists marketplace_platform_on_store_delete()`.execute(db);
    } else {
      await sql`drop trigger if exists marketplace_platform_store_delete`.execute(db);
    }
    // the delete triggers as marketplace_004 made them
    for (const statement of postgres ? postgresTriggers(false) : sqliteTriggers(false)) {
      await sql.raw(statement).execute(db);
    }
  },
};

const addDaily = (alias: string) =>
  ['jobs', 'failed', 'completed'].map((n) => `${n} = ${alias}${n} + excluded.${n}`).join(', ');
const addStaged = (alias: string) => `staged_products = ${alias}staged_products + excluded.staged_products`;

/** Rows of stores that still exist: the rows of a deleted store went with its `before delete` trigger. */
const storeExists = (column: string) => `${column} in (select id from stores)`;

// ---- PostgreSQL

/**
 * The jobs', staged products' and memberships' delete functions of `marketplace_004`, replaced in
 * place (their triggers stay); with `skipDeletedStores` false, as `marketplace_004` wrote them.
 */
function postgresTriggers(skipDeletedStores: boolean): string[] {
  const existing = skipDeletedStores ? storeExists('store_id') : 'true';
  const jobsTaken = `select store_id, created_at, status, -1 as sign from old_rows where ${existing}`;
  const stagedTaken = `select store_id, -1 as sign from old_rows where status = 'staged' and ${existing}`;
  const left = `select store_id, platform_id, -1 as sign from old_rows where is_active and ${existing}`;
  const fn = (name: string, body: string) =>
    `create or replace function ${name}() returns trigger language plpgsql as $marketplace$
begin
${body}
  return null;
end
$marketplace$`;
  return [
    fn(
      'marketplace_platform_on_jobs_delete',
      `  insert into marketplace_platform_daily_totals as t (platform_id, day, jobs, failed, completed)
     select sp.platform_id, date_trunc('day', d.created_at, 'UTC'), sum(d.sign),
       sum(case when d.status = 'failed' then d.sign else 0 end), sum(case when d.status = 'completed' then d.sign else 0 end)
     from (${jobsTaken}) as d join store_platforms as sp on sp.store_id = d.store_id and sp.is_active
     group by 1, 2
     having sum(d.sign) <> 0 or sum(case when d.status = 'failed' then d.sign else 0 end) <> 0
       or sum(case when d.status = 'completed' then d.sign else 0 end) <> 0
     order by 1, 2
     on conflict (platform_id, day) do update set ${addDaily('t.')};
  delete from marketplace_platform_daily_totals as t
     using (select distinct sp.platform_id, date_trunc('day', o.created_at, 'UTC') as day
       from old_rows as o join store_platforms as sp on sp.store_id = o.store_id and sp.is_active) as k
     where t.platform_id = k.platform_id and t.day = k.day and t.jobs = 0;`,
    ),
    fn(
      'marketplace_platform_on_staged_delete',
      `  insert into marketplace_platform_totals as t (platform_id, staged_products)
     select sp.platform_id, sum(d.sign) from (${stagedTaken}) as d join store_platforms as sp on sp.store_id = d.store_id and sp.is_active
     group by 1 having sum(d.sign) <> 0 order by 1
     on conflict (platform_id) do update set ${addStaged('t.')};
  delete from marketplace_platform_totals as t where t.staged_products = 0 and t.platform_id in
     (select sp.platform_id from old_rows as o join store_platforms as sp on sp.store_id = o.store_id and sp.is_active);`,
    ),
    fn(
      'marketplace_platform_on_membership_delete',
      `  lock table marketplace_import_jobs in share mode;
  lock table marketplace_products in share mode;
  insert into marketplace_platform_daily_totals as t (platform_id, day, jobs, failed, completed)
     select m.platform_id, date_trunc('day', j.created_at, 'UTC'), sum(m.sign),
       sum(case when j.status = 'failed' then m.sign else 0 end), sum(case when j.status = 'completed' then m.sign else 0 end)
     from (${left}) as m join marketplace_import_jobs as j on j.store_id = m.store_id
     group by 1, 2 having sum(m.sign) <> 0 order by 1, 2
     on conflict (platform_id, day) do update set ${addDaily('t.')};
  insert into marketplace_platform_totals as t (platform_id, staged_products)
     select m.platform_id, sum(m.sign * s.staged_products)
     from (${left}) as m join marketplace_store_totals as s on s.store_id = m.store_id
     group by 1 having sum(m.sign * s.staged_products) <> 0 order by 1
     on conflict (platform_id) do update set ${addStaged('t.')};
  delete from marketplace_platform_daily_totals as t where t.jobs = 0 and t.platform_id in (select platform_id from old_rows where is_active);
  delete from marketplace_platform_totals as t where t.staged_products = 0 and t.platform_id in (select platform_id from old_rows where is_active);`,
    ),
  ];
}

/**
 * Before a store row is deleted: its memberships are locked (a concurrent activation or
 * deactivation commits first and is seen), then its jobs and staged products leave each platform it
 * is actively on.
 */
const postgresStoreFunction = `create function marketplace_platform_on_store_delete() returns trigger language plpgsql as $marketplace$
begin
  perform 1 from store_platforms where store_id = old.id order by id for update;
  insert into marketplace_platform_daily_totals as t (platform_id, day, jobs, failed, completed)
     select sp.platform_id, date_trunc('day', j.created_at, 'UTC'), -count(*),
       -count(*) filter (where j.status = 'failed'), -count(*) filter (where j.status = 'completed')
     from store_platforms as sp join marketplace_import_jobs as j on j.store_id = sp.store_id
     where sp.store_id = old.id and sp.is_active
     group by 1, 2 order by 1, 2
     on conflict (platform_id, day) do update set ${addDaily('t.')};
  insert into marketplace_platform_totals as t (platform_id, staged_products)
     select sp.platform_id, -s.staged_products
     from store_platforms as sp join marketplace_store_totals as s on s.store_id = sp.store_id
     where sp.store_id = old.id and sp.is_active
     order by 1
     on conflict (platform_id) do update set ${addStaged('t.')};
  delete from marketplace_platform_daily_totals where jobs = 0
     and platform_id in (select platform_id from store_platforms where store_id = old.id and is_active);
  delete from marketplace_platform_totals where staged_products = 0
     and platform_id in (select platform_id from store_platforms where store_id = old.id and is_active);
  return old;
end
$marketplace$`;

// ---- SQLite

const sqliteDay = (row: string) => `substr(${row}.created_at, 1, 10) || 'T00:00:00.000Z'`;

/**
 * The jobs', staged products' and memberships' delete triggers of `marketplace_004`, dropped and
 * created again; with `skipDeletedStores` false, as `marketplace_004` wrote them.
 */
function sqliteTriggers(skipDeletedStores: boolean): string[] {
  const when = (condition?: string) => {
    const conditions = [condition, skipDeletedStores ? storeExists('old.store_id') : undefined].filter(Boolean);
    return conditions.length > 0 ? `when ${conditions.join(' and ')} ` : '';
  };
  const memberships = `from store_platforms as sp where sp.store_id = old.store_id and sp.is_active`;
  const staged = `${memberships} and old.status = 'staged'`;
  return [
    'drop trigger if exists marketplace_platform_jobs_delete',
    `create trigger marketplace_platform_jobs_delete after delete on marketplace_import_jobs for each row ${when()}begin
  insert into marketplace_platform_daily_totals (platform_id, day, jobs, failed, completed)
     select sp.platform_id, ${sqliteDay('old')}, -1, case when old.status = 'failed' then -1 else 0 end,
       case when old.status = 'completed' then -1 else 0 end ${memberships}
     on conflict (platform_id, day) do update set ${addDaily('')};
  delete from marketplace_platform_daily_totals where platform_id in (select sp.platform_id ${memberships})
     and day = ${sqliteDay('old')} and jobs = 0;
end`,
    'drop trigger if exists marketplace_platform_staged_delete',
    `create trigger marketplace_platform_staged_delete after delete on marketplace_products for each row ${when()}begin
  insert into marketplace_platform_totals (platform_id, staged_products) select sp.platform_id, -1 ${staged}
     on conflict (platform_id) do update set ${addStaged('')};
  delete from marketplace_platform_totals where platform_id in (select sp.platform_id ${staged}) and staged_products = 0;
end`,
    'drop trigger if exists marketplace_platform_membership_delete',
    `create trigger marketplace_platform_membership_delete after delete on store_platforms for each row ${when('old.is_active')}begin
  insert into marketplace_platform_daily_totals (platform_id, day, jobs, failed, completed)
     select old.platform_id, ${sqliteDay('j')}, -1 * count(*), -1 * count(*) filter (where j.status = 'failed'),
       -1 * count(*) filter (where j.status = 'completed')
     from marketplace_import_jobs as j where j.store_id = old.store_id group by 2
     on conflict (platform_id, day) do update set ${addDaily('')};
  insert into marketplace_platform_totals (platform_id, staged_products)
     select old.platform_id, -1 * staged_products from marketplace_store_totals where store_id = old.store_id
     on conflict (platform_id) do update set ${addStaged('')};
  delete from marketplace_platform_daily_totals where platform_id = old.platform_id and jobs = 0;
  delete from marketplace_platform_totals where platform_id = old.platform_id and staged_products = 0;
end`,
  ];
}

/** Before a store row is deleted, its jobs and staged products leave each platform it is actively on. */
const sqliteStoreTrigger = `create trigger marketplace_platform_store_delete before delete on stores for each row begin
  insert into marketplace_platform_daily_totals (platform_id, day, jobs, failed, completed)
     select sp.platform_id, ${sqliteDay('j')}, -count(*), -count(*) filter (where j.status = 'failed'),
       -count(*) filter (where j.status = 'completed')
     from store_platforms as sp join marketplace_import_jobs as j on j.store_id = sp.store_id
     where sp.store_id = old.id and sp.is_active
     group by 1, 2
     on conflict (platform_id, day) do update set ${addDaily('')};
  insert into marketplace_platform_totals (platform_id, staged_products)
     select sp.platform_id, -s.staged_products
     from store_platforms as sp join marketplace_store_totals as s on s.store_id = sp.store_id
     where sp.store_id = old.id and sp.is_active
     on conflict (platform_id) do update set ${addStaged('')};
  delete from marketplace_platform_daily_totals where jobs = 0
     and platform_id in (select platform_id from store_platforms where store_id = old.id and is_active);
  delete from marketplace_platform_totals where staged_products = 0
     and platform_id in (select platform_id from store_platforms where store_id = old.id and is_active);
end`;
