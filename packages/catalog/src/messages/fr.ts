import { metricMessages } from '@orion/contracts';
import type { CatalogMessageKey } from './en.js';

/** The catalog module's French messages. */
export const fr: Record<CatalogMessageKey, string> = {
  'menu.catalog.products': 'Produits',

  'permission.catalog.products.view': 'Voir les produits',
  'permission.catalog.products.manage': 'Gérer les produits',

  ...metricMessages({
    'catalog.products': ['Produits', 'Tous les produits, actifs ou non.'],
    'catalog.active_products': ['Produits actifs', 'Produits actuellement actifs.'],
    'catalog.featured_products': ['Produits mis en avant', 'Produits actuellement actifs et mis en avant.'],
    'catalog.new_products': ['Nouveaux produits', 'Produits créés pendant la période choisie.'],
  }),
};
