import { sql, type Kysely, type Migration } from 'kysely';
import { sqlDialectOf } from '@orion/contracts';

/**
 * `tenancy_003_store_deletion`: a deleted store's team leaves its platforms' distinct team members
 * (`tenancy_002_platform_team_members`) exactly once on PostgreSQL.
 *
 * Deleting a store cascades into its `store_users` and its `store_platforms` memberships. On
 * PostgreSQL the statement triggers of cascaded deletes all run after every cascade of the
 * statement (a foreign key's cascade queues its triggers for the end of the outer statement), so the
 * team trigger found the memberships gone and the membership trigger found the team gone: the
 * store's users stayed counted in its platforms until `orion rebuild tenancy`. Now a `before delete`
 * row trigger on `stores` takes the store's active users out of each platform it is actively on,
 * while both are still there, and the two delete triggers skip the rows of a store that is gone.
 * A membership or team row deleted on its own, or by a platform's or user's deletion, is
 * subtracted as before. Only triggers change: the migration fills nothing.
 *
 * SQLite needs nothing: its row-level triggers run inside each cascade, one row at a time, so
 * whichever of the two cascades runs second finds the other side gone and the first one has
 * already subtracted the store; the migration does nothing there.
 *
 * `TRUNCATE` (PostgreSQL) runs no delete trigger: after truncating `store_users`,
 * `store_platforms`, `stores` or `users`, run `orion rebuild tenancy`.
 *
 * Frozen in time: never edit it, add a migration.
 *
 * @example
 * ```ts
 * import { tenancyModule } from '@orion/tenancy';
 *
 * await tenancyModule.migrations.tenancy_003_store_deletion!.up(db);
 * ```
 */
export const tenancy003StoreDeletion: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    if (sqlDialectOf(db) !== 'postgres') return;
    for (const statement of deleteFunctions(true)) await sql.raw(statement).execute(db);
    await sql.raw(storeFunction).execute(db);
    await sql
      .raw(
        `create trigger tenancy_team_members_stores_delete before delete on stores
         for each row execute function tenancy_team_members_stores_delete()`,
      )
      .execute(db);
  },

  async down(db: Kysely<any>): Promise<void> {
    if (sqlDialectOf(db) !== 'postgres') return;
    await sql`drop trigger if exists tenancy_team_members_stores_delete on stores`.execute(db);
    await sql`drop function if exists tenancy_team_members_stores_delete()`.execute(db);
    // the delete functions as tenancy_002 made them
    for (const statement of deleteFunctions(false)) await sql.raw(statement).execute(db);
  },
};

/**
 * The statement's changes as `(platform_id, user_id, change)` rows (`delta`), added to
 * `tenancy_platform_team_members`; the rows that crossed zero change the platform's total. The
 * stores `stores` are locked first, as `tenancy_002` does.
 */
function applyDelta(delta: string, stores: string): string {
  return `
    perform 1 from stores where id in (${stores}) order by id for no key update;
    with delta as (${delta}),
    applied as (
      insert into tenancy_platform_team_members as m (platform_id, user_id, stores)
      select platform_id, user_id, change from delta order by platform_id, user_id
      on conflict (platform_id, user_id) do update set stores = m.stores + excluded.stores
      returning m.platform_id, m.user_id, m.stores
    ),
    crossed as (
      select a.platform_id,
             sum(case when a.stores > 0 and a.stores - d.change <= 0 then 1
                      when a.stores <= 0 and a.stores - d.change > 0 then -1 else 0 end) as change
      from applied a join delta d on d.platform_id = a.platform_id and d.user_id = a.user_id
      group by a.platform_id
    )
    insert into tenancy_platform_totals as t (platform_id, team_members)
    select platform_id, change from crossed where change <> 0 order by platform_id
    on conflict (platform_id) do update set team_members = t.team_members + excluded.team_members;
    delete from tenancy_platform_team_members where stores = 0;
    delete from tenancy_platform_totals where team_members = 0;`;
}

/**
 * The delete functions of `store_users` and `store_platforms` from `tenancy_002`, replaced in place
 * (their triggers stay); with `skipDeletedStores` false, as `tenancy_002` wrote them.
 */
function deleteFunctions(skipDeletedStores: boolean): string[] {
  const existing = skipDeletedStores ? ' and store_id in (select id from stores)' : '';
  const teamDelta = `
      select sp.platform_id, c.user_id, sum(c.sign) as change
      from (select store_id, user_id, -1 as sign from old_rows where is_active${existing}) as c
      join store_platforms sp on sp.store_id = c.store_id and sp.is_active
      group by sp.platform_id, c.user_id having sum(c.sign) <> 0`;
  const membershipDelta = `
      select c.platform_id, su.user_id, sum(c.sign) as change
      from (select store_id, platform_id, -1 as sign from old_rows where is_active${existing}) as c
      join store_users su on su.store_id = c.store_id and su.is_active
      group by c.platform_id, su.user_id having sum(c.sign) <> 0`;
  return [
    ['store_users', teamDelta],
    ['store_platforms', membershipDelta],
  ].map(
    ([
      table,
      delta,
    ]) => `create or replace function tenancy_team_members_${table}_delete() returns trigger language plpgsql as $fn$
          begin
            ${applyDelta(delta!, 'select store_id from old_rows')}
            return null;
          end
          $fn$`,
  );
}

/** Before a store row is deleted, its active users leave each platform it is actively on. */
const storeFunction = `create function tenancy_team_members_stores_delete() returns trigger language plpgsql as $fn$
  begin
    ${applyDelta(
      `select sp.platform_id, su.user_id, -count(*) as change
       from store_platforms sp join store_users su on su.store_id = sp.store_id and su.is_active
       where sp.store_id = old.id and sp.is_active
       group by sp.platform_id, su.user_id`,
      'select old.id',
    )}
    return old;
  end
  $fn$`;
