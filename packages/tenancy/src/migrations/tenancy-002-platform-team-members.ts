import { sql, type Kysely, type Migration } from 'kysely';
import { sqlDialectOf } from '@orion/contracts';

/**
 * `tenancy_002_platform_team_members`: the admin dashboard's distinct team members per platform,
 * kept by the database. A platform's figure does not add up from per-store rows (one user in two
 * of its stores counts once), so two tables hold it:
 *
 * - `tenancy_platform_team_members`: per platform and user, in how many of the platform's stores
 *   (with an active membership) the user has an active `store_users` row; a row exists while that
 *   number is above zero;
 * - `tenancy_platform_totals`: per platform, how many such users (a row exists while above zero).
 *
 * Triggers on `store_users` (a user joins, leaves, is activated or deactivated, moves) and on
 * `store_platforms` (a membership is added, activated, deactivated or deleted: the store's active
 * users move in or out of the platform) change both tables in the same transaction, whatever wrote
 * the row: the services, plain SQL or `COPY`. PostgreSQL: statement-level triggers with transition
 * tables; they lock the touched stores' rows first (`for no key update`), so a team change and a
 * membership change of one store take turns and the second sees the first. SQLite: row-level
 * triggers. The migration fills both tables from the rows already there.
 *
 * Frozen in time: never edit it, add a migration.
 *
 * @example
 * ```ts
 * import { tenancyModule } from '@orion/tenancy';
 *
 * await tenancyModule.migrations.tenancy_002_platform_team_members!.up(db);
 * ```
 */
export const tenancy002PlatformTeamMembers: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('tenancy_platform_team_members')
      .addColumn('platform_id', 'integer', (c) => c.notNull())
      .addColumn('user_id', 'integer', (c) => c.notNull())
      .addColumn('stores', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('tenancy_platform_team_members_pk', ['platform_id', 'user_id'])
      .execute();
    // The rows a change just brought to zero, for the triggers' `delete … where stores = 0`: a
    // nearly empty index, so the delete costs nothing however many members a platform has.
    await sql`create index tenancy_platform_team_members_zero_idx on tenancy_platform_team_members (platform_id)
      where stores = 0`.execute(db);
    await db.schema
      .createTable('tenancy_platform_totals')
      .addColumn('platform_id', 'integer', (c) => c.primaryKey())
      .addColumn('team_members', 'integer', (c) => c.notNull())
      .execute();
    await sql`
      insert into tenancy_platform_team_members (platform_id, user_id, stores)
      select sp.platform_id, su.user_id, count(*)
      from store_platforms sp join store_users su on su.store_id = sp.store_id and su.is_active
      where sp.is_active
      group by sp.platform_id, su.user_id`.execute(db);
    await sql`
      insert into tenancy_platform_totals (platform_id, team_members)
      select platform_id, count(*) from tenancy_platform_team_members group by platform_id`.execute(db);
    if (sqlDialectOf(db) === 'postgres') await createPostgresTriggers(db);
    else await createSqliteTriggers(db);
  },

  async down(db: Kysely<any>): Promise<void> {
    const postgres = sqlDialectOf(db) === 'postgres';
    for (const table of ['store_users', 'store_platforms']) {
      for (const event of ['insert', 'update', 'delete']) {
        const name = `tenancy_team_members_${table}_${event}`;
        await sql.raw(`drop trigger if exists ${name}${postgres ? ` on ${table}` : ''}`).execute(db);
        if (postgres) await sql.raw(`drop function if exists ${name}()`).execute(db);
      }
    }
    await db.schema.dropTable('tenancy_platform_totals').ifExists().execute();
    await db.schema.dropTable('tenancy_platform_team_members').ifExists().execute();
  },
};

/**
 * PostgreSQL: the statement's changes as `(platform_id, user_id, change)` rows (`delta`), added to
 * `tenancy_platform_team_members`; the rows that crossed zero change the platform's total.
 * `returning` gives each row's value after the change (under its row lock), so the value before is
 * that minus the change: exact under concurrent writers.
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

/** The signed active rows of a transition table: `+1` for `new_rows`, `-1` for `old_rows`. */
const signed = (rows: 'new_rows' | 'old_rows', columns: string) =>
  `select ${columns}, ${rows === 'new_rows' ? 1 : -1} as sign from ${rows} where is_active`;

async function createPostgresTriggers(db: Kysely<any>): Promise<void> {
  const events = [
    { event: 'insert', referencing: 'new table as new_rows', tables: ['new_rows'] as const },
    {
      event: 'update',
      referencing: 'old table as old_rows new table as new_rows',
      tables: ['new_rows', 'old_rows'] as const,
    },
    { event: 'delete', referencing: 'old table as old_rows', tables: ['old_rows'] as const },
  ];
  for (const { event, referencing, tables } of events) {
    const storesOf = tables.map((rows) => `select store_id from ${rows}`).join(' union ');
    // a team row counts in every platform its store is actively on
    const teamDelta = `
      select sp.platform_id, c.user_id, sum(c.sign) as change
      from (${tables.map((rows) => signed(rows, 'store_id, user_id')).join(' union all ')}) as c
      join store_platforms sp on sp.store_id = c.store_id and sp.is_active
      group by sp.platform_id, c.user_id having sum(c.sign) <> 0`;
    // a membership counts every active team row of its store
    const membershipDelta = `
      select c.platform_id, su.user_id, sum(c.sign) as change
      from (${tables.map((rows) => signed(rows, 'store_id, platform_id')).join(' union all ')}) as c
      join store_users su on su.store_id = c.store_id and su.is_active
      group by c.platform_id, su.user_id having sum(c.sign) <> 0`;
    for (const [table, delta] of [
      ['store_users', teamDelta],
      ['store_platforms', membershipDelta],
    ] as const) {
      const name = `tenancy_team_members_${table}_${event}`;
      await sql
        .raw(
          `create function ${name}() returns trigger language plpgsql as $fn$
          begin
            ${applyDelta(delta, storesOf)}
            return null;
          end
          $fn$`,
        )
        .execute(db);
      await sql
        .raw(
          `create trigger ${name} after ${event} on ${table}
          referencing ${referencing} for each statement execute function ${name}()`,
        )
        .execute(db);
    }
  }
}

/**
 * SQLite: one `(platform, user)` pair set at a time. `pairs` selects `(platform_id, user_id)` of
 * the pairs the row adds (`sign` 1) or removes (`sign` -1), one per platform and user.
 */
function applyPairs(pairs: string, sign: 1 | -1): string {
  const member = (p: string) =>
    `(select stores from tenancy_platform_team_members m where m.platform_id = ${p}.platform_id and m.user_id = ${p}.user_id)`;
  if (sign === 1) {
    return `
      insert into tenancy_platform_totals (platform_id, team_members)
        select distinct platform_id, 0 from (${pairs}) as p
        where not exists (select 1 from tenancy_platform_totals t where t.platform_id = p.platform_id);
      update tenancy_platform_totals set team_members = team_members + (
        select count(*) from (${pairs}) as p
        where p.platform_id = tenancy_platform_totals.platform_id and coalesce(${member('p')}, 0) = 0)
      where platform_id in (select platform_id from (${pairs}));
      insert into tenancy_platform_team_members (platform_id, user_id, stores)
        select platform_id, user_id, 0 from (${pairs}) as p where ${member('p')} is null;
      update tenancy_platform_team_members set stores = stores + 1
      where (platform_id, user_id) in (select platform_id, user_id from (${pairs}));`;
  }
  return `
    update tenancy_platform_team_members set stores = stores - 1
    where (platform_id, user_id) in (select platform_id, user_id from (${pairs}));
    update tenancy_platform_totals set team_members = team_members - (
      select count(*) from (${pairs}) as p
      where p.platform_id = tenancy_platform_totals.platform_id and ${member('p')} = 0)
    where platform_id in (select platform_id from (${pairs}));
    delete from tenancy_platform_team_members where stores = 0;
    delete from tenancy_platform_totals where team_members = 0;`;
}

async function createSqliteTriggers(db: Kysely<any>): Promise<void> {
  // a team row: its user in each platform its store is actively on
  const teamPairs = (row: 'new' | 'old') => `
    select sp.platform_id, ${row}.user_id as user_id from store_platforms sp
    where sp.store_id = ${row}.store_id and sp.is_active and ${row}.is_active`;
  // a membership: each active user of its store in its platform
  const membershipPairs = (row: 'new' | 'old') => `
    select ${row}.platform_id as platform_id, su.user_id from store_users su
    where su.store_id = ${row}.store_id and su.is_active and ${row}.is_active`;
  for (const [table, pairs, columns] of [
    ['store_users', teamPairs, 'store_id, user_id, is_active'],
    ['store_platforms', membershipPairs, 'store_id, platform_id, is_active'],
  ] as const) {
    const prefix = `tenancy_team_members_${table}`;
    await sql
      .raw(`create trigger ${prefix}_insert after insert on ${table} begin ${applyPairs(pairs('new'), 1)} end`)
      .execute(db);
    await sql
      .raw(
        `create trigger ${prefix}_update after update of ${columns} on ${table}
        begin ${applyPairs(pairs('old'), -1)} ${applyPairs(pairs('new'), 1)} end`,
      )
      .execute(db);
    await sql
      .raw(`create trigger ${prefix}_delete after delete on ${table} begin ${applyPairs(pairs('old'), -1)} end`)
      .execute(db);
  }
}
