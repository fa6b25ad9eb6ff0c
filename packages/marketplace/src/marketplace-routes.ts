/**
 * The marketplace module's HTTP routes, mounted by the host at `/api/v1/store/marketplace/…`. Store
 * routes act on the caller's store (`context.storeId`), never on a store named in the request.
 */
import { rm } from 'node:fs/promises';
import {
  idSchema,
  OrionError,
  routeResponse,
  type Logger,
  type ModuleRoutes,
  type RequestContext,
} from '@orion/contracts';
import { z } from 'zod';
import { feedUploadPath, saveFeedUpload, unreadableFeed } from './feed-upload.js';
import type { MarketplaceConfig } from './marketplace-config.js';
import { marketplaceKit } from './marketplace-kit.js';
import { createImportJobInputSchema } from './marketplace-inputs.js';
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

const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).optional(),
  offset: z.coerce.number().int().min(0).optional(),
};

/**
 * `POST /imports?source=<name>` with the feed (CSV or TSV, any content type) as the request body:
 * streams it to `<uploadDir>/<jobId>.feed`, queues the `import-feed` task and answers 202 with the
 * pending job.
 */
const uploadFeed = marketplaceKit.route({
  method: 'POST',
  path: '/imports',
  summary: 'Upload a product feed (streamed); it is imported in the background',
  query: z.object({ source: createImportJobInputSchema.shape.source }),
  body: 'stream',
  permission: createImportsPermission,
  handler: async ({ query, body, context, db, services, tasks, config, logger }) => {
    const storeId = callerStoreId(context, createImportsPermission);
    const marketplace = new MarketplaceService(db, services);
    const job = await marketplace.createImportJob({ storeId, source: query.source });
    const file = feedUploadPath(config.uploadDir, job.id);
    try {
      await saveFeedUpload(body, file);
    } catch (error) {
      await abandonImport(marketplace, job, 'the upload did not finish; upload the feed again', error, logger);
      throw error;
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
  summary: 'List the store’s import jobs, newest first (at most 500 a page)',
  query: z.object(pageQuery),
  permission: viewImportsPermission,
  handler: ({ query, context, db }) =>
    new MarketplaceService(db).listImportJobs(callerStoreId(context, viewImportsPermission), query),
});

/** `GET /imports/:jobId?limit=&offset=`: one job of the store and a page of its row errors. */
const getImport = marketplaceKit.route({
  method: 'GET',
  path: '/imports/:jobId',
  summary: 'An import job of the store, with its row errors by line (at most 500 a page)',
  params: z.object({ jobId: z.coerce.number().pipe(idSchema) }),
  query: z.object(pageQuery),
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

/** The marketplace module's routes by frontend; see the README's "Routes". */
export const marketplaceRoutes: ModuleRoutes<MarketplaceDatabase, MarketplaceConfig> = {
  store: [uploadFeed, listImports, getImport, publish],
};
