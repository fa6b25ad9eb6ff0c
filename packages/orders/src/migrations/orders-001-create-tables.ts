import { sql, type Kysely, type Migration } from 'kysely';
import { columnTypes } from '@orion/contracts';

/**
 * `orders_001_create_tables`: `orders` and `order_items`, with their foreign keys, check
 * constraints, the per-store unique order number and the indexes the orders metrics use.
 *
 * Frozen in time: it takes `Kysely<any>` and never imports the module's current types or
 * constants. Change the schema with a new migration, never by editing this one.
 *
 * @example
 * ```ts
 * import { Migrator } from 'kysely';
 * import { ordersModule } from '@orion/orders';
 * const migrator = new Migrator({ db, provider: { getMigrations: async () => ordersModule.migrations } });
 * await migrator.migrateToLatest();
 * ```
 */
export const orders001CreateTables: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    const t = columnTypes(db);

    await db.schema
      .createTable('orders')
      .addColumn('id', 'integer', t.id)
      // Restricting: a store's orders are records to keep, not something to lose with the store.
      .addColumn('store_id', 'integer', (c) => c.notNull().references('stores.id'))
      .addColumn('order_number', 'varchar(64)', (c) => c.notNull())
      .addColumn('customer_email', 'varchar(320)', (c) => c.notNull())
      .addColumn('status', 'varchar(16)', (c) => c.notNull())
      .addColumn('currency', 'char(3)', (c) => c.notNull())
      .addColumn('total_amount', 'bigint', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addUniqueConstraint('orders_store_order_number_unique', ['store_id', 'order_number'])
      .addCheckConstraint(
        'orders_status_check',
        sql`status in ('pending', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded')`,
      )
      .addCheckConstraint('orders_currency_check', sql`length(currency) = 3 and upper(currency) = currency`)
      .addCheckConstraint('orders_total_amount_check', sql`total_amount >= 0`)
      .execute();
    // The dashboards' index. Store metrics are range scans of (store_id, created_at); platform
    // metrics one such scan per store of the platform. Carrying status, currency and
    // total_amount makes every metric an index-only scan. It also serves a store's order list.
    await db.schema
      .createIndex('orders_store_created_idx')
      .on('orders')
      .columns(['store_id', 'created_at', 'status', 'currency', 'total_amount'])
      .execute();

    await db.schema
      .createTable('order_items')
      .addColumn('id', 'integer', t.id)
      .addColumn('order_id', 'integer', (c) => c.notNull().references('orders.id').onDelete('cascade'))
      .addColumn('sku', 'varchar(64)', (c) => c.notNull())
      .addColumn('quantity', 'integer', (c) => c.notNull())
      .addColumn('unit_price', 'bigint', (c) => c.notNull())
      .addCheckConstraint('order_items_quantity_check', sql`quantity > 0`)
      .addCheckConstraint('order_items_unit_price_check', sql`unit_price >= 0`)
      .execute();
    // An order's items.
    await db.schema.createIndex('order_items_order_id_idx').on('order_items').columns(['order_id']).execute();
  },

  async down(db: Kysely<any>): Promise<void> {
    for (const table of ['order_items', 'orders']) {
      await db.schema.dropTable(table).ifExists().execute();
    }
  },
};
