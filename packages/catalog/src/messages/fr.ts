import type { CatalogMessageKey } from './en.js';

/** The catalog module's French messages. */
export const fr: Record<CatalogMessageKey, string> = {
  'menu.catalog.products': 'Produits',

  'permission.catalog.products.view': 'Voir les produits',
  'permission.catalog.products.manage': 'Gérer les produits',

  'metric.catalog.products.label': 'Produits',
  'metric.catalog.products.description': 'Tous les produits, actifs ou non.',
  'metric.catalog.active_products.label': 'Produits actifs',
  'metric.catalog.active_products.description': 'Produits actuellement actifs.',
  'metric.catalog.featured_products.label': 'Produits mis en avant',
  'metric.catalog.featured_products.description': 'Produits actuellement actifs et mis en avant.',
  'metric.catalog.new_products.label': 'Nouveaux produits',
  'metric.catalog.new_products.description': 'Produits créés pendant la période choisie.',
};
