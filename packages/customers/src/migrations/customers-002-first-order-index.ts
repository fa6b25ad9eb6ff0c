import type { Kysely, Migration } from 'kysely';

/**
 * `customers_002_first_order_index`: `(store_id, first_order_at)` on `customers`, the range the
 * returning-customers count reads (the customers whose first recorded order falls in the window).
 * Frozen in time: it takes `Kysely<any>` and never imports the module's current types.
 */
export const customers002FirstOrderIndex: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createIndex('customers_store_first_order_idx')
      .on('customers')
      .columns(['store_id', 'first_order_at'])
      .execute();
  },
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropIndex('customers_store_first_order_idx').execute();
  },
};
