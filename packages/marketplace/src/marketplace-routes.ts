/**
 * The marketplace module's HTTP routes, mounted by the host at `/api/v1/store/marketplace/…`. Store
 * routes act on the caller's store (`context.storeId`), never on a store named in the request.
 */
import { rm } from 'node:fs/promises';
import {
  idParamSchema,
  idSchema,
  isOrionError,
  OrionError,
  pageQuerySchema,
  routeResponse,
  type Logger,
  type ModuleRoutes,
} from '@orion/contracts';
import { z } from 'zod';
import { endUpload, resolveUploadDir, saveFeedUpload, startUpload, unreadableFeed } from './feed-upload.js';
import type { MarketplaceConfig } from './marketplace-config.js';
import { marketplaceKit } from './marketplace-kit.js';
import { createImportJobInputSchema, stagedStatusSchema } from './marketplace-inputs.js';
import type { ImportJob } from './marketplace-records.js';
import { MarketplaceService } from './marketplace-service.js';
import type { MarketplaceDatabase } from './schema.js';
import { callerStoreId } from '@orion/tenancy';

/** See import jobs and their row errors. */
export const viewImportsPermission = 'marketplace.imports.view';
/** Upload feeds. */
export const createImportsPermission = 'marketplace.imports.create';
/** Publish staged products. */
export const publishProductsPermission = 'marketplace.products.publish';

/**
 * The store's import job; another store's job answers exactly as an unknown one does.
 *
 * @throws OrionError `ORION_ERR_NOT_FOUND`.
 */
async function storeImportJob(
  marketplace: MarketplaceService,
  storeId: number,
  importJobId: number,
): Promise<ImportJob> {
  const job = await marketplace.getImportJob(importJobId);
  if (job.storeId !== storeId) throw new OrionError('ORION_ERR_NOT_FOUND', { entity: 'Import job', id: importJobId });
  return job;
}

/** Fails a pending job that will never run (its upload broke, or it could not be queued); never throws. */
async function abandonImport(
  marketplace: MarketplaceService,
  job: ImportJob,
  reason: string,
  cause: unknown,
  logger: Logger,
): Promise<void> {
  logger.warn(`Marketplace import job ${job.id} abandoned: ${reason}`, { importJobId: job.id, error: cause });
  try {
    await marketplace.runImportJob(job.id, unreadableFeed(reason));
  } catch (error) {
    logger.error(`Could not mark marketplace import job ${job.id} failed`, { importJobId: job.id, error });
  }
}

/**
 * `POST /imports?source=<name>` with the feed (CSV or TSV, any content type) as the request body:
 * streams it to `<uploadDir>/<jobId>-<uuid>.feed` (at most `maxFeedBytes`, else 413), queues the
 * `import-feed` task and answers 202 with the pending job.
 */
const uploadFeed = marketplaceKit.route({
  method: 'POST',
  path: '/imports',
  summary: 'Upload a product feed (streamed); it is imported in the background',
  query: z.object({ source: createImportJobInputSchema.shape.source }),
  body: 'stream',
  permission: createImportsPermission,
  handler: async ({ query, body, request, context, db, services, tasks, config, logger }) => {
    const storeId = callerStoreId(context, createImportsPermission);
    const { maxFeedBytes } = config;
    const declared = Number(request.headers.get('content-length') ?? Number.NaN);
    // a declared size over the cap is refused before anything is stored
    if (declared > maxFeedBytes) {
      await body.cancel().catch(() => {});
      throw new OrionError('ORION_ERR_PAYLOAD_TOO_LARGE', { limit: maxFeedBytes });
    }
    const leaseMs = config.leaseSeconds * 1000;
    const marketplace = new MarketplaceService(db, services, { leaseSeconds: config.leaseSeconds });
    const uploadDir = await resolveUploadDir(db, config.uploadDir);
    const upload = await startUpload(db, {
      storeId,
      platformId: context.platformId,
      source: query.source,
      uploadDir,
      leaseMs,
    });
    const { job, file } = upload;
    try {
      await saveFeedUpload(body, file, maxFeedBytes);
    } catch (error) {
      await endUpload(db, upload, false);
      // over maxFeedBytes here, or over the host's limit for streamed bodies
      const reason =
        isOrionError(error) && error.code === 'ORION_ERR_PAYLOAD_TOO_LARGE'
          ? `the feed is larger than the ${String(error.details.limit)} bytes allowed`
          : 'the upload did not finish; upload the feed again';
      await abandonImport(marketplace, job, reason, error, logger);
      throw error;
    }
    if (!(await endUpload(db, upload, true))) {
      // the upload outlived its lease and recovery failed the job: its file is not wanted
      await rm(file, { force: true });
      throw new OrionError('ORION_ERR_CONFLICT', { entity: 'Import job', field: 'status', value: 'failed' });
    }
    try {
      await tasks.enqueue({
        module: 'marketplace',
        task: 'import-feed',
        platformId: context.platformId,
        payload: { importJobId: job.id },
      });
    } catch (error) {
      await rm(file, { force: true });
      await abandonImport(marketplace, job, 'the import could not be queued; upload the feed again', error, logger);
      throw error;
    }
    return routeResponse(202, job);
  },
});

/** `GET /imports?limit=&offset=`: the store's import jobs, newest first. */
const listImports = marketplaceKit.route({
  method: 'GET',
  path: '/imports',
  summary: 'List the store’s import jobs, newest first (at most 200 a page)',
  query: pageQuerySchema,
  permission: viewImportsPermission,
  handler: ({ query, context, db }) =>
    new MarketplaceService(db).listImportJobs(callerStoreId(context, viewImportsPermission), query),
});

/** `GET /imports/:jobId?limit=&offset=`: one job of the store and a page of its row errors. */
const getImport = marketplaceKit.route({
  method: 'GET',
  path: '/imports/:jobId',
  summary: 'An import job of the store, with its row errors by line (at most 200 a page)',
  params: z.object({ jobId: idParamSchema }),
  query: pageQuerySchema,
  permission: viewImportsPermission,
  handler: async ({ params, query, context, db }) => {
    const marketplace = new MarketplaceService(db);
    const job = await storeImportJob(marketplace, callerStoreId(context, viewImportsPermission), params.jobId);
    return { job, errors: await marketplace.listImportErrors(job.id, query) };
  },
});

/** `POST /publish` with optional `{ importJobId }`: publishes the store's staged products. */
const publish = marketplaceKit.route({
  method: 'POST',
  path: '/publish',
  summary: 'Publish the store’s staged products (of one import job, if given) into inventory and the catalog',
  body: z.strictObject({ importJobId: idSchema.optional() }).optional(),
  permission: publishProductsPermission,
  handler: async ({ body, context, db, services }) => {
    const storeId = callerStoreId(context, publishProductsPermission);
    const marketplace = new MarketplaceService(db, services);
    const importJobId = body?.importJobId;
    if (importJobId !== undefined) await storeImportJob(marketplace, storeId, importJobId);
    return marketplace.publish({ storeId, platformId: context.platformId, importJobId });
  },
});

/**
 * `POST /imports/resume`: queues `import-feed` again for the store's uploaded jobs still `pending`
 * on the caller's platform (their task was skipped while the module was disabled there, say).
 * Answers 202 with `{ resumed: [jobIds] }`; a job whose first task still runs is imported once.
 */
const resumeImports = marketplaceKit.route({
  method: 'POST',
  path: '/imports/resume',
  summary: 'Queue the import of the store’s uploaded feeds that are still pending (after the module was re-enabled)',
  permission: createImportsPermission,
  handler: async ({ context, db, tasks }) => {
    const storeId = callerStoreId(context, createImportsPermission);
    const waiting = await new MarketplaceService(db).listResumableJobs(storeId, context.platformId);
    for (const importJobId of waiting) {
      await tasks.enqueue({
        module: 'marketplace',
        task: 'import-feed',
        platformId: context.platformId,
        payload: { importJobId },
      });
    }
    return routeResponse(202, { resumed: waiting });
  },
});

/** `GET /staged?status=&limit=&offset=`: the store's staged (or published, or rejected) products. */
const listStaged = marketplaceKit.route({
  method: 'GET',
  path: '/staged',
  summary: 'The store’s staged products (or those with another status), oldest first (at most 200 a page)',
  query: z.object({ status: stagedStatusSchema.optional(), ...pageQuerySchema.shape }),
  permission: viewImportsPermission,
  handler: ({ query, context, db }) =>
    new MarketplaceService(db).listStagedProducts(callerStoreId(context, viewImportsPermission), query),
});

/**
 * `POST /staged/reject` with `{ productIds }` or `{ importJobId }`: discards those staged products
 * of the store (a bad row that blocks publishing, a whole unwanted import), so they are never
 * published. Answers `{ rejected }`, how many changed; others' products are left alone.
 */
const rejectStaged = marketplaceKit.route({
  method: 'POST',
  path: '/staged/reject',
  summary: 'Reject (discard) staged products of the store, by id or by import job, so they are never published',
  body: z.union([
    z.strictObject({ productIds: z.array(idSchema).min(1).max(500) }),
    z.strictObject({ importJobId: idSchema }),
  ]),
  permission: publishProductsPermission,
  handler: async ({ body, context, db }) => {
    const storeId = callerStoreId(context, publishProductsPermission);
    const marketplace = new MarketplaceService(db);
    if ('importJobId' in body) {
      await storeImportJob(marketplace, storeId, body.importJobId);
      return { rejected: await marketplace.rejectStagedProducts(storeId, { importJobId: body.importJobId }) };
    }
    return { rejected: await marketplace.rejectStagedProducts(storeId, body.productIds) };
  },
});

/** The marketplace module's routes by frontend; see the README's "Routes". */
export const marketplaceRoutes: ModuleRoutes<MarketplaceDatabase, MarketplaceConfig> = {
  store: [uploadFeed, listImports, resumeImports, getImport, publish, listStaged, rejectStaged],
};
