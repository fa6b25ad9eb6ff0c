import { sql, type Kysely, type Migration } from 'kysely';
import { columnTypes } from '@orion/contracts';

/**
 * `inventory_001_create_tables`: `inventory_items`, one row per `(store_id, sku, location)`, with
 * its foreign key to tenancy's `stores`, range checks and the unique index that every service write
 * and both metric queries use.
 *
 * Frozen in time: it takes `Kysely<any>` and never imports the module's current types or
 * constants. Change the schema with a new migration, never by editing this one.
 *
 * @example
 * ```ts
 * import { Migrator } from 'kysely';
 * import { inventoryModule } from '@orion/inventory';
 * const migrator = new Migrator({ db, provider: { getMigrations: async () => inventoryModule.migrations } });
 * await migrator.migrateToLatest();
 * ```
 */
export const inventory001CreateTables: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    const t = columnTypes(db);

    await db.schema
      .createTable('inventory_items')
      .addColumn('id', 'integer', t.id)
      .addColumn('store_id', 'integer', (c) => c.notNull().references('stores.id').onDelete('cascade'))
      .addColumn('sku', 'varchar(128)', (c) => c.notNull())
      .addColumn('location', 'varchar(64)', (c) => c.notNull().defaultTo('default'))
      .addColumn('quantity', 'integer', (c) => c.notNull())
      .addColumn('reserved_quantity', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('low_stock_threshold', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addCheckConstraint('inventory_items_sku_not_empty', sql`sku <> ''`)
      .addCheckConstraint('inventory_items_location_not_empty', sql`location <> ''`)
      // One billion either way keeps `quantity + delta` (|delta| <= one billion) inside `integer`.
      .addCheckConstraint('inventory_items_quantity_range', sql`quantity between -1000000000 and 1000000000`)
      .addCheckConstraint('inventory_items_reserved_quantity_range', sql`reserved_quantity between 0 and 1000000000`)
      .addCheckConstraint(
        'inventory_items_low_stock_threshold_range',
        sql`low_stock_threshold between 0 and 1000000000`,
      )
      .execute();
    // A named unique index rather than a table constraint, so that SQLite plans name it too. It is
    // the arbiter of `on conflict (store_id, sku, location)`, finds the row of every service write,
    // and serves both metric queries: `where store_id = ?` and `store_id in (<platform's stores>)`
    // `group by store_id`. No index includes `quantity`, so stock updates stay HOT on PostgreSQL.
    await db.schema
      .createIndex('inventory_items_store_sku_location_unique')
      .on('inventory_items')
      .columns(['store_id', 'sku', 'location'])
      .unique()
      .execute();
  },

  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropTable('inventory_items').ifExists().execute();
  },
};
