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
  'metric.cms.pages.label': 'Pages',
  'metric.cms.pages.description': 'Content pages, drafts and published; not limited to the period.',
  'metric.cms.published_pages.label': 'Published pages',
  'metric.cms.published_pages.description': 'Content pages that are published now.',
  'metric.cms.new_pages.label': 'New pages',
  'metric.cms.new_pages.description': 'Content pages created in the period.',
  'metric.cms.media_files.label': 'Media files',
  'metric.cms.media_files.description': 'Uploaded images and documents.',
  'metric.cms.media_bytes.label': 'Media storage',
  'metric.cms.media_bytes.description': 'Bytes taken by the uploaded media files.',
  'metric.cms.themed_stores.label': 'Themed stores',
  'metric.cms.themed_stores.description': 'Stores that chose a theme other than the default one.',
} as const satisfies Record<string, string>;

/** A message key of the cms module. */
export type CmsMessageKey = keyof typeof en;
