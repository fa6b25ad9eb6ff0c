import { metricMessages } from '@orion/contracts';

/**
 * The catalog module's English messages: menu items, permissions and dashboard metrics. The
 * metrics provider writes its labels and descriptions from these, so they never drift apart.
 */
export const en = {
  'menu.catalog.products': 'Products',

  'permission.catalog.products.view': 'View products',
  'permission.catalog.products.manage': 'Manage products',

  ...metricMessages({
    'catalog.products': ['Products', 'All products, active or not.'],
    'catalog.active_products': ['Active products', 'Products that are active now.'],
    'catalog.featured_products': ['Featured products', 'Products that are active and featured now.'],
    'catalog.new_products': ['New products', 'Products created in the selected period.'],
  }),
} as const satisfies Record<string, string>;

/** A message key of the catalog module. */
export type CatalogMessageKey = keyof typeof en;
