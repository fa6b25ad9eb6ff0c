import { sql, type Kysely, type Migration } from 'kysely';
import { sqlDialectOf } from '@orion/contracts';

/**
 * `customers_003_store_totals`: `customers_store_totals`, one row per store with customers, holding
 * how many, so `customers.total` reads one row per store instead of counting the customers. The
 * database keeps it: triggers on `customers` add each new row, subtract each deleted one, move a
 * row that changes store, and drop a store's row at zero, whatever wrote it (the service, plain
 * SQL, `COPY` on PostgreSQL), in its transaction. PostgreSQL: statement-level triggers with
 * transition tables; SQLite: row-level triggers. The migration fills the table from the customers
 * already there.
 *
 * Frozen in time: never edit it, add a migration.
 *
 * @example
 * ```ts
 * import { customersModule } from '@orion/customers';
 *
 * await customersModule.migrations.customers_003_store_totals!.up(db);
 * ```
 */
export const customers003StoreTotals: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('customers_store_totals')
      .addColumn('store_id', 'integer', (c) => c.primaryKey().references('stores.id').onDelete('cascade'))
      .addColumn('customers', 'integer', (c) => c.notNull())
      .execute();
    await sql`
      insert into customers_store_totals (store_id, customers)
      select store_id, count(*) from customers group by store_id`.execute(db);
    if (sqlDialectOf(db) === 'postgres') await createPostgresTriggers(db);
    else await createSqliteTriggers(db);
  },

  async down(db: Kysely<any>): Promise<void> {
    for (const event of ['insert', 'update', 'delete']) {
      if (sqlDialectOf(db) === 'postgres') {
        await sql.raw(`drop trigger if exists customers_store_totals_${event} on customers`).execute(db);
        await sql.raw(`drop function if exists customers_store_totals_${event}()`).execute(db);
      } else {
        await sql.raw(`drop trigger if exists customers_store_totals_${event}`).execute(db);
      }
    }
    await db.schema.dropTable('customers_store_totals').ifExists().execute();
  },
};

async function createPostgresTriggers(db: Kysely<any>): Promise<void> {
  const rows = (table: string, sign: 1 | -1) => `select store_id, ${sign} as n from ${table}`;
  const events = [
    { event: 'insert', referencing: 'new table as new_rows', changes: [rows('new_rows', 1)] },
    {
      event: 'update',
      referencing: 'old table as old_rows new table as new_rows',
      changes: [rows('new_rows', 1), rows('old_rows', -1)],
    },
    { event: 'delete', referencing: 'old table as old_rows', changes: [rows('old_rows', -1)] },
  ];
  for (const { event, referencing, changes } of events) {
    // Stores in ascending order so concurrent writers lock totals rows in one order; rows of a store
    // deleted by the same statement (a cascade from `stores`) are skipped: its row goes with it.
    const prune =
      event === 'insert'
        ? ''
        : `delete from customers_store_totals where customers = 0 and store_id in (select store_id from old_rows);`;
    await sql
      .raw(
        `create function customers_store_totals_${event}() returns trigger language plpgsql as $fn$
        begin
          insert into customers_store_totals as t (store_id, customers)
          select store_id, sum(n) from (${changes.join(' union all ')}) as changes
          where store_id in (select id from stores)
          group by store_id having sum(n) <> 0 order by store_id
          on conflict (store_id) do update set customers = t.customers + excluded.customers;
          ${prune}
          return null;
        end
        $fn$`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger customers_store_totals_${event} after ${event} on customers
        referencing ${referencing} for each statement execute function customers_store_totals_${event}()`,
      )
      .execute(db);
  }
}

async function createSqliteTriggers(db: Kysely<any>): Promise<void> {
  // One row at a time (not `insert or ignore`: an outer `on conflict` would override the trigger's
  // conflict clause).
  const apply = (row: 'new' | 'old', sign: 1 | -1) => `
    insert into customers_store_totals (store_id, customers)
      select ${row}.store_id, 0
      where exists (select 1 from stores where id = ${row}.store_id)
        and not exists (select 1 from customers_store_totals where store_id = ${row}.store_id);
    update customers_store_totals set customers = customers + ${sign} where store_id = ${row}.store_id;
    delete from customers_store_totals where store_id = ${row}.store_id and customers = 0;`;
  await sql
    .raw(`create trigger customers_store_totals_insert after insert on customers begin ${apply('new', 1)} end`)
    .execute(db);
  await sql
    .raw(
      `create trigger customers_store_totals_update after update of store_id on customers
      begin ${apply('old', -1)} ${apply('new', 1)} end`,
    )
    .execute(db);
  await sql
    .raw(`create trigger customers_store_totals_delete after delete on customers begin ${apply('old', -1)} end`)
    .execute(db);
}
