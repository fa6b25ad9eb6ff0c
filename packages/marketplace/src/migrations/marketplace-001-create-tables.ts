import { sql, type Kysely, type Migration } from 'kysely';
import { columnTypes } from '@orion/contracts';

/**
 * `marketplace_001_create_tables`: import jobs, staged products and row errors, with the indexes
 * the marketplace metrics use. Frozen in time: change the schema with a new migration.
 */
export const marketplace001CreateTables: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    const t = columnTypes(db);
    await db.schema
      .createTable('marketplace_import_jobs')
      .addColumn('id', 'integer', t.id)
      .addColumn('store_id', 'integer', (c) => c.notNull().references('stores.id').onDelete('cascade'))
      .addColumn('source', 'varchar(255)', (c) => c.notNull())
      .addColumn('status', 'varchar(16)', (c) =>
        c.notNull().check(sqlIn('status', ['pending', 'processing', 'completed', 'failed'])),
      )
      .addColumn('total_rows', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('imported_rows', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('error_rows', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('error_message', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('started_at', t.timestamp)
      .addColumn('completed_at', t.timestamp)
      .execute();
    // import_jobs, failed_jobs and the success rate: a range over (store_id, created_at), status read from the index
    await db.schema
      .createIndex('marketplace_import_jobs_store_created_idx')
      .on('marketplace_import_jobs')
      .columns(['store_id', 'created_at', 'status'])
      .execute();

    await db.schema
      .createTable('marketplace_products')
      .addColumn('id', 'integer', t.id)
      .addColumn('store_id', 'integer', (c) => c.notNull().references('stores.id').onDelete('cascade'))
      .addColumn('import_job_id', 'integer', (c) =>
        c.notNull().references('marketplace_import_jobs.id').onDelete('cascade'),
      )
      .addColumn('external_id', 'varchar(255)', (c) => c.notNull())
      .addColumn('sku', 'varchar(255)', (c) => c.notNull())
      .addColumn('title', 'varchar(500)', (c) => c.notNull())
      .addColumn('price', 'bigint', (c) => c.notNull().check(sqlGe('price', 0)))
      .addColumn('currency', 'char(3)', (c) => c.notNull())
      .addColumn('quantity', 'integer')
      .addColumn('status', 'varchar(16)', (c) =>
        c.notNull().check(sqlIn('status', ['staged', 'published', 'rejected'])),
      )
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addUniqueConstraint('marketplace_products_job_external_unique', ['import_job_id', 'external_id'])
      .execute();
    // staging_products, and publishing: the staged rows of a store in id order
    await db.schema
      .createIndex('marketplace_products_store_status_idx')
      .on('marketplace_products')
      .columns(['store_id', 'status', 'id'])
      .execute();

    await db.schema
      .createTable('marketplace_import_errors')
      .addColumn('id', 'integer', t.id)
      .addColumn('import_job_id', 'integer', (c) =>
        c.notNull().references('marketplace_import_jobs.id').onDelete('cascade'),
      )
      .addColumn('line_number', 'integer', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('marketplace_import_errors_job_line_idx')
      .on('marketplace_import_errors')
      .columns(['import_job_id', 'line_number'])
      .execute();
  },

  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropTable('marketplace_import_errors').execute();
    await db.schema.dropTable('marketplace_products').execute();
    await db.schema.dropTable('marketplace_import_jobs').execute();
  },
};

function sqlIn(column: string, values: string[]) {
  return sql`${sql.ref(column)} in (${sql.join(values.map((value) => sql.lit(value)))})`;
}

function sqlGe(column: string, value: number) {
  return sql`${sql.ref(column)} >= ${sql.lit(value)}`;
}
