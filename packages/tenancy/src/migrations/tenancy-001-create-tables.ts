import type { Kysely, Migration } from 'kysely';
import { columnTypes } from '@orion/contracts';

/**
 * `tenancy_001_create_tables`: platforms, merchants, stores, store memberships in platforms, users,
 * store teams and store domains, with their foreign keys, unique constraints and the indexes the
 * tenancy metrics and the `activeStoreIdsInPlatform` subquery use.
 *
 * Frozen in time: it takes `Kysely<any>` and never imports the module's current types. Change the
 * schema with a new migration, never by editing this one.
 *
 * @example
 * ```ts
 * import { Migrator } from 'kysely';
 * import { tenancyModule } from '@orion/tenancy';
 * const migrator = new Migrator({ db, provider: { getMigrations: async () => tenancyModule.migrations } });
 * await migrator.migrateToLatest();
 * ```
 */
export const tenancy001CreateTables: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    const t = columnTypes(db);

    await db.schema
      .createTable('platforms')
      .addColumn('id', 'integer', t.id)
      .addColumn('code', 'varchar(64)', (c) => c.notNull())
      .addColumn('name', 'varchar(255)', (c) => c.notNull())
      .addColumn('is_active', t.boolean, (c) => c.notNull().defaultTo(true))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addUniqueConstraint('platforms_code_unique', ['code'])
      .execute();

    await db.schema
      .createTable('merchants')
      .addColumn('id', 'integer', t.id)
      .addColumn('name', 'varchar(255)', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('stores')
      .addColumn('id', 'integer', t.id)
      .addColumn('merchant_id', 'integer', (c) => c.notNull().references('merchants.id'))
      .addColumn('code', 'varchar(64)', (c) => c.notNull())
      .addColumn('name', 'varchar(255)', (c) => c.notNull())
      .addColumn('is_active', t.boolean, (c) => c.notNull().defaultTo(true))
      .addColumn('default_currency', 'char(3)', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addUniqueConstraint('stores_code_unique', ['code'])
      .execute();
    // Distinct merchants of a set of stores; the stores of a merchant.
    await db.schema.createIndex('stores_merchant_id_idx').on('stores').columns(['merchant_id']).execute();

    await db.schema
      .createTable('store_platforms')
      .addColumn('id', 'integer', t.id)
      .addColumn('store_id', 'integer', (c) => c.notNull().references('stores.id').onDelete('cascade'))
      .addColumn('platform_id', 'integer', (c) => c.notNull().references('platforms.id').onDelete('cascade'))
      .addColumn('is_active', t.boolean, (c) => c.notNull().defaultTo(true))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addUniqueConstraint('store_platforms_store_platform_unique', ['store_id', 'platform_id'])
      .execute();
    // Covers `select store_id from store_platforms where platform_id = ? and is_active`.
    await db.schema
      .createIndex('store_platforms_platform_active_store_idx')
      .on('store_platforms')
      .columns(['platform_id', 'is_active', 'store_id'])
      .execute();

    await db.schema
      .createTable('users')
      .addColumn('id', 'integer', t.id)
      .addColumn('email', 'varchar(320)', (c) => c.notNull())
      .addColumn('name', 'varchar(255)', (c) => c.notNull())
      .addColumn('is_active', t.boolean, (c) => c.notNull().defaultTo(true))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addUniqueConstraint('users_email_unique', ['email'])
      .execute();

    await db.schema
      .createTable('store_users')
      .addColumn('id', 'integer', t.id)
      .addColumn('store_id', 'integer', (c) => c.notNull().references('stores.id').onDelete('cascade'))
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('role', 'varchar(64)', (c) => c.notNull())
      .addColumn('is_active', t.boolean, (c) => c.notNull().defaultTo(true))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addUniqueConstraint('store_users_store_user_unique', ['store_id', 'user_id'])
      .execute();
    // Covers the active team of a store and the distinct active users of a set of stores.
    await db.schema
      .createIndex('store_users_store_active_user_idx')
      .on('store_users')
      .columns(['store_id', 'is_active', 'user_id'])
      .execute();
    // The stores a user works on.
    await db.schema.createIndex('store_users_user_id_idx').on('store_users').columns(['user_id']).execute();

    await db.schema
      .createTable('store_domains')
      .addColumn('id', 'integer', t.id)
      .addColumn('store_id', 'integer', (c) => c.notNull().references('stores.id').onDelete('cascade'))
      .addColumn('domain', 'varchar(253)', (c) => c.notNull())
      .addColumn('is_verified', t.boolean, (c) => c.notNull().defaultTo(false))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addUniqueConstraint('store_domains_domain_unique', ['domain'])
      .execute();
    // Covers the domain and verified-domain counts of a store.
    await db.schema
      .createIndex('store_domains_store_verified_idx')
      .on('store_domains')
      .columns(['store_id', 'is_verified'])
      .execute();
  },

  async down(db: Kysely<any>): Promise<void> {
    for (const table of [
      'store_domains',
      'store_users',
      'users',
      'store_platforms',
      'stores',
      'merchants',
      'platforms',
    ]) {
      await db.schema.dropTable(table).ifExists().execute();
    }
  },
};
