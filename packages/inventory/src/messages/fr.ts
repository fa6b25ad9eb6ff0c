/** The inventory module's French messages. */
export const fr: Record<string, string> = {
  'menu.inventory.items': 'Stocks',

  'permission.inventory.stock.view': 'Consulter les niveaux de stock',
  'permission.inventory.stock.manage': 'Gérer les niveaux de stock',
  'permission.inventory.reservations.manage': 'Réserver et libérer du stock pour les commandes',

  'metric.inventory.total_units.label': 'Unités en stock',
  'metric.inventory.total_units.description':
    'Somme des quantités disponibles supérieures à zéro. Les articles dont le stock est nul ou négatif ne comptent pas, et les réservations ne sont pas déduites.',
  'metric.inventory.skus.label': 'Références',
  'metric.inventory.skus.description':
    'Références (SKU) distinctes ayant une fiche de stock, quels que soient l’emplacement et la quantité. Sur une plateforme, la même référence dans deux boutiques compte deux fois.',
  'metric.inventory.low_stock.label': 'Stock faible',
  'metric.inventory.low_stock.description':
    'Articles dont la quantité est supérieure à zéro mais inférieure ou égale à leur seuil de stock faible, comptés par emplacement.',
  'metric.inventory.out_of_stock.label': 'En rupture de stock',
  'metric.inventory.out_of_stock.description':
    'Articles dont la quantité est nulle ou négative, comptés par emplacement.',
  'metric.inventory.locations.label': 'Emplacements',
  'metric.inventory.locations.description':
    'Emplacements distincts où du stock est conservé. Sur une plateforme, les emplacements de chaque boutique comptent séparément.',
};
