import { metricMessages } from '@orion/contracts';
import type { CatalogMessageKey } from './en.js';

/** The catalog module's Luxembourgish messages. */
export const lb: Record<CatalogMessageKey, string> = {
  'menu.catalog.products': 'Produiten',

  'permission.catalog.products.view': 'Produite kucken',
  'permission.catalog.products.manage': 'Produite verwalten',

  ...metricMessages({
    'catalog.products': ['Produiten', 'All Produiten, aktiv oder net.'],
    'catalog.active_products': ['Aktiv Produiten', 'Produiten, déi elo aktiv sinn.'],
    'catalog.featured_products': ['Ervirgehuewe Produiten', 'Produiten, déi elo aktiv an ervirgehuewe sinn.'],
    'catalog.new_products': ['Nei Produiten', 'Produiten, déi am gewielten Zäitraum ugeluecht goufen.'],
  }),
};
