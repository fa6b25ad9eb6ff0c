import { columnTypes } from '@orion/core';
import { sql, type Kysely, type Migration } from 'kysely';

/**
 * `demo-access_001_create_tokens`: `demo_api_tokens`, the demo's bearer tokens, stored only as the
 * SHA-256 of the token. A store token names a store, a platform token a platform, never both.
 *
 * Frozen in time: it takes `Kysely<any>` and never imports the module's current types.
 */
export const demoAccess001CreateTokens: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    const t = columnTypes(db);
    await db.schema
      .createTable('demo_api_tokens')
      .addColumn('id', 'integer', t.id)
      .addColumn('token_hash', 'char(64)', (c) => c.notNull().unique())
      .addColumn('label', 'varchar(100)', (c) => c.notNull())
      .addColumn('kind', 'varchar(16)', (c) => c.notNull())
      .addColumn('platform_id', 'integer', (c) => c.references('platforms.id'))
      .addColumn('store_id', 'integer', (c) => c.references('stores.id'))
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addCheckConstraint(
        'demo_api_tokens_scope_check',
        sql`(kind = 'store' and store_id is not null and platform_id is null) or (kind = 'platform' and platform_id is not null and store_id is null)`,
      )
      .execute();
    await db.schema.createIndex('demo_api_tokens_label_idx').on('demo_api_tokens').column('label').execute();
  },
};
