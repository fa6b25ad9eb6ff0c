import { metricMessages } from '@orion/contracts';
import type { CatalogMessageKey } from './en.js';

/** The catalog module's German messages. */
export const de: Record<CatalogMessageKey, string> = {
  'menu.catalog.products': 'Produkte',

  'permission.catalog.products.view': 'Produkte ansehen',
  'permission.catalog.products.manage': 'Produkte verwalten',

  ...metricMessages({
    'catalog.products': ['Produkte', 'Alle Produkte, aktiv oder nicht.'],
    'catalog.active_products': ['Aktive Produkte', 'Produkte, die derzeit aktiv sind.'],
    'catalog.featured_products': ['Hervorgehobene Produkte', 'Produkte, die derzeit aktiv und hervorgehoben sind.'],
    'catalog.new_products': ['Neue Produkte', 'Im gewählten Zeitraum angelegte Produkte.'],
  }),
};
