import type { Kysely, Migration } from 'kysely';
import { columnTypes } from '@orion/contracts';

/**
 * `marketplace_002_import_leases`: the columns a running import job (or upload) keeps its lease in,
 * so recovery touches only jobs whose process is gone; where the job's uploaded feed is; and the
 * platform it was uploaded on, to resume it. Frozen in time: change the schema with a new migration.
 */
export const marketplace002ImportLeases: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    const t = columnTypes(db);
    const add = (name: string, type: 'varchar(64)' | 'text' | 'timestamptz' | 'integer') =>
      db.schema.alterTable('marketplace_import_jobs').addColumn(name, type).execute();
    // a random token of the run holding the job: only its holder renews the lease or finishes the job
    await add('lease_owner', 'varchar(64)');
    await add('lease_expires_at', t.timestamp);
    await add('heartbeat_at', t.timestamp);
    // when the upload finished: a pending job with it set waits for its task (and can be resumed)
    await add('uploaded_at', t.timestamp);
    await add('feed_path', 'text');
    await add('platform_id', 'integer');
    // recovery: the pending and processing jobs by lease expiry
    await db.schema
      .createIndex('marketplace_import_jobs_lease_idx')
      .on('marketplace_import_jobs')
      .columns(['status', 'lease_expires_at'])
      .execute();
  },

  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropIndex('marketplace_import_jobs_lease_idx').execute();
    for (const name of ['platform_id', 'feed_path', 'uploaded_at', 'heartbeat_at', 'lease_expires_at', 'lease_owner'])
      await db.schema.alterTable('marketplace_import_jobs').dropColumn(name).execute();
  },
};
