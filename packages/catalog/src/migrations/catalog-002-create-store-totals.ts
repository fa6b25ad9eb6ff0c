import { sql, type Kysely, type Migration } from 'kysely';

/**
 * `catalog_002_create_store_totals`: `catalog_store_totals`, one row per store with products: how
 * many products, how many active, how many active and featured. The dashboards sum these rows
 * instead of reading every product; `CatalogService` and the product writer recompute a store's
 * row in the transaction of each write. The migration fills it from the products already there.
 * Frozen in time: never edit it, add a migration.
 *
 * @example
 * ```ts
 * import { catalogModule } from '@orion/catalog';
 *
 * await catalogModule.migrations.catalog_002_create_store_totals!.up(db);
 * ```
 */
export const catalog002CreateStoreTotals: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('catalog_store_totals')
      .addColumn('store_id', 'integer', (c) => c.primaryKey().references('stores.id').onDelete('cascade'))
      .addColumn('products', 'integer', (c) => c.notNull())
      .addColumn('active_products', 'integer', (c) => c.notNull())
      .addColumn('featured_products', 'integer', (c) => c.notNull())
      .execute();
    await sql`
      insert into catalog_store_totals (store_id, products, active_products, featured_products)
      select store_id, count(*), count(*) filter (where is_active), count(*) filter (where is_active and is_featured)
      from products group by store_id`.execute(db);
  },

  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropTable('catalog_store_totals').ifExists().execute();
  },
};
