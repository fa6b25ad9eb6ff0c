import { columnTypes } from '@orion/contracts';
import { sql, type Kysely, type Migration } from 'kysely';

/**
 * `cms_001_create_tables`: `cms_pages`, `cms_media_files` and `cms_themes`. Frozen in time: it
 * takes `Kysely<any>` and never imports the module's current types.
 *
 * A page belongs to exactly one scope, a store or a platform (a check says so). NULLs are distinct
 * in unique indexes on both databases, so the slug's uniqueness is two partial unique indexes, one
 * per scope, rather than one over `(store_id, platform_id, slug)`.
 */
export const cms001CreateTables: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    const t = columnTypes(db);
    await db.schema
      .createTable('cms_pages')
      .addColumn('id', 'integer', t.id)
      .addColumn('store_id', 'integer', (c) => c.references('stores.id').onDelete('cascade'))
      .addColumn('platform_id', 'integer', (c) => c.references('platforms.id').onDelete('cascade'))
      .addColumn('slug', 'varchar(120)', (c) => c.notNull())
      .addColumn('title', 'varchar(200)', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('body_html', 'text', (c) => c.notNull())
      .addColumn('status', 'varchar(16)', (c) => c.notNull())
      .addColumn('published_at', t.timestamp)
      .addColumn('locale', 'varchar(16)', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addCheckConstraint('cms_pages_scope_check', sql`(store_id is null) <> (platform_id is null)`)
      .addCheckConstraint('cms_pages_status_check', sql`status in ('draft', 'published')`)
      .execute();
    await db.schema
      .createIndex('cms_pages_store_slug_key')
      .on('cms_pages')
      .columns(['store_id', 'slug'])
      .unique()
      .where(sql.ref('store_id'), 'is not', null)
      .execute();
    await db.schema
      .createIndex('cms_pages_platform_slug_key')
      .on('cms_pages')
      .columns(['platform_id', 'slug'])
      .unique()
      .where(sql.ref('platform_id'), 'is not', null)
      .execute();
    // The dashboards count a scope's pages by status and creation time from these alone.
    await db.schema
      .createIndex('cms_pages_store_idx')
      .on('cms_pages')
      .columns(['store_id', 'status', 'created_at'])
      .execute();
    await db.schema
      .createIndex('cms_pages_platform_idx')
      .on('cms_pages')
      .columns(['platform_id', 'status', 'created_at'])
      .execute();

    await db.schema
      .createTable('cms_media_files')
      .addColumn('id', 'integer', t.id)
      .addColumn('store_id', 'integer', (c) => c.notNull().references('stores.id').onDelete('cascade'))
      .addColumn('file_name', 'varchar(255)', (c) => c.notNull())
      .addColumn('storage_name', 'varchar(64)', (c) => c.notNull().unique())
      .addColumn('content_type', 'varchar(100)', (c) => c.notNull())
      .addColumn('bytes', 'bigint', (c) => c.notNull().check(sql`bytes >= 0`))
      .addColumn('sha256', 'char(64)', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();
    // Listing (newest first) and the dashboards' count and byte sum, read from the index alone.
    await db.schema
      .createIndex('cms_media_files_store_idx')
      .on('cms_media_files')
      .columns(['store_id', 'id', 'bytes'])
      .execute();

    await db.schema
      .createTable('cms_themes')
      .addColumn('store_id', 'integer', (c) => c.primaryKey().references('stores.id').onDelete('cascade'))
      .addColumn('theme_code', 'varchar(64)', (c) => c.notNull())
      .addColumn('settings', 'text', (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropTable('cms_themes').execute();
    await db.schema.dropTable('cms_media_files').execute();
    await db.schema.dropTable('cms_pages').execute();
  },
};
