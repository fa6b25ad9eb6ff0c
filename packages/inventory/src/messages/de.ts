import { metricMessages } from '@orion/contracts';

/** The inventory module's German messages. */
export const de: Record<string, string> = {
  'menu.inventory.items': 'Lagerbestand',

  'permission.inventory.stock.view': 'Lagerbestände ansehen',
  'permission.inventory.stock.manage': 'Lagerbestände verwalten',
  'permission.inventory.reservations.manage': 'Bestand für Bestellungen reservieren und freigeben',

  ...metricMessages({
    'inventory.total_units': [
      'Einheiten auf Lager',
      'Summe der Bestandsmengen über null. Artikel mit einem Bestand von null oder darunter zählen nicht; Reservierungen werden nicht abgezogen.',
    ],
    'inventory.skus': [
      'Artikelnummern',
      'Verschiedene Artikelnummern (SKUs) mit einem Bestandseintrag, unabhängig von Lagerort und Menge. Auf einer Plattform zählt dieselbe Artikelnummer in zwei Shops doppelt.',
    ],
    'inventory.low_stock': [
      'Geringer Bestand',
      'Artikel mit einer Menge über null, die ihren Mindestbestand erreicht oder unterschritten haben, je Lagerort gezählt.',
    ],
    'inventory.out_of_stock': ['Nicht vorrätig', 'Artikel mit einer Menge von null oder weniger, je Lagerort gezählt.'],
    'inventory.locations': [
      'Lagerorte',
      'Verschiedene Lagerorte, an denen Bestand geführt wird. Auf einer Plattform zählen die Lagerorte jedes Shops für sich.',
    ],
  }),
};
