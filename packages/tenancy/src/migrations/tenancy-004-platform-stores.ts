import { sql, type Kysely, type Migration } from 'kysely';
import { sqlDialectOf } from '@orion/contracts';

/**
 * `tenancy_004_platform_stores`: the admin dashboard's stores, active stores and distinct merchants
 * per platform, kept by the database, so the read is one primary-key row however many stores a
 * platform has. A platform's merchants do not add up from per-store rows (one merchant with two of
 * its stores counts once), so two tables hold the figures:
 *
 * - `tenancy_platform_merchants`: per platform and merchant, how many of the merchant's stores have
 *   an active membership in the platform; a row exists while that number is above zero;
 * - `tenancy_platform_stores`: per platform, its stores (active memberships), how many of them are
 *   active (`stores.is_active`) and its distinct merchants (rows of `tenancy_platform_merchants`); a
 *   row exists while the platform has a store.
 *
 * Triggers on `store_platforms` (a membership is added, activated, deactivated, moved or deleted)
 * and on `stores` (activated or deactivated, moved to another merchant) change both tables in the
 * same transaction, whatever wrote the row: the services, plain SQL or `COPY`. A deleted store leaves
 * its platforms by a `before delete` trigger on `stores`, while its memberships are still there;
 * the membership triggers count a membership through its store, so the cascaded deletes of a
 * deleted store's memberships find the store gone and subtract nothing (as `tenancy_003` does for
 * team members). PostgreSQL: statement-level triggers with transition tables; they lock the touched
 * stores' rows first (`for no key update`), so a store change and a membership change of one store
 * take turns and the second sees the first. SQLite: row-level triggers. The migration fills both
 * tables from the rows already there.
 *
 * `TRUNCATE` (PostgreSQL) runs no delete trigger: after truncating `store_platforms` or `stores`,
 * run `orion rebuild tenancy`.
 *
 * Frozen in time: never edit it, add a migration.
 *
 * @example
 * ```ts
 * import { tenancyModule } from '@orion/tenancy';
 *
 * await tenancyModule.migrations.tenancy_004_platform_stores!.up(db);
 * ```
 */
export const tenancy004PlatformStores: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('tenancy_platform_merchants')
      .addColumn('platform_id', 'integer', (c) => c.notNull())
      .addColumn('merchant_id', 'integer', (c) => c.notNull())
      .addColumn('stores', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('tenancy_platform_merchants_pk', ['platform_id', 'merchant_id'])
      .execute();
    // The rows a change just brought to zero, for the triggers' `delete … where stores = 0`.
    await sql`create index tenancy_platform_merchants_zero_idx on tenancy_platform_merchants (platform_id)
      where stores = 0`.execute(db);
    await db.schema
      .createTable('tenancy_platform_stores')
      .addColumn('platform_id', 'integer', (c) => c.primaryKey())
      .addColumn('stores', 'integer', (c) => c.notNull())
      .addColumn('active_stores', 'integer', (c) => c.notNull())
      .addColumn('merchants', 'integer', (c) => c.notNull())
      .execute();
    await sql`
      insert into tenancy_platform_merchants (platform_id, merchant_id, stores)
      select sp.platform_id, s.merchant_id, count(*)
      from store_platforms sp join stores s on s.id = sp.store_id
      where sp.is_active
      group by sp.platform_id, s.merchant_id`.execute(db);
    await sql`
      insert into tenancy_platform_stores (platform_id, stores, active_stores, merchants)
      select sp.platform_id, count(*), sum(case when s.is_active then 1 else 0 end), count(distinct s.merchant_id)
      from store_platforms sp join stores s on s.id = sp.store_id
      where sp.is_active
      group by sp.platform_id`.execute(db);
    if (sqlDialectOf(db) === 'postgres') await createPostgresTriggers(db);
    else await createSqliteTriggers(db);
  },

  async down(db: Kysely<any>): Promise<void> {
    const postgres = sqlDialectOf(db) === 'postgres';
    const triggers = [
      ['store_platforms', 'insert'],
      ['store_platforms', 'update'],
      ['store_platforms', 'delete'],
      ['stores', 'update'],
      ['stores', 'delete'],
    ];
    for (const [table, event] of triggers) {
      const name = `tenancy_platform_stores_${table}_${event}`;
      await sql.raw(`drop trigger if exists ${name}${postgres ? ` on ${table}` : ''}`).execute(db);
      if (postgres) await sql.raw(`drop function if exists ${name}()`).execute(db);
    }
    await db.schema.dropTable('tenancy_platform_stores').ifExists().execute();
    await db.schema.dropTable('tenancy_platform_merchants').ifExists().execute();
  },
};

/**
 * PostgreSQL: the statement's changes as `(platform_id, merchant_id, stores, active_stores)` rows
 * (`delta`): `stores` is added to `tenancy_platform_merchants`, and the platform's row of
 * `tenancy_platform_stores` gets the sums plus the merchant rows that crossed zero. `returning`
 * gives each merchant row's value after the change (under its row lock), so the value before is that
 * minus the change: exact under concurrent writers. The stores `stores` are locked first.
 */
function applyDelta(delta: string, stores: string): string {
  return `
    perform 1 from stores where id in (${stores}) order by id for no key update;
    with delta as (${delta}),
    applied as (
      insert into tenancy_platform_merchants as m (platform_id, merchant_id, stores)
      select platform_id, merchant_id, stores from delta where stores <> 0 order by platform_id, merchant_id
      on conflict (platform_id, merchant_id) do update set stores = m.stores + excluded.stores
      returning m.platform_id, m.merchant_id, m.stores
    ),
    crossed as (
      select a.platform_id,
             sum(case when a.stores > 0 and a.stores - d.stores <= 0 then 1
                      when a.stores <= 0 and a.stores - d.stores > 0 then -1 else 0 end) as merchants
      from applied a join delta d on d.platform_id = a.platform_id and d.merchant_id = a.merchant_id
      group by a.platform_id
    ),
    changes as (
      select platform_id, stores, active_stores, 0 as merchants from delta
      union all
      select platform_id, 0, 0, merchants from crossed
    )
    insert into tenancy_platform_stores as t (platform_id, stores, active_stores, merchants)
    select platform_id, sum(stores), sum(active_stores), sum(merchants) from changes
    group by platform_id
    having sum(stores) <> 0 or sum(active_stores) <> 0 or sum(merchants) <> 0
    order by platform_id
    on conflict (platform_id) do update set stores = t.stores + excluded.stores,
      active_stores = t.active_stores + excluded.active_stores, merchants = t.merchants + excluded.merchants;
    delete from tenancy_platform_merchants where stores = 0;
    delete from tenancy_platform_stores where stores = 0;`;
}

/** Sums a signed change into `(platform_id, merchant_id, stores, active_stores)` rows. */
const sums = (platform: string, merchant: string, isActive: string, sign: string) => `
  select ${platform} as platform_id, ${merchant} as merchant_id, sum(${sign}) as stores,
         sum(case when ${isActive} then ${sign} else 0 end) as active_stores`;
const nonZero = (isActive: string, sign: string) =>
  `having sum(${sign}) <> 0 or sum(case when ${isActive} then ${sign} else 0 end) <> 0`;

async function createPostgresTriggers(db: Kysely<any>): Promise<void> {
  const events = [
    { event: 'insert', referencing: 'new table as new_rows', tables: ['new_rows'] },
    {
      event: 'update',
      referencing: 'old table as old_rows new table as new_rows',
      tables: ['new_rows', 'old_rows'],
    },
    { event: 'delete', referencing: 'old table as old_rows', tables: ['old_rows'] },
  ];
  const signOf = (rows: string) => (rows === 'new_rows' ? 1 : -1);
  for (const { event, referencing, tables } of events) {
    // a membership counts its store, as the store is now; a deleted store's memberships find no
    // store (its `before delete` trigger subtracted them)
    const membershipDelta = `
      ${sums('c.platform_id', 's.merchant_id', 's.is_active', 'c.sign')}
      from (${tables.map((rows) => `select store_id, platform_id, ${signOf(rows)} as sign from ${rows} where is_active`).join(' union all ')}) as c
      join stores s on s.id = c.store_id
      group by c.platform_id, s.merchant_id ${nonZero('s.is_active', 'c.sign')}`;
    const name = `tenancy_platform_stores_store_platforms_${event}`;
    await createPostgresTrigger(db, name, 'store_platforms', `after ${event}`, referencing, membershipDelta, tables);
  }
  // a store's old and new state in each platform it is actively on (only `is_active` and
  // `merchant_id` change anything; PostgreSQL allows no column list with transition tables)
  const storeDelta = `
    ${sums('sp.platform_id', 'c.merchant_id', 'c.is_active', 'c.sign')}
    from (select id, merchant_id, is_active, -1 as sign from old_rows
          union all select id, merchant_id, is_active, 1 as sign from new_rows) as c
    join store_platforms sp on sp.store_id = c.id and sp.is_active
    group by sp.platform_id, c.merchant_id ${nonZero('c.is_active', 'c.sign')}`;
  await createPostgresTrigger(
    db,
    'tenancy_platform_stores_stores_update',
    'stores',
    'after update',
    'old table as old_rows new table as new_rows',
    storeDelta,
    ['old_rows', 'new_rows'],
  );
  // before a store row is deleted, it leaves each platform it is actively on
  await sql
    .raw(
      `create function tenancy_platform_stores_stores_delete() returns trigger language plpgsql as $fn$
      begin
        ${applyDelta(
          `select sp.platform_id, old.merchant_id as merchant_id, -1 as stores,
                  case when old.is_active then -1 else 0 end as active_stores
           from store_platforms sp where sp.store_id = old.id and sp.is_active`,
          'select old.id',
        )}
        return old;
      end
      $fn$`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger tenancy_platform_stores_stores_delete before delete on stores
       for each row execute function tenancy_platform_stores_stores_delete()`,
    )
    .execute(db);
}

async function createPostgresTrigger(
  db: Kysely<any>,
  name: string,
  table: string,
  timing: string,
  referencing: string,
  delta: string,
  tables: string[],
): Promise<void> {
  const idColumn = table === 'stores' ? 'id' : 'store_id';
  const storesOf = tables.map((rows) => `select ${idColumn} from ${rows}`).join(' union ');
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
      `create trigger ${name} ${timing} on ${table} referencing ${referencing} for each statement execute function ${name}()`,
    )
    .execute(db);
}

/**
 * SQLite: `rows` selects `(platform_id, merchant_id, is_active)` of the store places the row adds
 * (`sign` 1) or removes (`sign` -1): one per platform (a store has one membership per platform).
 */
function applyRows(rows: string, sign: 1 | -1): string {
  const merchant = (r: string) =>
    `(select stores from tenancy_platform_merchants m where m.platform_id = ${r}.platform_id and m.merchant_id = ${r}.merchant_id)`;
  const ofPlatform = 'r.platform_id = tenancy_platform_stores.platform_id';
  const stores = `(select count(*) from (${rows}) as r where ${ofPlatform})`;
  const active = `(select count(*) from (${rows}) as r where ${ofPlatform} and r.is_active)`;
  if (sign === 1) {
    return `
      insert into tenancy_platform_stores (platform_id, stores, active_stores, merchants)
        select distinct platform_id, 0, 0, 0 from (${rows}) as r
        where not exists (select 1 from tenancy_platform_stores t where t.platform_id = r.platform_id);
      update tenancy_platform_stores set stores = stores + ${stores}, active_stores = active_stores + ${active},
        merchants = merchants + (select count(*) from (${rows}) as r where ${ofPlatform} and coalesce(${merchant('r')}, 0) = 0)
      where platform_id in (select platform_id from (${rows}));
      insert into tenancy_platform_merchants (platform_id, merchant_id, stores)
        select platform_id, merchant_id, 0 from (${rows}) as r where ${merchant('r')} is null;
      update tenancy_platform_merchants set stores = stores + (select count(*) from (${rows}) as r
        where r.platform_id = tenancy_platform_merchants.platform_id and r.merchant_id = tenancy_platform_merchants.merchant_id)
      where (platform_id, merchant_id) in (select platform_id, merchant_id from (${rows}));`;
  }
  return `
    update tenancy_platform_merchants set stores = stores - (select count(*) from (${rows}) as r
      where r.platform_id = tenancy_platform_merchants.platform_id and r.merchant_id = tenancy_platform_merchants.merchant_id)
    where (platform_id, merchant_id) in (select platform_id, merchant_id from (${rows}));
    update tenancy_platform_stores set stores = stores - ${stores}, active_stores = active_stores - ${active},
      merchants = merchants - (select count(*) from (${rows}) as r where ${ofPlatform} and ${merchant('r')} = 0)
    where platform_id in (select platform_id from (${rows}));
    delete from tenancy_platform_merchants where stores = 0;
    delete from tenancy_platform_stores where stores = 0;`;
}

async function createSqliteTriggers(db: Kysely<any>): Promise<void> {
  // a membership: its store, as the store is now (none once the store is deleted)
  const membershipRows = (row: 'new' | 'old') => `
    select ${row}.platform_id as platform_id, s.merchant_id, s.is_active from stores s
    where s.id = ${row}.store_id and ${row}.is_active`;
  // a store: in each platform it is actively on
  const storeRows = (row: 'new' | 'old') => `
    select sp.platform_id, ${row}.merchant_id as merchant_id, ${row}.is_active as is_active from store_platforms sp
    where sp.store_id = ${row}.id and sp.is_active`;
  const prefix = 'tenancy_platform_stores';
  const statements = [
    `create trigger ${prefix}_store_platforms_insert after insert on store_platforms
     begin ${applyRows(membershipRows('new'), 1)} end`,
    `create trigger ${prefix}_store_platforms_update after update of store_id, platform_id, is_active on store_platforms
     begin ${applyRows(membershipRows('old'), -1)} ${applyRows(membershipRows('new'), 1)} end`,
    `create trigger ${prefix}_store_platforms_delete after delete on store_platforms
     begin ${applyRows(membershipRows('old'), -1)} end`,
    `create trigger ${prefix}_stores_update after update of merchant_id, is_active on stores
     when old.merchant_id is not new.merchant_id or old.is_active is not new.is_active
     begin ${applyRows(storeRows('old'), -1)} ${applyRows(storeRows('new'), 1)} end`,
    // before the row goes: its memberships are still there; their cascaded deletes find no store
    `create trigger ${prefix}_stores_delete before delete on stores
     begin ${applyRows(storeRows('old'), -1)} end`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
