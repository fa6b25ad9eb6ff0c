import { columnTypes } from '@orion/contracts';
import type { Kysely, Migration } from 'kysely';

/**
 * `__snake___001_create_items`: the `__snake___items` table. Frozen in time: it takes `Kysely<any>`
 * and never imports the module's current types. Change the schema with a new migration
 * (`__snake___002_…`), never by editing this one once it has run somewhere.
 */
export const __camel__001CreateItems: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    const t = columnTypes(db);
    await db.schema
      .createTable('__snake___items')
      .addColumn('id', 'integer', t.id)
      .addColumn('store_id', 'integer', (c) => c.notNull().references('stores.id').onDelete('cascade'))
      .addColumn('title', 'varchar(200)', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('__snake___items_store_idx')
      .on('__snake___items')
      .columns(['store_id', 'id'])
      .execute();
  },
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropTable('__snake___items').execute();
  },
};
