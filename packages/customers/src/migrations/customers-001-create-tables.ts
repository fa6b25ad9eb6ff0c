import { columnTypes, sqlDialectOf } from '@orion/contracts';
import { sql, type Kysely, type Migration } from 'kysely';

/**
 * `customers_001_create_tables`: `customers` and `customer_order_activity` with their indexes.
 * Frozen in time: it takes `Kysely<any>` and never imports the module's current types.
 *
 * The searched text columns (`email`, `name_key`) compare byte-wise (`COLLATE "C"` on PostgreSQL,
 * SQLite's default `BINARY`), so a prefix is one contiguous range of their indexes.
 */
export const customers001CreateTables: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    const t = columnTypes(db);
    const byteWise = (type: string) =>
      sqlDialectOf(db) === 'postgres' ? sql.raw(`${type} collate "C"`) : sql.raw(type);
    await db.schema
      .createTable('customers')
      .addColumn('id', 'integer', t.id)
      .addColumn('store_id', 'integer', (c) => c.notNull().references('stores.id').onDelete('cascade'))
      .addColumn('email', byteWise('varchar(254)'), (c) => c.notNull())
      .addColumn('first_name', 'varchar(100)')
      .addColumn('last_name', 'varchar(100)')
      .addColumn('name_key', byteWise('varchar(201)'), (c) => c.notNull())
      .addColumn('phone', 'varchar(32)')
      .addColumn('locale', 'varchar(16)')
      .addColumn('is_active', t.boolean, (c) => c.notNull())
      .addColumn('first_order_at', t.timestamp)
      .addColumn('last_order_at', t.timestamp)
      .addColumn('orders_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addUniqueConstraint('customers_store_email_key', ['store_id', 'email'])
      .execute();
    // The list (newest first, keyset by id), the name search and the new-customers window.
    await db.schema.createIndex('customers_store_id_idx').on('customers').columns(['store_id', 'id']).execute();
    await db.schema.createIndex('customers_store_name_idx').on('customers').columns(['store_id', 'name_key']).execute();
    await db.schema
      .createIndex('customers_store_created_idx')
      .on('customers')
      .columns(['store_id', 'created_at'])
      .execute();

    await db.schema
      .createTable('customer_order_activity')
      .addColumn('id', 'integer', t.id)
      .addColumn('store_id', 'integer', (c) => c.notNull().references('stores.id').onDelete('cascade'))
      .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
      .addColumn('placed_at', t.timestamp, (c) => c.notNull())
      .execute();
    // Covers the active and returning counts: a range of (store_id, placed_at) read from the index alone.
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
  },
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropTable('customer_order_activity').execute();
    await db.schema.dropTable('customers').execute();
  },
};
