import { createServiceRef } from './service-ref.js';

/** A stored media file of a store, as {@link CmsMediaService} describes it. */
export interface MediaFileInfo {
  id: number;
  storeId: number;
  /** The name the file was uploaded under, kept as a label only (never a path). */
  fileName: string;
  /** Detected from the file's bytes at upload, such as `image/png` or `application/pdf`. */
  contentType: string;
  /** The file's size in bytes. */
  bytes: number;
  /** Hex SHA-256 of the file's bytes. */
  sha256: string;
  /** ISO-8601 UTC. */
  createdAt: string;
}

/** A media file with a stream of its bytes, from {@link CmsMediaService.openMedia}. */
export interface OpenedMediaFile {
  file: MediaFileInfo;
  /** The file's bytes; read it to the end or cancel it. */
  stream: ReadableStream<Uint8Array>;
}

/**
 * A store's media files for other modules (the seeds' `MediaServiceProtocol`), provided by
 * `@orion/cms` under {@link cmsMediaServiceRef}: a catalog can show product images without
 * importing the cms.
 *
 * @example
 * ```ts
 * import { cmsMediaServiceRef, type ServiceLocator } from '@orion/contracts';
 *
 * async function productImages(services: ServiceLocator, platformId: number, storeId: number) {
 *   const media = await services.get(cmsMediaServiceRef, { platformId });
 *   if (!media) return []; // cms not installed or not enabled on the platform
 *   const files = await media.listMedia({ storeId, contentTypePrefix: 'image/' });
 *   return files.map((file) => ({ id: file.id, path: media.mediaPath(file.id), alt: file.fileName }));
 * }
 * ```
 */
export interface CmsMediaService {
  /** One media file of `storeId`, or `undefined` when the store has no file with that id. */
  getMedia(options: { storeId: number; mediaId: number }): Promise<MediaFileInfo | undefined>;
  /**
   * A page of the store's media files, newest first; `contentTypePrefix` (`image/`) keeps only
   * matching types. `limit` defaults to 50, at most 500.
   */
  listMedia(options: {
    storeId: number;
    contentTypePrefix?: string;
    limit?: number;
    offset?: number;
  }): Promise<MediaFileInfo[]>;
  /** The file with a stream of its bytes, or `undefined` when the store has no file with that id. */
  openMedia(options: { storeId: number; mediaId: number }): Promise<OpenedMediaFile | undefined>;
  /**
   * The path of the storefront route that serves the file's bytes,
   * `/api/v1/storefront/cms/media/<mediaId>`, relative to the app's origin.
   */
  mediaPath(mediaId: number): string;
}

/**
 * Ask for a store's media files without importing `@orion/cms`:
 * `await services.get(cmsMediaServiceRef, { platformId })` is `undefined` where the cms is not
 * installed or not enabled.
 */
export const cmsMediaServiceRef = createServiceRef<CmsMediaService>({
  id: 'cms.media',
  description: 'Reads a store’s media files (metadata and bytes).',
});
