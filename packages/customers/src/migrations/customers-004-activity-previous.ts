import { sql, type Kysely, type Migration } from 'kysely';
import { columnTypes, sqlDialectOf } from '@orion/contracts';

/**
 * `customers_004_activity_previous`: each `customer_order_activity` row also holds
 * `previous_placed_at`, the customer's order just before it (by `placed_at`, then id; `null` for the
 * first). A customer is active in `[from, to)` exactly once through the row of its first order in
 * the window, the one whose previous order is before `from` (or none), so `customers.active` is a
 * `count(*)` over an index range, `(store_id, placed_at, previous_placed_at)`, with no distinct.
 *
 * The database keeps the column: triggers recompute the previous order of every row of each customer
 * a statement touched (an insert, a changed time or customer, a delete, `COPY` on PostgreSQL), in
 * the same transaction. PostgreSQL: statement-level triggers with transition tables, which lock the
 * touched customers' rows first (`for no key update`) so concurrent orders of one customer take
 * turns; SQLite: row-level triggers. The migration fills the column for the rows already there.
 *
 * Frozen in time: never edit it, add a migration.
 *
 * @example
 * ```ts
 * import { customersModule } from '@orion/customers';
 *
 * await customersModule.migrations.customers_004_activity_previous!.up(db);
 * ```
 */
export const customers004ActivityPrevious: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    const t = columnTypes(db);
    await db.schema.alterTable('customer_order_activity').addColumn('previous_placed_at', t.timestamp).execute();
    // the previous order of a customer's row, found from (customer_id, placed_at, id)
    await db.schema
      .createIndex('customer_order_activity_customer_placed_idx')
      .on('customer_order_activity')
      .columns(['customer_id', 'placed_at', 'id'])
      .execute();
    await db.schema.dropIndex('customer_order_activity_customer_idx').execute();
    // replaced by the index below: nothing else reads it
    await db.schema.dropIndex('customer_order_activity_store_placed_idx').execute();
    // customers.active: the rows of a window whose previous order is before it, from the index alone
    await db.schema
      .createIndex('customer_order_activity_store_placed_previous_idx')
      .on('customer_order_activity')
      .columns(['store_id', 'placed_at', 'previous_placed_at'])
      .execute();
    await sql`
      update customer_order_activity set previous_placed_at = x.previous
      from (
        select id, lag(placed_at) over (partition by customer_id order by placed_at, id) as previous
        from customer_order_activity
      ) as x
      where customer_order_activity.id = x.id`.execute(db);
    if (sqlDialectOf(db) === 'postgres') await createPostgresTriggers(db);
    else await createSqliteTriggers(db);
  },

  async down(db: Kysely<any>): Promise<void> {
    if (sqlDialectOf(db) === 'postgres') {
      await sql`drop trigger if exists customers_activity_previous_before_insert on customer_order_activity`.execute(
        db,
      );
      await sql`drop function if exists customers_activity_previous_before_insert()`.execute(db);
    }
    for (const event of ['insert', 'update', 'delete']) {
      if (sqlDialectOf(db) === 'postgres') {
        await sql
          .raw(`drop trigger if exists customers_activity_previous_${event} on customer_order_activity`)
          .execute(db);
        await sql.raw(`drop function if exists customers_activity_previous_${event}()`).execute(db);
      } else {
        await sql.raw(`drop trigger if exists customers_activity_previous_${event}`).execute(db);
      }
    }
    await db.schema.dropIndex('customer_order_activity_store_placed_previous_idx').execute();
    await db.schema
      .createIndex('customer_order_activity_store_placed_idx')
      .on('customer_order_activity')
      .columns(['store_id', 'placed_at', 'customer_id'])
      .execute();
    await db.schema
      .createIndex('customer_order_activity_customer_idx')
      .on('customer_order_activity')
      .columns(['customer_id'])
      .execute();
    await db.schema.dropIndex('customer_order_activity_customer_placed_idx').execute();
    await db.schema.alterTable('customer_order_activity').dropColumn('previous_placed_at').execute();
  },
};

/** Sets `previous_placed_at` of every row of the customers `customers` selects, where it changes. */
const recompute = (customers: string) => `
  update customer_order_activity a set previous_placed_at = x.previous
  from (
    select id, lag(placed_at) over (partition by customer_id order by placed_at, id) as previous
    from customer_order_activity where customer_id in (${customers})
  ) as x
  where a.id = x.id and a.previous_placed_at is distinct from x.previous;`;

async function createPostgresTriggers(db: Kysely<any>): Promise<void> {
  // An order inserted after the customer's others (the usual case) gets its previous order before
  // it is written, so the statement trigger below finds nothing to change: no second write of the
  // row, and index-only reads stay index-only.
  await sql`
    create function customers_activity_previous_before_insert() returns trigger language plpgsql as $fn$
    begin
      new.previous_placed_at := (
        select p.placed_at from customer_order_activity p
        where p.customer_id = new.customer_id
          and (p.placed_at < new.placed_at or (p.placed_at = new.placed_at and p.id < new.id))
        order by p.placed_at desc, p.id desc limit 1);
      return new;
    end
    $fn$`.execute(db);
  await sql`
    create trigger customers_activity_previous_before_insert before insert on customer_order_activity
    for each row execute function customers_activity_previous_before_insert()`.execute(db);
  const events = [
    { event: 'insert', referencing: 'new table as new_rows', customers: 'select customer_id from new_rows' },
    {
      event: 'update',
      referencing: 'old table as old_rows new table as new_rows',
      customers: `select n.customer_id from new_rows n join old_rows o on o.id = n.id
        where (n.customer_id, n.placed_at, n.previous_placed_at) is distinct from (o.customer_id, o.placed_at, o.previous_placed_at)
        union select o.customer_id from new_rows n join old_rows o on o.id = n.id
        where (n.customer_id, n.placed_at, n.previous_placed_at) is distinct from (o.customer_id, o.placed_at, o.previous_placed_at)`,
    },
    { event: 'delete', referencing: 'old table as old_rows', customers: 'select customer_id from old_rows' },
  ];
  for (const { event, referencing, customers } of events) {
    // The trigger's own update of previous_placed_at fires the update trigger again: nested calls
    // (pg_trigger_depth() > 1) have nothing to do.
    await sql
      .raw(
        `create function customers_activity_previous_${event}() returns trigger language plpgsql as $fn$
        begin
          if pg_trigger_depth() > 1 then return null; end if;
          perform 1 from customers where id in (${customers}) order by id for no key update;
          ${recompute(customers)}
          return null;
        end
        $fn$`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger customers_activity_previous_${event} after ${event} on customer_order_activity
        referencing ${referencing} for each statement execute function customers_activity_previous_${event}()`,
      )
      .execute(db);
  }
}

async function createSqliteTriggers(db: Kysely<any>): Promise<void> {
  // One customer's rows at a time (a customer has few orders), from (customer_id, placed_at, id).
  const refresh = (customer: string) => `
    update customer_order_activity set previous_placed_at = (
      select p.placed_at from customer_order_activity p
      where p.customer_id = customer_order_activity.customer_id
        and (p.placed_at < customer_order_activity.placed_at
             or (p.placed_at = customer_order_activity.placed_at and p.id < customer_order_activity.id))
      order by p.placed_at desc, p.id desc limit 1)
    where customer_id = ${customer};`;
  await sql
    .raw(
      `create trigger customers_activity_previous_insert after insert on customer_order_activity
      begin ${refresh('new.customer_id')} end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger customers_activity_previous_update after update of customer_id, placed_at, id on customer_order_activity
      begin ${refresh('old.customer_id')} ${refresh('new.customer_id')} end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger customers_activity_previous_delete after delete on customer_order_activity
      begin ${refresh('old.customer_id')} end`,
    )
    .execute(db);
}
