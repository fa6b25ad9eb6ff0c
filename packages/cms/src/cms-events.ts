/** The events the cms module publishes, with their payloads validated when published. */
import { createEventRef } from '@orion/contracts';
import { z } from 'zod';

/**
 * The payload of `cms.page_published`: the page's id, its scope (store or platform), slug and locale.
 *
 * @example
 * ```ts
 * import { cmsPagePublishedEventSchema } from '@orion/cms';
 *
 * cmsPagePublishedEventSchema.parse({ pageId: 3, storeId: 12, platformId: null, slug: 'about-us', locale: 'en' });
 * ```
 */
export const cmsPagePublishedEventSchema = z.object({
  pageId: z.number().int().positive(),
  storeId: z.number().int().positive().nullable(),
  platformId: z.number().int().positive().nullable(),
  slug: z.string(),
  locale: z.string(),
});

/**
 * `cms.page_published`: a page was published (created as published, or published later), for a
 * storefront cache to refresh. Published on the platform of the request.
 *
 * @example
 * ```ts
 * import { cmsPagePublishedEventRef } from '@orion/cms';
 *
 * orion.events.on(cmsPagePublishedEventRef, ({ payload }) => console.log(`/${payload.slug} changed`));
 * ```
 */
export const cmsPagePublishedEventRef = createEventRef('cms.page_published', cmsPagePublishedEventSchema);

/**
 * The payload of `cms.media_uploaded`: the stored file's id, store, detected type and size.
 *
 * @example
 * ```ts
 * import { cmsMediaUploadedEventSchema } from '@orion/cms';
 *
 * cmsMediaUploadedEventSchema.parse({ mediaId: 7, storeId: 12, contentType: 'image/png', bytes: 68 });
 * ```
 */
export const cmsMediaUploadedEventSchema = z.object({
  mediaId: z.number().int().positive(),
  storeId: z.number().int().positive(),
  contentType: z.string(),
  bytes: z.number().int().nonnegative(),
});

/**
 * `cms.media_uploaded`: a media file was stored (its row committed and its bytes in place).
 * Subscribers in other packages may write `createEventRef<{ mediaId: number; storeId: number }>('cms.media_uploaded')`
 * instead of importing `@orion/cms`.
 *
 * @example
 * ```ts
 * import { cmsMediaUploadedEventRef } from '@orion/cms';
 *
 * orion.events.on(cmsMediaUploadedEventRef, ({ payload }) => console.log(payload.mediaId, payload.contentType));
 * ```
 */
export const cmsMediaUploadedEventRef = createEventRef('cms.media_uploaded', cmsMediaUploadedEventSchema);
