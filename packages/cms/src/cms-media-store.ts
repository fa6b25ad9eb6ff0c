/**
 * A store's media files: upload, list, read, open and delete. Implements the
 * {@link CmsMediaService} other modules get under `cmsMediaServiceRef`; the routes use the rest.
 */
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import {
  afterCommit,
  inTransaction,
  maxPageLimit,
  nowTimestamp,
  toIsoTimestamp,
  toNumber,
  type CmsMediaService,
  type MediaFileInfo,
  type Logger,
} from '@orion/contracts';
import type { Kysely, Selectable } from 'kysely';
import { cmsErrors } from './cms-errors.js';
import { mediaFilePath, receiveUpload, sanitizeFileName } from './media-upload.js';
import type { CmsDatabase, CmsMediaFilesTable } from './schema.js';

function toMediaFile(row: Selectable<CmsMediaFilesTable>): MediaFileInfo {
  return {
    id: row.id,
    storeId: row.store_id,
    fileName: row.file_name,
    contentType: row.content_type,
    bytes: toNumber(row.bytes),
    sha256: row.sha256,
    createdAt: toIsoTimestamp(row.created_at),
  };
}

/** Where the files are and how large one may be: the module configuration's part that media needs. */
export interface MediaStorageConfig {
  mediaDir: string;
  mediaMaxBytes: number;
}

export class CmsMediaStore implements CmsMediaService {
  readonly #db: Kysely<CmsDatabase>;
  readonly #config: MediaStorageConfig;
  readonly #logger: Logger | undefined;

  constructor(db: Kysely<CmsDatabase>, config: MediaStorageConfig, logger?: Logger) {
    this.#db = db;
    this.#config = config;
    this.#logger = logger;
  }

  async getMedia(options: { storeId: number; mediaId: number }): Promise<MediaFileInfo | undefined> {
    const row = await this.#row(options.storeId, options.mediaId);
    return row ? toMediaFile(row) : undefined;
  }

  async listMedia(options: {
    storeId: number;
    contentTypePrefix?: string;
    limit?: number;
    offset?: number;
  }): Promise<MediaFileInfo[]> {
    let query = this.#db.selectFrom('cms_media_files').selectAll().where('store_id', '=', options.storeId);
    if (options.contentTypePrefix)
      query = query.where('content_type', 'like', `${options.contentTypePrefix.replace(/[%_\\]/g, '')}%`);
    const rows = await query
      .orderBy('id', 'desc')
      .limit(Math.min(Math.max(options.limit ?? 50, 1), maxPageLimit))
      .offset(Math.max(options.offset ?? 0, 0))
      .execute();
    return rows.map(toMediaFile);
  }

  async openMedia(options: { storeId: number; mediaId: number }) {
    const row = await this.#row(options.storeId, options.mediaId);
    if (!row) return undefined;
    const stream = Readable.toWeb(
      createReadStream(mediaFilePath(this.#config.mediaDir, row.storage_name)),
    ) as ReadableStream<Uint8Array>;
    return { file: toMediaFile(row), stream };
  }

  mediaPath(mediaId: number): string {
    return `/api/v1/storefront/cms/media/${mediaId}`;
  }

  /** @throws OrionError `CMS_ERR_MEDIA_NOT_FOUND` */
  async requireMedia(storeId: number, mediaId: number): Promise<MediaFileInfo> {
    const file = await this.getMedia({ storeId, mediaId });
    if (!file) throw cmsErrors.create('CMS_ERR_MEDIA_NOT_FOUND', { mediaId });
    return file;
  }

  /**
   * Streams an upload to the media directory and records it. On any failure, neither a row nor a
   * file is left: the row is written in a transaction that also renames the checked temporary file
   * to its final name; the files are removed when anything throws.
   *
   * @throws OrionError `CMS_ERR_MEDIA_TOO_LARGE`, `CMS_ERR_MEDIA_EMPTY`, `CMS_ERR_MEDIA_TYPE_NOT_ALLOWED`
   */
  async upload(options: {
    storeId: number;
    fileName?: string;
    body: ReadableStream<Uint8Array>;
    declaredBytes?: number;
  }): Promise<MediaFileInfo> {
    const maxBytes = this.#config.mediaMaxBytes;
    if (options.declaredBytes !== undefined && options.declaredBytes > maxBytes) {
      await options.body.cancel().catch(() => undefined);
      throw cmsErrors.create('CMS_ERR_MEDIA_TOO_LARGE', { maxBytes });
    }
    const received = await receiveUpload(options.body, { dir: this.#config.mediaDir, maxBytes });
    try {
      const row = await inTransaction(this.#db, async (trx) => {
        const inserted = await trx
          .insertInto('cms_media_files')
          .values({
            store_id: options.storeId,
            file_name: sanitizeFileName(options.fileName),
            storage_name: received.storageName,
            content_type: received.contentType,
            bytes: received.bytes,
            sha256: received.sha256,
            created_at: nowTimestamp(),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await received.keep();
        return inserted;
      });
      return toMediaFile(row);
    } catch (error) {
      await received.discard();
      throw error;
    }
  }

  /** Deletes the row, then (after commit) the file. @throws OrionError `CMS_ERR_MEDIA_NOT_FOUND` */
  async delete(storeId: number, mediaId: number): Promise<void> {
    await inTransaction(this.#db, async (trx) => {
      const row = await trx
        .deleteFrom('cms_media_files')
        .where('store_id', '=', storeId)
        .where('id', '=', mediaId)
        .returning('storage_name')
        .executeTakeFirst();
      if (!row) throw cmsErrors.create('CMS_ERR_MEDIA_NOT_FOUND', { mediaId });
      const file = mediaFilePath(this.#config.mediaDir, row.storage_name);
      afterCommit(trx, () => {
        rm(file, { force: true }).catch((error: unknown) =>
          this.#logger?.warn('cms: could not remove a deleted media file', { file, error: String(error) }),
        );
      });
    });
  }

  #row(storeId: number, mediaId: number) {
    return this.#db
      .selectFrom('cms_media_files')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('id', '=', mediaId)
      .executeTakeFirst();
  }
}
