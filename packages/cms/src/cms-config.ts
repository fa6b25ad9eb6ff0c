import { join } from 'node:path';
import { z } from 'zod';
import { maxPageLimit } from '@orion/contracts';

/** The default media directory: `.orion/cms-media` under the app's working directory. */
export function defaultMediaDir(): string {
  return join(process.cwd(), '.orion', 'cms-media');
}

/**
 * The cms module's configuration. Environment variables arrive as text, so numbers use
 * `z.coerce`: `CMS_MEDIA_DIR` sets `mediaDir`, `CMS_MEDIA_MAX_BYTES` sets `mediaMaxBytes`,
 * `CMS_PAGE_SIZE` sets `pageSize`.
 *
 * @example
 * ```ts
 * import { cmsConfigSchema } from '@orion/cms';
 *
 * const config = cmsConfigSchema.parse({ mediaDir: '/var/lib/shop/media', mediaMaxBytes: '5242880' });
 * config.mediaMaxBytes; // 5242880
 * ```
 */
export const cmsConfigSchema = z.object({
  /** Where uploaded media files are stored, under generated names; created when missing. */
  mediaDir: z.string().min(1).default(defaultMediaDir),
  /** The largest upload accepted, in bytes (default 10 MiB). */
  mediaMaxBytes: z.coerce
    .number()
    .int()
    .min(1)
    .max(2 ** 40)
    .default(10 * 1024 * 1024),
  /** How many pages or media files a list route answers with at most (default 50, at most 200: `maxPageLimit`). */
  pageSize: z.coerce.number().int().min(1).max(maxPageLimit).default(50),
});

/** The cms module's validated configuration: `{ mediaDir, mediaMaxBytes, pageSize }`. */
export type CmsConfig = z.output<typeof cmsConfigSchema>;
