import { sql, type Kysely, type Migration } from 'kysely';
import { sqlDialectOf } from '@orion/contracts';

/**
 * `marketplace_003_staged_totals`: `marketplace_store_totals`, one row per store with staged
 * products, holding how many, so the dashboards read one row per store instead of counting the
 * staged rows. The database keeps it: triggers on `marketplace_products` add each new staged row,
 * subtract each old one (a status change, a move, a delete, a job's cascade) and drop a store's row
 * at zero, whatever wrote the row (the import task, plain SQL, `COPY` on PostgreSQL), in its
 * transaction. PostgreSQL: statement-level triggers with transition tables; SQLite: row-level
 * triggers. The migration fills the table from the rows already there.
 *
 * Frozen in time: never edit it, add a migration.
 *
 * @example
 * ```ts
 * import { marketplaceModule } from '@orion/marketplace';
 *
 * await marketplaceModule.migrations.marketplace_003_staged_totals!.up(db);
 * ```
 */
export const marketplace003StagedTotals: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('marketplace_store_totals')
      .addColumn('store_id', 'integer', (c) => c.primaryKey().references('stores.id').onDelete('cascade'))
      .addColumn('staged_products', 'integer', (c) => c.notNull())
      .execute();
    await sql`
      insert into marketplace_store_totals (store_id, staged_products)
      select store_id, count(*) from marketplace_products where status = 'staged' group by store_id`.execute(db);
    if (sqlDialectOf(db) === 'postgres') await createPostgresTriggers(db);
    else await createSqliteTriggers(db);
  },

  async down(db: Kysely<any>): Promise<void> {
    for (const event of ['insert', 'update', 'delete']) {
      if (sqlDialectOf(db) === 'postgres') {
        await sql.raw(`drop trigger if exists marketplace_store_totals_${event} on marketplace_products`).execute(db);
        await sql.raw(`drop function if exists marketplace_store_totals_${event}()`).execute(db);
      } else {
        await sql.raw(`drop trigger if exists marketplace_store_totals_${event}`).execute(db);
      }
    }
    await db.schema.dropTable('marketplace_store_totals').ifExists().execute();
  },
};

async function createPostgresTriggers(db: Kysely<any>): Promise<void> {
  const staged = (rows: string, sign: 1 | -1) => `select store_id, ${sign} as n from ${rows} where status = 'staged'`;
  const events = [
    { event: 'insert', referencing: 'new table as new_rows', changes: [staged('new_rows', 1)] },
    {
      event: 'update',
      referencing: 'old table as old_rows new table as new_rows',
      changes: [staged('new_rows', 1), staged('old_rows', -1)],
    },
    { event: 'delete', referencing: 'old table as old_rows', changes: [staged('old_rows', -1)] },
  ];
  for (const { event, referencing, changes } of events) {
    // Stores in ascending order so concurrent writers lock totals rows in one order; rows of a store
    // deleted by the same statement (a cascade from `stores`) are skipped: its row goes with it.
    const prune =
      event === 'insert'
        ? ''
        : `delete from marketplace_store_totals where staged_products = 0
           and store_id in (select store_id from old_rows);`;
    await sql
      .raw(
        `create function marketplace_store_totals_${event}() returns trigger language plpgsql as $fn$
        begin
          insert into marketplace_store_totals as t (store_id, staged_products)
          select store_id, sum(n) from (${changes.join(' union all ')}) as changes
          where store_id in (select id from stores)
          group by store_id having sum(n) <> 0 order by store_id
          on conflict (store_id) do update set staged_products = t.staged_products + excluded.staged_products;
          ${prune}
          return null;
        end
        $fn$`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger marketplace_store_totals_${event} after ${event} on marketplace_products
        referencing ${referencing} for each statement execute function marketplace_store_totals_${event}()`,
      )
      .execute(db);
  }
}

async function createSqliteTriggers(db: Kysely<any>): Promise<void> {
  // One row at a time, only for a staged row (not `insert or ignore`: an outer `on conflict` would
  // override the trigger's conflict clause).
  const apply = (row: 'new' | 'old', sign: 1 | -1) => `
    insert into marketplace_store_totals (store_id, staged_products)
      select ${row}.store_id, 0
      where ${row}.status = 'staged' and exists (select 1 from stores where id = ${row}.store_id)
        and not exists (select 1 from marketplace_store_totals where store_id = ${row}.store_id);
    update marketplace_store_totals set staged_products = staged_products + ${sign}
    where store_id = ${row}.store_id and ${row}.status = 'staged';
    delete from marketplace_store_totals where store_id = ${row}.store_id and staged_products = 0;`;
  await sql
    .raw(
      `create trigger marketplace_store_totals_insert after insert on marketplace_products begin ${apply('new', 1)} end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger marketplace_store_totals_update after update of store_id, status on marketplace_products
      begin ${apply('old', -1)} ${apply('new', 1)} end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger marketplace_store_totals_delete after delete on marketplace_products begin ${apply('old', -1)} end`,
    )
    .execute(db);
}
