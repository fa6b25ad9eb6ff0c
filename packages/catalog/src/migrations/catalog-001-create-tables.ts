import { sql, type Kysely, type Migration } from 'kysely';
import { columnTypes } from '@orion/contracts';

/**
 * `catalog_001_create_tables`: the `products` table, unique per `(store_id, sku)`, with its foreign
 * key to tenancy's `stores`, cheap checks on price and currency, and the covering index the catalog
 * metrics read.
 *
 * Frozen in time: it takes `Kysely<any>` and never imports the module's current types. Change the
 * schema with a new migration, never by editing this one.
 *
 * @example
 * ```ts
 * import { Migrator } from 'kysely';
 * import { catalogModule } from '@orion/catalog';
 * const migrator = new Migrator({ db, provider: { getMigrations: async () => catalogModule.migrations } });
 * await migrator.migrateToLatest();
 * ```
 */
export const catalog001CreateTables: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    const t = columnTypes(db);

    await db.schema
      .createTable('products')
      .addColumn('id', 'integer', t.id)
      .addColumn('store_id', 'integer', (c) => c.notNull().references('stores.id').onDelete('cascade'))
      .addColumn('sku', 'varchar(64)', (c) => c.notNull())
      .addColumn('title', 'varchar(255)', (c) => c.notNull())
      .addColumn('price', 'bigint', (c) => c.notNull())
      .addColumn('currency', 'char(3)', (c) => c.notNull())
      .addColumn('is_active', t.boolean, (c) => c.notNull().defaultTo(true))
      .addColumn('is_featured', t.boolean, (c) => c.notNull().defaultTo(false))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      // Also serves every "products of one store" lookup (its first column is store_id).
      .addUniqueConstraint('products_store_sku_unique', ['store_id', 'sku'])
      .addCheckConstraint('products_price_check', sql`price >= 0`)
      .addCheckConstraint('products_currency_check', sql`length(currency) = 3`)
      .execute();
    // Covers every catalog metric: the store's (or the platform's stores') rows in one index range,
    // counted by created_at window and by the two flags without reading the table.
    await db.schema
      .createIndex('products_store_created_idx')
      .on('products')
      .columns(['store_id', 'created_at', 'is_active', 'is_featured'])
      .execute();
  },

  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropTable('products').ifExists().execute();
  },
};
