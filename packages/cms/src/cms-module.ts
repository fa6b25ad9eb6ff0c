import { cmsMediaServiceRef, databaseType, defineModule } from '@orion/contracts';
import packageJson from '../package.json' with { type: 'json' };
import { cmsConfigSchema } from './cms-config.js';
import { cmsErrors } from './cms-errors.js';
import { cmsMediaUploadedEventSchema, cmsPagePublishedEventSchema } from './cms-events.js';
import { cmsKit } from './cms-kit.js';
import { CmsMediaStore } from './cms-media-store.js';
import { cmsPermissions, cmsRoutes } from './cms-routes.js';
import { de } from './messages/de.js';
import { en } from './messages/en.js';
import { fr } from './messages/fr.js';
import { lb } from './messages/lb.js';
import { cms001CreateTables } from './migrations/cms-001-create-tables.js';
import { cms002PlatformRollups } from './migrations/cms-002-platform-rollups.js';
import type { CmsDatabase } from './schema.js';

/**
 * The cms module (`code: 'cms'`, core: on wherever it is installed; requires tenancy only): content
 * pages of a store and of a platform (Markdown, rendered and sanitised), media files uploaded as
 * streams and checked by their bytes, a store's theme, and the `cms` metrics on both dashboards.
 * Other modules read a store's media through `cmsMediaServiceRef` from `@orion/contracts`, without
 * importing this package. The host finds it through the `orion` field of package.json.
 *
 * @example
 * ```ts
 * import { createOrion } from '@orion/core';
 * import { cmsModule } from '@orion/cms';
 * import { tenancyModule } from '@orion/tenancy';
 *
 * const orion = await createOrion({ database: 'sqlite:app.sqlite', modules: [tenancyModule, cmsModule] });
 * ```
 */
export const cmsModule = defineModule({
  code: 'cms',
  name: 'CMS',
  description: 'Content pages of stores and platforms, media files and store themes, with content metrics.',
  version: packageJson.version,
  isCore: true,
  requires: ['tenancy'],
  database: databaseType<CmsDatabase>(),
  config: {
    schema: cmsConfigSchema,
    envPrefix: 'CMS_',
    defaults: { mediaMaxBytes: 10 * 1024 * 1024, pageSize: 50 },
  },
  permissions: [
    { code: cmsPermissions.view, label: en['permission.cms.view'] },
    {
      code: cmsPermissions.manage,
      label: en['permission.cms.manage'],
      description: 'Write and publish pages, upload and delete media files, choose the theme.',
    },
    {
      code: cmsPermissions.platformView,
      label: en['permission.cms.platform.view'],
      description: 'On the admin frontend: the platform’s own pages and those of its stores.',
    },
    { code: cmsPermissions.platformManage, label: en['permission.cms.platform.manage'] },
  ],
  menuItems: [
    {
      id: 'cms.pages',
      frontend: 'store',
      label: en['menu.cms.pages'],
      path: '/cms/pages',
      icon: 'file-text',
      order: 60,
      permission: cmsPermissions.view,
    },
    {
      id: 'cms.media',
      frontend: 'store',
      label: en['menu.cms.media'],
      path: '/cms/media',
      icon: 'image',
      order: 61,
      permission: cmsPermissions.view,
    },
    {
      id: 'cms.theme',
      frontend: 'store',
      label: en['menu.cms.theme'],
      path: '/cms/theme',
      icon: 'palette',
      order: 62,
      permission: cmsPermissions.view,
    },
    {
      id: 'cms.platform-pages',
      frontend: 'admin',
      label: en['menu.cms.platform-pages'],
      path: '/cms/pages',
      icon: 'file-text',
      order: 60,
      permission: cmsPermissions.platformView,
    },
  ],
  routes: cmsRoutes,
  messages: { en, de, fr, lb },
  errors: cmsErrors,
  events: { 'cms.page_published': cmsPagePublishedEventSchema, 'cms.media_uploaded': cmsMediaUploadedEventSchema },
  migrations: {
    cms_001_create_tables: cms001CreateTables,
    cms_002_platform_rollups: cms002PlatformRollups,
  },
  provides: [
    cmsKit.provideService(cmsMediaServiceRef, ({ db, config, logger }) => new CmsMediaStore(db, config, logger)),
  ],
  metricsProvider: async () => (await import('./cms-metrics-provider.js')).cmsMetricsProvider,
  // `orion rebuild cms`: the triggers keep the platform rollups exact; this is the repair tool.
  rebuild: async ({ db }) => {
    await (await import('./migrations/cms-002-platform-rollups.js')).rebuildCmsPlatformRollups(db);
  },
});
