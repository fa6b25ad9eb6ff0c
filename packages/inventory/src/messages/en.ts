import { metricMessages } from '@orion/contracts';

/** The inventory module's English messages: menu, permissions and metrics. */
export const en: Record<string, string> = {
  'menu.inventory.items': 'Inventory',

  'permission.inventory.stock.view': 'View stock levels',
  'permission.inventory.stock.manage': 'Manage stock levels',
  'permission.inventory.reservations.manage': 'Reserve and release stock for orders',

  ...metricMessages({
    'inventory.total_units': [
      'Units in stock',
      'Sum of the on-hand quantities above zero. Items with zero or negative stock add nothing; reservations are not subtracted.',
    ],
    'inventory.skus': [
      'SKUs',
      'Distinct SKUs with a stock record, whatever their location or quantity. Across a platform, the same SKU in two stores counts twice.',
    ],
    'inventory.low_stock': [
      'Low on stock',
      'Items with a quantity above zero but at or below their low-stock threshold, counted per location.',
    ],
    'inventory.out_of_stock': ['Out of stock', 'Items with a quantity of zero or less, counted per location.'],
    'inventory.locations': [
      'Locations',
      'Distinct locations stock is kept at. Across a platform, each store’s locations count separately.',
    ],
  }),
};
