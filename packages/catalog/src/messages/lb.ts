import type { CatalogMessageKey } from './en.js';

/** The catalog module's Luxembourgish messages. */
export const lb: Record<CatalogMessageKey, string> = {
  'menu.catalog.products': 'Produiten',

  'permission.catalog.products.view': 'Produite kucken',
  'permission.catalog.products.manage': 'Produite verwalten',

  'metric.catalog.products.label': 'Produiten',
  'metric.catalog.products.description': 'All Produiten, aktiv oder net.',
  'metric.catalog.active_products.label': 'Aktiv Produiten',
  'metric.catalog.active_products.description': 'Produiten, déi elo aktiv sinn.',
  'metric.catalog.featured_products.label': 'Ervirgehuewe Produiten',
  'metric.catalog.featured_products.description': 'Produiten, déi elo aktiv an ervirgehuewe sinn.',
  'metric.catalog.new_products.label': 'Nei Produiten',
  'metric.catalog.new_products.description': 'Produiten, déi am gewielten Zäitraum ugeluecht goufen.',
};
