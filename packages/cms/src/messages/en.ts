import { metricMessages } from '@orion/contracts';

/**
 * The cms module's English messages: menu items, permissions and dashboard metrics. The host
 * reads `menu.<item id>`, `permission.<code>` and `metric.<key>.label`/`.description`; German,
 * French and Luxembourgish hold the same keys (their type says so). Error messages live with the
 * error codes.
 */
export const en = {
  'menu.cms.pages': 'Pages',
  'menu.cms.media': 'Media',
  'menu.cms.theme': 'Theme',
  'menu.cms.platform-pages': 'Platform pages',
  'permission.cms.view': 'View pages, media and theme',
  'permission.cms.manage': 'Edit pages, media and theme',
  'permission.cms.platform.view': 'View platform and store pages',
  'permission.cms.platform.manage': 'Edit platform pages',
  ...metricMessages({
    'cms.pages': ['Pages', 'Content pages, drafts and published; not limited to the period.'],
    'cms.published_pages': ['Published pages', 'Content pages that are published now.'],
    'cms.new_pages': ['New pages', 'Content pages created in the period.'],
    'cms.media_files': ['Media files', 'Uploaded images and documents.'],
    'cms.media_bytes': ['Media storage', 'Bytes taken by the uploaded media files.'],
    'cms.themed_stores': ['Themed stores', 'Stores that chose a theme other than the default one.'],
  }),
} as const satisfies Record<string, string>;

/** A message key of the cms module. */
export type CmsMessageKey = keyof typeof en;
