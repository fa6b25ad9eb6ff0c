/** The marketplace module's configuration: where uploaded feeds wait for their import task. */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

/** Where uploaded feeds are kept until imported when `MARKETPLACE_UPLOAD_DIR` is not set. */
export const defaultUploadDir = join(tmpdir(), 'orion-marketplace-feeds');

/**
 * Validates the marketplace configuration; the host reads `MARKETPLACE_UPLOAD_DIR` into `uploadDir`.
 *
 * @example
 * ```ts
 * import { marketplaceConfigSchema } from './marketplace-config.js';
 *
 * marketplaceConfigSchema.parse({}); // { uploadDir: '/tmp/orion-marketplace-feeds' }
 * ```
 */
export const marketplaceConfigSchema = z.object({
  /** The directory uploads are streamed to, one `<jobId>.feed` file per import job; created when missing. */
  uploadDir: z.string().min(1).default(defaultUploadDir),
});

/** The marketplace configuration: `{ uploadDir }`. */
export type MarketplaceConfig = z.output<typeof marketplaceConfigSchema>;
