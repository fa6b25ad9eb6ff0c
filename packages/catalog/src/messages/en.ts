/**
 * The catalog module's English messages: menu items, permissions and dashboard metrics. The
 * metrics provider writes its labels and descriptions from these, so they never drift apart.
 */
export const en = {
  'menu.catalog.products': 'Products',

  'permission.catalog.products.view': 'View products',
  'permission.catalog.products.manage': 'Manage products',

  'metric.catalog.products.label': 'Products',
  'metric.catalog.products.description': 'All products, active or not.',
  'metric.catalog.active_products.label': 'Active products',
  'metric.catalog.active_products.description': 'Products that are active now.',
  'metric.catalog.featured_products.label': 'Featured products',
  'metric.catalog.featured_products.description': 'Products that are active and featured now.',
  'metric.catalog.new_products.label': 'New products',
  'metric.catalog.new_products.description': 'Products created in the selected period.',
} as const satisfies Record<string, string>;

/** A message key of the catalog module. */
export type CatalogMessageKey = keyof typeof en;
