import { sql, type Kysely, type Migration } from 'kysely';

/**
 * `inventory_002_create_store_totals`: `inventory_store_totals`, one row per store with inventory
 * items, holding the five numbers of the inventory dashboards, so a platform dashboard sums one row
 * per store instead of reading every item. `InventoryService` and the stock writer recompute a
 * store's row in the transaction of each write; the migration fills it from the items already
 * there. Frozen in time: never edit it, add a migration.
 *
 * @example
 * ```ts
 * import { inventoryModule } from '@orion/inventory';
 *
 * await inventoryModule.migrations.inventory_002_create_store_totals!.up(db);
 * ```
 */
export const inventory002CreateStoreTotals: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('inventory_store_totals')
      .addColumn('store_id', 'integer', (c) => c.primaryKey().references('stores.id').onDelete('cascade'))
      .addColumn('total_units', 'bigint', (c) => c.notNull())
      .addColumn('skus', 'integer', (c) => c.notNull())
      .addColumn('low_stock', 'integer', (c) => c.notNull())
      .addColumn('out_of_stock', 'integer', (c) => c.notNull())
      .addColumn('locations', 'integer', (c) => c.notNull())
      .execute();
    await sql`
      insert into inventory_store_totals (store_id, total_units, skus, low_stock, out_of_stock, locations)
      select store_id,
             coalesce(sum(quantity) filter (where quantity > 0), 0),
             count(distinct sku),
             count(*) filter (where quantity > 0 and quantity <= low_stock_threshold),
             count(*) filter (where quantity <= 0),
             count(distinct location)
      from inventory_items group by store_id`.execute(db);
  },

  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropTable('inventory_store_totals').ifExists().execute();
  },
};
