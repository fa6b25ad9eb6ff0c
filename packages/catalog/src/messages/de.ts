import type { CatalogMessageKey } from './en.js';

/** The catalog module's German messages. */
export const de: Record<CatalogMessageKey, string> = {
  'menu.catalog.products': 'Produkte',

  'permission.catalog.products.view': 'Produkte ansehen',
  'permission.catalog.products.manage': 'Produkte verwalten',

  'metric.catalog.products.label': 'Produkte',
  'metric.catalog.products.description': 'Alle Produkte, aktiv oder nicht.',
  'metric.catalog.active_products.label': 'Aktive Produkte',
  'metric.catalog.active_products.description': 'Produkte, die derzeit aktiv sind.',
  'metric.catalog.featured_products.label': 'Hervorgehobene Produkte',
  'metric.catalog.featured_products.description': 'Produkte, die derzeit aktiv und hervorgehoben sind.',
  'metric.catalog.new_products.label': 'Neue Produkte',
  'metric.catalog.new_products.description': 'Im gewählten Zeitraum angelegte Produkte.',
};
