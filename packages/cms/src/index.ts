/**
 * `@orion/cms`: Orion's core content module: pages of stores and platforms, media files, store
 * themes and their metrics. This file is the package's only public door.
 *
 * @packageDocumentation
 */
export { cmsModule } from './cms-module.js';
export { cmsErrors } from './cms-errors.js';
export {
  cmsMediaUploadedEventRef,
  cmsMediaUploadedEventSchema,
  cmsPagePublishedEventRef,
  cmsPagePublishedEventSchema,
} from './cms-events.js';
export { cmsConfigSchema, defaultMediaDir, type CmsConfig } from './cms-config.js';
export { cmsPermissions } from './cms-routes.js';
export {
  createPageInputSchema,
  updatePageInputSchema,
  pageSlugSchema,
  pageLocaleSchema,
  pageStatuses,
  type CmsPage,
  type CreatePageInput,
  type PageStatus,
  type UpdatePageInput,
} from './cms-page.js';
export { allowedMediaTypes } from './media-upload.js';
export {
  defaultThemeCode,
  setThemeInputSchema,
  themeSettingsSchema,
  type CmsTheme,
  type ThemeSettings,
} from './cms-theme.js';
export type { CmsDatabase, CmsMediaFilesTable, CmsPagesTable, CmsThemesTable } from './schema.js';
