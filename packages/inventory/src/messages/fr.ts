import { metricMessages } from '@orion/contracts';

/** The inventory module's French messages. */
export const fr: Record<string, string> = {
  'menu.inventory.items': 'Stocks',

  'permission.inventory.stock.view': 'Consulter les niveaux de stock',
  'permission.inventory.stock.manage': 'Gérer les niveaux de stock',
  'permission.inventory.reservations.manage': 'Réserver et libérer du stock pour les commandes',

  ...metricMessages({
    'inventory.total_units': [
      'Unités en stock',
      'Somme des quantités disponibles supérieures à zéro. Les articles dont le stock est nul ou négatif ne comptent pas, et les réservations ne sont pas déduites.',
    ],
    'inventory.skus': [
      'Références',
      'Références (SKU) distinctes ayant une fiche de stock, quels que soient l’emplacement et la quantité. Sur une plateforme, la même référence dans deux boutiques compte deux fois.',
    ],
    'inventory.low_stock': [
      'Stock faible',
      'Articles dont la quantité est supérieure à zéro mais inférieure ou égale à leur seuil de stock faible, comptés par emplacement.',
    ],
    'inventory.out_of_stock': [
      'En rupture de stock',
      'Articles dont la quantité est nulle ou négative, comptés par emplacement.',
    ],
    'inventory.locations': [
      'Emplacements',
      'Emplacements distincts où du stock est conservé. Sur une plateforme, les emplacements de chaque boutique comptent séparément.',
    ],
  }),
};
