/**
 * The marketplace's `import-feed` background task: imports the feed the upload route saved for the
 * job (its `feed_path`), then removes the file.
 */
import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { idSchema, isOrionError, type Logger, type ServiceLocator } from '@orion/contracts';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { marketplaceKit } from './marketplace-kit.js';
import type { ImportJob } from './marketplace-records.js';
import { MarketplaceService } from './marketplace-service.js';
import { feedUploadPath, resolveUploadDir, unreadableFeed } from './feed-upload.js';
import type { MarketplaceDatabase } from './schema.js';

/** What {@link runFeedImportTask} needs: the job, the host's parts and the upload directory. */
export interface FeedImportTaskInput {
  importJobId: number;
  db: Kysely<MarketplaceDatabase>;
  services: ServiceLocator;
  /** The module's `uploadDir` on the job's platform, for jobs uploaded before feed files had unique names. */
  uploadDir?: string;
  /** The import lease's duration (default 30 s). */
  leaseSeconds?: number;
  logger?: Logger;
}

/**
 * Runs a pending import job on its uploaded file and removes the file afterwards, whether the
 * import completed or failed. A missing file fails the job with a message saying to upload again.
 * Returns the finished job.
 *
 * A job that is no longer pending (another task of it ran, or runs: it was resumed twice, say) is
 * returned as it is, and its file left to the run that has it.
 *
 * @throws OrionError `ORION_ERR_NOT_FOUND` for an unknown job.
 */
export async function runFeedImportTask(input: FeedImportTaskInput): Promise<ImportJob> {
  const stored = await input.db
    .selectFrom('marketplace_import_jobs')
    .select('feed_path')
    .where('id', '=', input.importJobId)
    .executeTakeFirst();
  const file =
    stored?.feed_path ?? feedUploadPath(await resolveUploadDir(input.db, input.uploadDir), input.importJobId);
  const marketplace = new MarketplaceService(input.db, input.services, { leaseSeconds: input.leaseSeconds });
  const present = await stat(file).then(
    (found) => found.isFile(),
    () => false,
  );
  if (!present) input.logger?.warn(`The uploaded feed of import job ${input.importJobId} is missing`, { file });
  const feed = present ? createReadStream(file) : undefined;
  let removeFile = true;
  try {
    return await marketplace.runImportJob(
      input.importJobId,
      feed ?? unreadableFeed('the uploaded feed file is missing; upload the feed again'),
    );
  } catch (error) {
    // not pending: another run has the job (and its file), or it ran already
    if (isOrionError(error) && error.code === 'ORION_ERR_CONFLICT') {
      removeFile = false;
      input.logger?.info(`Import job ${input.importJobId} is not pending any more; nothing to import`);
      return marketplace.getImportJob(input.importJobId);
    }
    throw error;
  } finally {
    feed?.destroy();
    if (removeFile) await rm(file, { force: true });
  }
}

/**
 * `import-feed` with payload `{ importJobId }`, enqueued by `POST /imports`. Not retried: a failed
 * import has failed its job, and the feed must be uploaded again.
 */
export const importFeedTask = marketplaceKit.task({
  name: 'import-feed',
  payload: z.object({ importJobId: idSchema }),
  retries: 0,
  handler: ({ payload, db, services, config, logger }) =>
    runFeedImportTask({
      importJobId: payload.importJobId,
      db,
      services,
      uploadDir: config.uploadDir,
      leaseSeconds: config.leaseSeconds,
      logger,
    }),
});
