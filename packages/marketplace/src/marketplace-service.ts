import {
  OrionError,
  catalogProductWriterRef,
  inventoryStockWriterRef,
  nowTimestamp,
  parseInput,
  type AnyDatabase,
  type CatalogUpsertResult,
  type InventorySetStockResult,
  type ServiceLocator,
} from '@orion/contracts';
import { requireStore } from '@orion/tenancy';
import { sql, type Kysely, type Transaction } from 'kysely';
import { z } from 'zod';
import { checkFeedRow, type StagedRow } from './feed-row.js';
import { FeedUnreadableError, readFeed, type FeedSource } from './feed-reader.js';
import {
  createImportJobInputSchema,
  idSchema,
  pageSchema,
  publishInputSchema,
  stagedStatusSchema,
  type CreateImportJobInput,
  type PageInput,
  type PublishInput,
} from './marketplace-inputs.js';
import {
  toImportJob,
  toImportRowError,
  toStagedProduct,
  type ImportJob,
  type ImportRowError,
  type StagedProduct,
} from './marketplace-records.js';
import type { MarketplaceDatabase } from './schema.js';
import { boundedText } from './bounded-text.js';
import { defaultLeaseSeconds } from './marketplace-config.js';
import { holdLease, ImportLeaseLostError, leaseExpiry, newLeaseOwner } from './import-lease.js';

/** Rows written per batch: each batch is one short transaction, so other work interleaves. */
const BATCH_SIZE = 500;

/** Options of {@link MarketplaceService}. */
export interface MarketplaceServiceOptions {
  /**
   * How long a running import's lease lasts, in seconds (default 30); the import renews it every
   * third of that, and {@link MarketplaceService.recoverAbandonedJobs} fails a job only once it ran out.
   */
  leaseSeconds?: number;
}

/** A job {@link MarketplaceService.recoverAbandonedJobs} failed, with the feed file it left. */
export interface RecoveredImportJob {
  /** The job's id. */
  id: number;
  /** `pending`: its upload's process stopped; `processing`: its import's process stopped. */
  was: 'pending' | 'processing';
  /** The job's uploaded feed, to remove; `null` when it had none. */
  feedPath: string | null;
}

/** What {@link MarketplaceService.publish} moved where. */
export interface PublishResult {
  published: number;
  inventory: InventorySetStockResult;
  /** `null` where the catalog is not installed or not enabled on the platform. */
  catalog: CatalogUpsertResult | null;
}

/**
 * Imports a store's marketplace product feed into staging and publishes staged products into
 * inventory, and into the catalog when it is installed and enabled for the platform, through their
 * service contracts: the marketplace never imports `@orion/inventory` or `@orion/catalog`.
 *
 * An import streams the feed: rows are checked and written in batches of 500, so memory stays flat
 * whatever the feed's size. A bad row is recorded with its line number and reason and the job goes
 * on; a feed that can not be read at all fails the job with a clear message, and its staged rows and
 * row errors are removed, so nothing half-written remains.
 *
 * @example
 * ```ts
 * import { createReadStream } from 'node:fs';
 * import { MarketplaceService } from '@orion/marketplace';
 *
 * const marketplace = new MarketplaceService(orion.db, orion.services);
 * const job = await marketplace.importFeed({ storeId: 12, source: 'feed.csv', feed: createReadStream('feed.csv') });
 * job.status; // 'completed'
 * await marketplace.publish({ storeId: 12, platformId: 1 });
 * ```
 */
export class MarketplaceService {
  readonly #db: Kysely<MarketplaceDatabase>;
  readonly #services: ServiceLocator | undefined;
  readonly #leaseMs: number;

  /**
   * @param db - The host's database.
   * @param services - The host's service locator (`orion.services`); needed by {@link publish}.
   * @param options - The import lease's duration.
   */
  constructor(db: Kysely<AnyDatabase>, services?: ServiceLocator, options: MarketplaceServiceOptions = {}) {
    this.#db = db as Kysely<MarketplaceDatabase>;
    this.#services = services;
    this.#leaseMs = (options.leaseSeconds ?? defaultLeaseSeconds) * 1000;
  }

  /**
   * Creates a pending import job, to run later with {@link runImportJob} (from a background task).
   *
   * @throws OrionError `ORION_ERR_VALIDATION`; `ORION_ERR_NOT_FOUND` when the store does not exist.
   */
  async createImportJob(input: CreateImportJobInput): Promise<ImportJob> {
    const { storeId, source } = parseInput(createImportJobInputSchema, input, 'import job');
    await requireStore(this.#db, storeId);
    const row = await this.#db
      .insertInto('marketplace_import_jobs')
      .values({ store_id: storeId, source, status: 'pending', created_at: nowTimestamp() })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toImportJob(row);
  }

  /**
   * Creates an import job and runs it on `feed`: the one-call import.
   *
   * @throws OrionError `ORION_ERR_VALIDATION`, `ORION_ERR_NOT_FOUND`. A feed that can not be read
   *   does not throw: the returned job has status `failed` and an `errorMessage`.
   */
  async importFeed(input: CreateImportJobInput & { feed: FeedSource }): Promise<ImportJob> {
    const job = await this.createImportJob({ storeId: input.storeId, source: input.source });
    return this.runImportJob(job.id, input.feed);
  }

  /**
   * Runs a pending import job on `feed` and returns the finished job (`completed` or `failed`).
   *
   * The run holds the job's lease while it streams (renewed every third of `leaseSeconds` and with
   * every batch) and checks it with every write: when the lease was taken over (the process stalled
   * past it and {@link recoverAbandonedJobs} failed the job), the run stops and leaves the job as
   * recovery left it.
   *
   * @throws OrionError `ORION_ERR_NOT_FOUND` for an unknown job; `ORION_ERR_CONFLICT` when the job
   *   is not pending (it ran already, or is running) or its upload is still in progress.
   */
  async runImportJob(importJobId: number, feed: FeedSource): Promise<ImportJob> {
    const jobId = parseInput(idSchema, importJobId, 'importJobId');
    const owner = newLeaseOwner();
    const now = Date.now();
    const claimed = await this.#db
      .updateTable('marketplace_import_jobs')
      .set({
        status: 'processing',
        started_at: new Date(now).toISOString(),
        lease_owner: owner,
        lease_expires_at: leaseExpiry(this.#leaseMs, now),
        heartbeat_at: new Date(now).toISOString(),
      })
      .where('id', '=', jobId)
      .where('status', '=', 'pending')
      .where('lease_owner', 'is', null)
      .returning(['id', 'store_id'])
      .executeTakeFirst();
    if (!claimed) {
      const job = await this.getImportJob(jobId);
      throw new OrionError('ORION_ERR_CONFLICT', { entity: 'Import job', field: 'status', value: job.status });
    }
    const lease = holdLease(this.#db, jobId, owner, 'processing', this.#leaseMs);
    try {
      let batch: BatchEntry[] = [];
      for await (const record of readFeed(feed)) {
        batch.push(record.error !== undefined ? { line: record.line, error: record.error } : checked(record));
        if (batch.length >= BATCH_SIZE) {
          await this.#writeBatch(jobId, claimed.store_id, owner, batch);
          batch = [];
        }
      }
      await this.#writeBatch(jobId, claimed.store_id, owner, batch);
      const finished = await this.#db
        .updateTable('marketplace_import_jobs')
        .set({ status: 'completed', completed_at: nowTimestamp(), lease_owner: null, lease_expires_at: null })
        .where('id', '=', jobId)
        .where('lease_owner', '=', owner)
        .where('status', '=', 'processing')
        .executeTakeFirst();
      if (Number(finished.numUpdatedRows) === 0) throw new ImportLeaseLostError(`import job ${jobId} was taken over`);
    } catch (error) {
      if (!(error instanceof ImportLeaseLostError)) {
        await this.#failJob(
          jobId,
          error instanceof FeedUnreadableError ? error.message : `the import stopped: ${(error as Error).message}`,
          owner,
        );
      }
    } finally {
      lease.release();
    }
    return this.getImportJob(jobId);
  }

  /**
   * Fails the `pending` and `processing` jobs whose lease ran out (their upload's or import's
   * process stopped without finishing) and removes their staged rows and row errors; returns them,
   * with the feed files they left. A job another live process holds is never touched: its lease is
   * renewed while it works. Each job is taken with a compare-and-set, so two processes recovering at
   * once never both take one. The module runs it at start-up and every `leaseSeconds`.
   */
  async recoverAbandonedJobs(): Promise<RecoveredImportJob[]> {
    const now = nowTimestamp();
    const expired = await this.#db
      .selectFrom('marketplace_import_jobs')
      .select(['id', 'status'])
      .where('status', 'in', ['pending', 'processing'])
      .where('lease_expires_at', '<', now)
      .execute();
    const recovered: RecoveredImportJob[] = [];
    for (const { id, status } of expired) {
      const was = status as 'pending' | 'processing';
      const message =
        was === 'pending'
          ? 'the upload did not finish (its process stopped); upload the feed again'
          : 'the import was interrupted (its process stopped); upload the feed again';
      const taken = await this.#db.transaction().execute(async (trx) => {
        // compare-and-set: still in that status and still expired, or someone else has it
        const row = await trx
          .updateTable('marketplace_import_jobs')
          .set({
            status: 'failed',
            error_message: message,
            total_rows: 0,
            imported_rows: 0,
            error_rows: 0,
            completed_at: now,
            lease_owner: null,
            lease_expires_at: null,
          })
          .where('id', '=', id)
          .where('status', '=', was)
          .where('lease_expires_at', '<', now)
          .returning(['feed_path'])
          .executeTakeFirst();
        if (!row) return undefined;
        await trx.deleteFrom('marketplace_products').where('import_job_id', '=', id).execute();
        await trx.deleteFrom('marketplace_import_errors').where('import_job_id', '=', id).execute();
        return row;
      });
      if (taken) recovered.push({ id, was, feedPath: taken.feed_path });
    }
    return recovered;
  }

  /**
   * Moves the store's staged products into inventory (stock for the rows whose quantity is known)
   * and, where the catalog is installed and enabled for `platformId`, into the catalog, then marks
   * them published. Works in batches of 500, each one transaction: a failure leaves the rest staged,
   * and publishing again continues. Where a SKU is staged twice, the newest row wins.
   *
   * @throws OrionError `ORION_ERR_VALIDATION`, `ORION_ERR_NOT_FOUND`, `ORION_ERR_SERVICE_UNAVAILABLE`
   *   when inventory is not available on the platform.
   */
  async publish(input: PublishInput): Promise<PublishResult> {
    const { storeId, platformId, importJobId } = parseInput(publishInputSchema, input, 'publish request');
    if (!this.#services) throw new TypeError('MarketplaceService needs the host’s services to publish');
    await requireStore(this.#db, storeId);
    const inventory = await this.#services.require(inventoryStockWriterRef, { platformId });
    const catalog = (await this.#services.get(catalogProductWriterRef, { platformId })) ?? null;
    const result: PublishResult = {
      published: 0,
      inventory: { created: 0, updated: 0 },
      catalog: catalog ? { created: 0, updated: 0 } : null,
    };
    for (;;) {
      const published = await this.#db.transaction().execute(async (trx) => {
        let query = trx
          .selectFrom('marketplace_products')
          .selectAll()
          .where('store_id', '=', storeId)
          .where('status', '=', 'staged')
          .orderBy('id')
          .limit(BATCH_SIZE);
        if (importJobId !== undefined) query = query.where('import_job_id', '=', importJobId);
        const rows = (await query.execute()).map(toStagedProduct);
        if (rows.length === 0) return 0;
        const newestBySku = [...new Map(rows.map((row) => [row.sku, row])).values()];
        const stock = await inventory.setStock(
          trx,
          storeId,
          newestBySku.filter((row) => row.quantity !== null).map((row) => ({ sku: row.sku, quantity: row.quantity! })),
        );
        add(result.inventory, stock);
        if (catalog) {
          const products = await catalog.upsertProducts(
            trx,
            storeId,
            newestBySku.map((row) => ({ sku: row.sku, title: row.title, price: row.price, currency: row.currency })),
          );
          add(result.catalog!, products);
        }
        await trx
          .updateTable('marketplace_products')
          .set({ status: 'published' })
          .where(
            'id',
            'in',
            rows.map((row) => row.id),
          )
          .execute();
        return rows.length;
      });
      if (published === 0) return result;
      result.published += published;
    }
  }

  /**
   * Rejects staged products of a store so they are never published: those with the given ids, or
   * every staged product of one import job; returns how many changed. Other stores' products and
   * products no longer staged are left alone.
   *
   * @throws OrionError `ORION_ERR_VALIDATION`.
   */
  async rejectStagedProducts(storeId: number, products: number[] | { importJobId: number }): Promise<number> {
    const store = parseInput(idSchema, storeId, 'storeId');
    let query = this.#db
      .updateTable('marketplace_products')
      .set({ status: 'rejected' })
      .where('store_id', '=', store)
      .where('status', '=', 'staged');
    if (Array.isArray(products)) {
      query = query.where('id', 'in', parseInput(z.array(idSchema).min(1).max(10_000), products, 'productIds'));
    } else {
      query = query.where('import_job_id', '=', parseInput(idSchema, products.importJobId, 'importJobId'));
    }
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /**
   * The store's jobs whose feed was uploaded on `platformId` and that still wait, `pending` and held
   * by no one, for their `import-feed` task (at most 500, oldest first): the jobs to queue again
   * when their task was skipped.
   *
   * @throws OrionError `ORION_ERR_VALIDATION`.
   */
  async listResumableJobs(storeId: number, platformId: number): Promise<number[]> {
    const store = parseInput(idSchema, storeId, 'storeId');
    const platform = parseInput(idSchema, platformId, 'platformId');
    const rows = await this.#db
      .selectFrom('marketplace_import_jobs')
      .select('id')
      .where('store_id', '=', store)
      .where('platform_id', '=', platform)
      .where('status', '=', 'pending')
      .where('lease_owner', 'is', null)
      .where('uploaded_at', 'is not', null)
      .orderBy('id')
      .limit(500)
      .execute();
    return rows.map((row) => row.id);
  }

  /**
   * Reads an import job.
   *
   * @throws OrionError `ORION_ERR_VALIDATION`, `ORION_ERR_NOT_FOUND`.
   */
  async getImportJob(importJobId: number): Promise<ImportJob> {
    const id = parseInput(idSchema, importJobId, 'importJobId');
    const row = await this.#selectJobs().where('id', '=', id).executeTakeFirst();
    if (!row) throw new OrionError('ORION_ERR_NOT_FOUND', { entity: 'Import job', id });
    return toImportJob(row);
  }

  /** A store's import jobs, newest first. */
  async listImportJobs(storeId: number, page?: PageInput): Promise<ImportJob[]> {
    const store = parseInput(idSchema, storeId, 'storeId');
    const { limit, offset } = parseInput(pageSchema, page, 'page');
    const rows = await this.#selectJobs()
      .where('store_id', '=', store)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map(toImportJob);
  }

  /** The rows of a job's feed that could not be staged, by line number. */
  async listImportErrors(importJobId: number, page?: PageInput): Promise<ImportRowError[]> {
    const id = parseInput(idSchema, importJobId, 'importJobId');
    const { limit, offset } = parseInput(pageSchema, page, 'page');
    const rows = await this.#db
      .selectFrom('marketplace_import_errors')
      .select(['line_number', sql<string>`substr(reason, 1, 1024)`.as('reason')])
      .where('import_job_id', '=', id)
      .orderBy('line_number')
      .orderBy('id')
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map(toImportRowError);
  }

  /** A store's staged products (or those with another `status`), oldest first. */
  async listStagedProducts(
    storeId: number,
    options: { status?: 'staged' | 'published' | 'rejected' } & PageInput = {},
  ): Promise<StagedProduct[]> {
    const store = parseInput(idSchema, storeId, 'storeId');
    const status = parseInput(stagedStatusSchema.default('staged'), options.status, 'status');
    const { limit, offset } = parseInput(pageSchema, { limit: options.limit, offset: options.offset }, 'page');
    const rows = await this.#db
      .selectFrom('marketplace_products')
      .selectAll()
      .where('store_id', '=', store)
      .where('status', '=', status)
      .orderBy('id')
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map(toStagedProduct);
  }

  /**
   * Import jobs with their message read cut to 1,024 characters in SQL (then to 1 KB), so even a
   * message stored before messages were bounded never makes a list large.
   */
  #selectJobs() {
    return this.#db
      .selectFrom('marketplace_import_jobs')
      .select([
        'id',
        'store_id',
        'source',
        'status',
        'total_rows',
        'imported_rows',
        'error_rows',
        'created_at',
        'started_at',
        'completed_at',
        sql<string | null>`substr(error_message, 1, 1024)`.as('error_message'),
      ]);
  }

  async #writeBatch(jobId: number, storeId: number, owner: string, batch: BatchEntry[]): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      // first the job row, checking the lease (and renewing it): on PostgreSQL this locks the row, so
      // recovery and this batch are one after the other; a lost lease rolls the batch back
      const held = await trx
        .updateTable('marketplace_import_jobs')
        .set({ lease_expires_at: leaseExpiry(this.#leaseMs), heartbeat_at: nowTimestamp() })
        .where('id', '=', jobId)
        .where('lease_owner', '=', owner)
        .where('status', '=', 'processing')
        .executeTakeFirst();
      if (Number(held.numUpdatedRows) === 0) throw new ImportLeaseLostError(`import job ${jobId} was taken over`);
      if (batch.length === 0) return;
      const valid = batch.filter((entry) => entry.row);
      const inserted = await insertStaged(
        trx,
        jobId,
        storeId,
        valid.map((entry) => entry.row!),
      );
      const errors = batch
        .filter((entry) => entry.error !== undefined)
        .map((entry) => ({ line: entry.line, reason: entry.error! }));
      // a row whose id the feed already had was not inserted: claim each inserted id once, in feed order
      for (const entry of valid) {
        const remaining = inserted.get(entry.row!.externalId) ?? 0;
        if (remaining > 0) inserted.set(entry.row!.externalId, remaining - 1);
        else errors.push({ line: entry.line, reason: `id "${entry.row!.externalId}" appears earlier in the feed` });
      }
      if (errors.length > 0) {
        await trx
          .insertInto('marketplace_import_errors')
          .values(
            errors.map((error) => ({
              import_job_id: jobId,
              line_number: error.line,
              reason: boundedText(error.reason),
            })),
          )
          .execute();
      }
      await trx
        .updateTable('marketplace_import_jobs')
        .set((eb) => ({
          total_rows: eb('total_rows', '+', batch.length),
          imported_rows: eb('imported_rows', '+', batch.length - errors.length),
          error_rows: eb('error_rows', '+', errors.length),
        }))
        .where('id', '=', jobId)
        .execute();
    });
  }

  /** Fails the job `owner` holds and removes its rows; nothing when the lease was taken over. */
  async #failJob(jobId: number, message: string, owner: string): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      const held = await trx
        .updateTable('marketplace_import_jobs')
        .set({
          status: 'failed',
          error_message: boundedText(message),
          total_rows: 0,
          imported_rows: 0,
          error_rows: 0,
          completed_at: nowTimestamp(),
          lease_owner: null,
          lease_expires_at: null,
        })
        .where('id', '=', jobId)
        .where('lease_owner', '=', owner)
        .where('status', '=', 'processing')
        .executeTakeFirst();
      if (Number(held.numUpdatedRows) === 0) return;
      await trx.deleteFrom('marketplace_products').where('import_job_id', '=', jobId).execute();
      await trx.deleteFrom('marketplace_import_errors').where('import_job_id', '=', jobId).execute();
    });
  }
}

/** One checked feed row: staged, or an error by line. */
interface BatchEntry {
  line: number;
  row?: StagedRow;
  error?: string;
}

function checked(record: { line: number; fields: Record<string, string> }) {
  const row = checkFeedRow(record.fields);
  return typeof row === 'string' ? { line: record.line, error: row } : { line: record.line, row };
}

/** Inserts staged rows, skipping ids already staged for the job; returns how many of each id went in. */
async function insertStaged(
  trx: Transaction<MarketplaceDatabase>,
  jobId: number,
  storeId: number,
  rows: StagedRow[],
): Promise<Map<string, number>> {
  const inserted = new Map<string, number>();
  if (rows.length === 0) return inserted;
  const createdAt = nowTimestamp();
  const returned = await trx
    .insertInto('marketplace_products')
    .values(
      rows.map((row) => ({
        store_id: storeId,
        import_job_id: jobId,
        external_id: row.externalId,
        sku: row.sku,
        title: row.title,
        price: row.price,
        currency: row.currency,
        quantity: row.quantity,
        status: 'staged' as const,
        created_at: createdAt,
      })),
    )
    .onConflict((conflict) => conflict.columns(['import_job_id', 'external_id']).doNothing())
    .returning('external_id')
    .execute();
  for (const { external_id } of returned) inserted.set(external_id, (inserted.get(external_id) ?? 0) + 1);
  return inserted;
}

function add(total: { created: number; updated: number }, part: { created: number; updated: number }): void {
  total.created += part.created;
  total.updated += part.updated;
}
