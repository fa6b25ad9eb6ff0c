/**
 * The marketplace's `import-feed` background task: imports a feed the upload route saved to
 * `<uploadDir>/<jobId>.feed`, then removes the file.
 */
import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { idSchema, isOrionError, type Logger, type ServiceLocator } from '@orion/contracts';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { marketplaceKit } from './marketplace-kit.js';
import type { ImportJob } from './marketplace-records.js';
import { MarketplaceService } from './marketplace-service.js';
import { feedUploadPath, unreadableFeed } from './feed-upload.js';

/** What {@link runFeedImportTask} needs: the job, the host's parts and the upload directory. */
export interface FeedImportTaskInput {
  importJobId: number;
  db: Kysely<any>;
  services: ServiceLocator;
  /** The module's `uploadDir` on the job's platform. */
  uploadDir: string;
  logger?: Logger;
}

/**
 * Runs a pending import job on its uploaded file and removes the file afterwards, whether the
 * import completed or failed. A missing file fails the job with a message saying to upload again.
 * Returns the finished job.
 *
 * @throws OrionError `ORION_ERR_NOT_FOUND` for an unknown job; `ORION_ERR_CONFLICT` when the job is
 *   not pending (then the file is left to the run that has the job).
 */
export async function runFeedImportTask(input: FeedImportTaskInput): Promise<ImportJob> {
  const file = feedUploadPath(input.uploadDir, input.importJobId);
  const marketplace = new MarketplaceService(input.db, input.services);
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
    if (isOrionError(error) && error.code === 'ORION_ERR_CONFLICT') removeFile = false;
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
    runFeedImportTask({ importJobId: payload.importJobId, db, services, uploadDir: config.uploadDir, logger }),
});
