/** The inventory module's German messages. */
export const de: Record<string, string> = {
  'menu.inventory.items': 'Lagerbestand',

  'permission.inventory.stock.view': 'Lagerbestände ansehen',
  'permission.inventory.stock.manage': 'Lagerbestände verwalten',
  'permission.inventory.reservations.manage': 'Bestand für Bestellungen reservieren und freigeben',

  'metric.inventory.total_units.label': 'Einheiten auf Lager',
  'metric.inventory.total_units.description':
    'Summe der Bestandsmengen über null. Artikel mit einem Bestand von null oder darunter zählen nicht; Reservierungen werden nicht abgezogen.',
  'metric.inventory.skus.label': 'Artikelnummern',
  'metric.inventory.skus.description':
    'Verschiedene Artikelnummern (SKUs) mit einem Bestandseintrag, unabhängig von Lagerort und Menge. Auf einer Plattform zählt dieselbe Artikelnummer in zwei Shops doppelt.',
  'metric.inventory.low_stock.label': 'Geringer Bestand',
  'metric.inventory.low_stock.description':
    'Artikel mit einer Menge über null, die ihren Mindestbestand erreicht oder unterschritten haben, je Lagerort gezählt.',
  'metric.inventory.out_of_stock.label': 'Nicht vorrätig',
  'metric.inventory.out_of_stock.description': 'Artikel mit einer Menge von null oder weniger, je Lagerort gezählt.',
  'metric.inventory.locations.label': 'Lagerorte',
  'metric.inventory.locations.description':
    'Verschiedene Lagerorte, an denen Bestand geführt wird. Auf einer Plattform zählen die Lagerorte jedes Shops für sich.',
};
