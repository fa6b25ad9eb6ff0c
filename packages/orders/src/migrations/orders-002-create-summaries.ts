import { sql, type Kysely, type Migration } from 'kysely';
import { columnTypes } from '@orion/contracts';

/**
 * `orders_002_create_summaries`: the summary rows the dashboards read instead of every order.
 *
 * - `orders_daily_totals`, one row per (store, UTC day, currency) that has orders: how many,
 *   how many cancelled, how many earn revenue (neither cancelled nor refunded) and their total.
 * - `orders_store_totals`, one row per store that has orders: how many, all time.
 *
 * `OrdersService` keeps both in the same transaction as the order it writes; the migration fills
 * them from the orders already there. Frozen in time: never edit it, add a migration.
 *
 * @example
 * ```ts
 * import { ordersModule } from '@orion/orders';
 *
 * await ordersModule.migrations.orders_002_create_summaries!.up(db);
 * ```
 */
export const orders002CreateSummaries: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    const t = columnTypes(db);
    const postgres = t.dialect === 'postgres';

    // The key is the dashboards' range: a store's (or each platform store's) days in a window.
    // On SQLite `without rowid` stores the rows in key order, so that range reads no other page.
    await db.schema
      .createTable('orders_daily_totals')
      .addColumn('store_id', 'integer', (c) => c.notNull().references('stores.id'))
      .addColumn('day', t.timestamp, (c) => c.notNull())
      .addColumn('currency', 'char(3)', (c) => c.notNull())
      .addColumn('orders', 'bigint', (c) => c.notNull())
      .addColumn('cancelled', 'bigint', (c) => c.notNull())
      .addColumn('revenue_orders', 'bigint', (c) => c.notNull())
      .addColumn('revenue_minor', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('orders_daily_totals_pk', ['store_id', 'day', 'currency'])
      .$call((table) => (postgres ? table : table.modifyEnd(sql`without rowid`)))
      .execute();
    await db.schema
      .createTable('orders_store_totals')
      .addColumn('store_id', 'integer', (c) => c.primaryKey().references('stores.id'))
      .addColumn('orders', 'bigint', (c) => c.notNull())
      .execute();

    const day = postgres
      ? sql`date_trunc('day', created_at, 'UTC')`
      : sql`substr(created_at, 1, 10) || 'T00:00:00.000Z'`;
    await sql`
      insert into orders_daily_totals (store_id, day, currency, orders, cancelled, revenue_orders, revenue_minor)
      select store_id, ${day}, currency, count(*),
             count(*) filter (where status = 'cancelled'),
             count(*) filter (where status not in ('cancelled', 'refunded')),
             coalesce(sum(total_amount) filter (where status not in ('cancelled', 'refunded')), 0)
      from orders group by store_id, ${day}, currency`.execute(db);
    await sql`insert into orders_store_totals (store_id, orders) select store_id, count(*) from orders group by store_id`.execute(
      db,
    );
  },

  async down(db: Kysely<any>): Promise<void> {
    for (const table of ['orders_store_totals', 'orders_daily_totals']) {
      await db.schema.dropTable(table).ifExists().execute();
    }
  },
};
