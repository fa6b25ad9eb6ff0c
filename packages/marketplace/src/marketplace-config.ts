/** The marketplace module's configuration: where uploaded feeds wait, how large they may be, and the import lease. */
import { z } from 'zod';

/**
 * The largest feed an upload takes when `MARKETPLACE_MAX_FEED_BYTES` is not set: 256 MiB, the
 * host's default limit for streamed bodies (the smaller of the two applies).
 */
export const defaultMaxFeedBytes = 256 * 1024 * 1024;

/** How long a running import's (or upload's) lease lasts when `MARKETPLACE_LEASE_SECONDS` is not set. */
export const defaultLeaseSeconds = 30;

const positiveNumber = z.union([
  z.number(),
  z
    .string()
    .regex(/^\d+(\.\d+)?$/)
    .transform(Number),
]);

/**
 * Validates the marketplace configuration; the host reads `MARKETPLACE_UPLOAD_DIR`,
 * `MARKETPLACE_MAX_FEED_BYTES` and `MARKETPLACE_LEASE_SECONDS`.
 *
 * @example
 * ```ts
 * import { marketplaceConfigSchema } from './marketplace-config.js';
 *
 * marketplaceConfigSchema.parse({}); // { maxFeedBytes: 268435456, leaseSeconds: 30 }
 * marketplaceConfigSchema.parse({ leaseSeconds: '5' }).leaseSeconds; // 5
 * ```
 */
export const marketplaceConfigSchema = z.object({
  /**
   * The directory uploads are streamed to, one uniquely named file per import job; created when
   * missing. Unset: a folder beside the SQLite file (`<file>-marketplace-feeds`), or one per
   * PostgreSQL database under the OS's temporary folder.
   */
  uploadDir: z.string().min(1).optional(),
  /**
   * The largest feed an upload takes, in bytes; a larger one is refused with 413
   * `ORION_ERR_PAYLOAD_TOO_LARGE`. The host's `streamBodyLimit` (256 MiB by default) applies too.
   */
  maxFeedBytes: positiveNumber.pipe(z.number().int().min(1).max(Number.MAX_SAFE_INTEGER)).default(defaultMaxFeedBytes),
  /**
   * How long the lease of a running upload or import lasts, in seconds; its holder renews it every
   * third of that. Recovery fails a job only once its lease has run out.
   */
  leaseSeconds: positiveNumber.pipe(z.number().min(0.1).max(3600)).default(defaultLeaseSeconds),
});

/** The marketplace configuration: `{ uploadDir?, maxFeedBytes, leaseSeconds }`. */
export type MarketplaceConfig = z.output<typeof marketplaceConfigSchema>;
