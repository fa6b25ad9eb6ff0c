/**
 * The cms module's HTTP routes, mounted by the host at `/api/v1/<frontend>/cms/…` on the platforms
 * where the module is enabled. A store route acts on the caller's own store (`context.storeId`)
 * only; an admin route on the caller's platform (`context.platformId`) and the stores with an
 * active membership in it.
 */
import {
  idParamSchema,
  pageQuerySchema,
  routeResponse,
  type MediaFileInfo,
  type ModuleEvents,
  type RequestContext,
} from '@orion/contracts';
import { callerStoreId, requirePlatformStore } from '@orion/tenancy';
import { z } from 'zod';
import { cmsErrors } from './cms-errors.js';
import { cmsMediaUploadedEventRef, cmsPagePublishedEventRef } from './cms-events.js';
import { cmsKit } from './cms-kit.js';
import { CmsMediaStore } from './cms-media-store.js';
import {
  createPageInputSchema,
  pageLocaleSchema,
  pageSlugSchema,
  pageStatuses,
  updatePageInputSchema,
} from './cms-page.js';
import { CmsPagesService, type PageScope } from './cms-pages-service.js';
import type { CmsPage } from './cms-page.js';
import { getStoreTheme, setStoreTheme, setThemeInputSchema } from './cms-theme.js';

/**
 * The permissions the cms routes check, declared with their labels in the module definition.
 *
 * @example
 * ```ts
 * import { cmsPermissions } from '@orion/cms';
 *
 * const editor = { platformId: 1, storeId: 12, permissions: [cmsPermissions.view, cmsPermissions.manage] };
 * ```
 */
export const cmsPermissions = {
  /** Store: read the store's pages, media files and theme. */
  view: 'cms.view',
  /** Store: write pages (and publish them), upload and delete media, set the theme. */
  manage: 'cms.manage',
  /** Admin: read the platform's own pages and the pages of its stores. */
  platformView: 'cms.platform.view',
  /** Admin: write and publish the platform's own pages. */
  platformManage: 'cms.platform.manage',
} as const;

/** `?limit=&offset=`: the shared page rule; without `limit`, the module's configured `pageSize`. */
const pageQuery = { limit: pageQuerySchema.shape.limit.unwrap().optional(), offset: pageQuerySchema.shape.offset };
const pageParams = z.object({ pageId: idParamSchema });
const mediaParams = z.object({ mediaId: idParamSchema });
const pageListQuery = z.object({
  status: z.enum(pageStatuses).optional(),
  locale: pageLocaleSchema.optional(),
  ...pageQuery,
});

const storeScope = (storeId: number): PageScope => ({ storeId });

/** Publishes `cms.page_published` when `page` is published; answers the page. */
function announced(page: CmsPage, events: ModuleEvents, platformId: number): CmsPage {
  if (page.status === 'published') {
    events.publish(
      cmsPagePublishedEventRef,
      { pageId: page.id, storeId: page.storeId, platformId: page.platformId, slug: page.slug, locale: page.locale },
      { platformId },
    );
  }
  return page;
}

/** The page routes of one scope (the caller's store, or the caller's platform), for `store` or `admin`. */
function pageRoutes(scopeOf: (context: RequestContext, permission: string) => PageScope, view: string, manage: string) {
  return [
    cmsKit.route({
      method: 'GET',
      path: '/pages',
      summary: 'The pages, by slug (filter by status and locale; at most 200 a page)',
      query: pageListQuery,
      permission: view,
      handler: ({ db, context, query, config }) =>
        new CmsPagesService(db, scopeOf(context, view))
          .list({ ...query, limit: query.limit ?? config.pageSize })
          .then((pages) => ({ pages })),
    }),
    cmsKit.route({
      method: 'POST',
      path: '/pages',
      summary: 'Creates a page (Markdown body; draft unless status is published)',
      body: createPageInputSchema,
      permission: manage,
      handler: async ({ db, context, body, events }) =>
        routeResponse(
          201,
          announced(await new CmsPagesService(db, scopeOf(context, manage)).create(body), events, context.platformId),
        ),
    }),
    cmsKit.route({
      method: 'GET',
      path: '/pages/:pageId',
      summary: 'One page',
      params: pageParams,
      permission: view,
      handler: ({ db, context, params }) => new CmsPagesService(db, scopeOf(context, view)).get(params.pageId),
    }),
    cmsKit.route({
      method: 'PATCH',
      path: '/pages/:pageId',
      summary: 'Changes a page’s slug, title, body or locale',
      params: pageParams,
      body: updatePageInputSchema,
      permission: manage,
      handler: ({ db, context, params, body }) =>
        new CmsPagesService(db, scopeOf(context, manage)).update(params.pageId, body),
    }),
    cmsKit.route({
      method: 'DELETE',
      path: '/pages/:pageId',
      summary: 'Deletes a page',
      params: pageParams,
      permission: manage,
      handler: async ({ db, context, params }) => {
        await new CmsPagesService(db, scopeOf(context, manage)).delete(params.pageId);
      },
    }),
    cmsKit.route({
      method: 'POST',
      path: '/pages/:pageId/publish',
      summary: 'Publishes a page (published_at becomes now)',
      params: pageParams,
      permission: manage,
      handler: async ({ db, context, params, events }) =>
        announced(
          await new CmsPagesService(db, scopeOf(context, manage)).setStatus(params.pageId, 'published'),
          events,
          context.platformId,
        ),
    }),
    cmsKit.route({
      method: 'POST',
      path: '/pages/:pageId/unpublish',
      summary: 'Takes a page back to draft',
      params: pageParams,
      permission: manage,
      handler: ({ db, context, params }) =>
        new CmsPagesService(db, scopeOf(context, manage)).setStatus(params.pageId, 'draft'),
    }),
  ];
}

/** `Content-Disposition` for a stored file: inline, with its (sanitised) name, RFC 5987-encoded. */
function contentHeaders(file: MediaFileInfo): Record<string, string> {
  const ascii = file.fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return {
    'content-type': file.contentType,
    'content-length': String(file.bytes),
    'content-disposition': `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, max-age=3600',
  };
}

const uploadMedia = cmsKit.route({
  method: 'POST',
  path: '/media',
  summary: 'Uploads a media file (the raw bytes as the body, streamed; type detected from the bytes)',
  query: z.object({ fileName: z.string().max(1000).optional() }),
  body: 'stream',
  permission: cmsPermissions.manage,
  handler: async ({ db, context, query, body, request, config, logger, events }) => {
    const storeId = callerStoreId(context, cmsPermissions.manage);
    const length = request.headers.get('content-length');
    const file = await new CmsMediaStore(db, config, logger).upload({
      storeId,
      body,
      ...(query.fileName === undefined ? {} : { fileName: query.fileName }),
      ...(length !== null && /^\d+$/.test(length) ? { declaredBytes: Number(length) } : {}),
    });
    events.publish(
      cmsMediaUploadedEventRef,
      { mediaId: file.id, storeId, contentType: file.contentType, bytes: file.bytes },
      { platformId: context.platformId },
    );
    return routeResponse(201, file);
  },
});

const listMedia = cmsKit.route({
  method: 'GET',
  path: '/media',
  summary: 'The store’s media files, newest first (type: a content type prefix such as image/)',
  query: z.object({
    type: z
      .string()
      .regex(/^[a-z]+\/[a-z0-9.+-]*$/)
      .optional(),
    ...pageQuery,
  }),
  permission: cmsPermissions.view,
  handler: async ({ db, context, query, config }) => {
    const storeId = callerStoreId(context, cmsPermissions.view);
    const media = await new CmsMediaStore(db, config).listMedia({
      storeId,
      limit: query.limit ?? config.pageSize,
      offset: query.offset,
      ...(query.type === undefined ? {} : { contentTypePrefix: query.type }),
    });
    return { media };
  },
});

const getMedia = cmsKit.route({
  method: 'GET',
  path: '/media/:mediaId',
  summary: 'One media file’s metadata',
  params: mediaParams,
  permission: cmsPermissions.view,
  handler: ({ db, context, params, config }) =>
    new CmsMediaStore(db, config).requireMedia(callerStoreId(context, cmsPermissions.view), params.mediaId),
});

/** Answers a stored file's bytes, or `CMS_ERR_MEDIA_NOT_FOUND`. */
async function mediaContent(store: CmsMediaStore, storeId: number, mediaId: number): Promise<Response> {
  const opened = await store.openMedia({ storeId, mediaId });
  if (!opened) throw cmsErrors.create('CMS_ERR_MEDIA_NOT_FOUND', { mediaId });
  return new Response(opened.stream, { status: 200, headers: contentHeaders(opened.file) });
}

const getMediaContent = cmsKit.route({
  method: 'GET',
  path: '/media/:mediaId/content',
  summary: 'One media file’s bytes',
  params: mediaParams,
  permission: cmsPermissions.view,
  handler: ({ db, context, params, config }) =>
    mediaContent(new CmsMediaStore(db, config), callerStoreId(context, cmsPermissions.view), params.mediaId),
});

const deleteMedia = cmsKit.route({
  method: 'DELETE',
  path: '/media/:mediaId',
  summary: 'Deletes a media file (its row, then its bytes)',
  params: mediaParams,
  permission: cmsPermissions.manage,
  handler: async ({ db, context, params, config, logger }) => {
    await new CmsMediaStore(db, config, logger).delete(callerStoreId(context, cmsPermissions.manage), params.mediaId);
  },
});

const getTheme = cmsKit.route({
  method: 'GET',
  path: '/theme',
  summary: 'The store’s theme (the default one when none is chosen)',
  permission: cmsPermissions.view,
  handler: ({ db, context }) => getStoreTheme(db, callerStoreId(context, cmsPermissions.view)),
});

const setTheme = cmsKit.route({
  method: 'PUT',
  path: '/theme',
  summary: 'Chooses the store’s theme and its settings',
  body: setThemeInputSchema,
  permission: cmsPermissions.manage,
  handler: ({ db, context, body }) => setStoreTheme(db, callerStoreId(context, cmsPermissions.manage), body),
});

const listPlatformStorePages = cmsKit.route({
  method: 'GET',
  path: '/stores/:storeId/pages',
  summary: 'The pages of a store on the caller’s platform',
  params: z.object({ storeId: idParamSchema }),
  query: pageListQuery,
  permission: cmsPermissions.platformView,
  handler: async ({ db, context, params, query, config }) => {
    await requirePlatformStore(db, params.storeId, context.platformId);
    const pages = await new CmsPagesService(db, storeScope(params.storeId)).list({
      ...query,
      limit: query.limit ?? config.pageSize,
    });
    return { pages };
  },
});

/** The storefront's store: the shop's store, which must be active on the request's platform. */
async function storefrontStore(
  db: Parameters<typeof requirePlatformStore>[0],
  context: RequestContext,
): Promise<number> {
  const storeId = callerStoreId(context, 'storefront');
  await requirePlatformStore(db, storeId, context.platformId);
  return storeId;
}

const slugQuery = z.object({ slug: pageSlugSchema, locale: pageLocaleSchema.optional() });

const storefrontPage = cmsKit.route({
  method: 'GET',
  path: '/page',
  summary: 'A published page of the shop by slug (and locale)',
  query: slugQuery,
  handler: async ({ db, context, query }) => {
    const page = await new CmsPagesService(db, storeScope(await storefrontStore(db, context))).findPublished(
      query.slug,
      query.locale,
    );
    if (!page) throw cmsErrors.create('CMS_ERR_PAGE_NOT_FOUND', { pageId: query.slug });
    return page;
  },
});

const storefrontPlatformPage = cmsKit.route({
  method: 'GET',
  path: '/platform-page',
  summary: 'A published page of the platform by slug (and locale)',
  query: slugQuery,
  handler: async ({ db, context, query }) => {
    const page = await new CmsPagesService(db, { platformId: context.platformId }).findPublished(
      query.slug,
      query.locale,
    );
    if (!page) throw cmsErrors.create('CMS_ERR_PAGE_NOT_FOUND', { pageId: query.slug });
    return page;
  },
});

const storefrontMedia = cmsKit.route({
  method: 'GET',
  path: '/media/:mediaId',
  summary: 'A media file’s bytes, for the shop’s pages and products',
  params: mediaParams,
  handler: async ({ db, context, params, config }) =>
    mediaContent(new CmsMediaStore(db, config), await storefrontStore(db, context), params.mediaId),
});

/**
 * The cms routes by frontend (see the package README for permissions, inputs and answers):
 *
 * - store: `GET|POST /pages`, `GET|PATCH|DELETE /pages/:pageId`, `POST /pages/:pageId/publish`,
 *   `POST /pages/:pageId/unpublish`, `POST|GET /media`, `GET|DELETE /media/:mediaId`,
 *   `GET /media/:mediaId/content`, `GET|PUT /theme`;
 * - admin: the same page routes for the platform's own pages, and `GET /stores/:storeId/pages`;
 * - storefront (public): `GET /page?slug=`, `GET /platform-page?slug=`, `GET /media/:mediaId`.
 */
export const cmsRoutes = cmsKit.routes({
  store: [
    ...pageRoutes(
      (context, permission) => storeScope(callerStoreId(context, permission)),
      cmsPermissions.view,
      cmsPermissions.manage,
    ),
    uploadMedia,
    listMedia,
    getMedia,
    getMediaContent,
    deleteMedia,
    getTheme,
    setTheme,
  ],
  admin: [
    ...pageRoutes(
      (context) => ({ platformId: context.platformId }),
      cmsPermissions.platformView,
      cmsPermissions.platformManage,
    ),
    listPlatformStorePages,
  ],
  storefront: [storefrontPage, storefrontPlatformPage, storefrontMedia],
});
