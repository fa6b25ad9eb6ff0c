/** The inventory module's English messages: menu, permissions and metrics. */
export const en: Record<string, string> = {
  'menu.inventory.items': 'Inventory',

  'permission.inventory.stock.view': 'View stock levels',
  'permission.inventory.stock.manage': 'Manage stock levels',
  'permission.inventory.reservations.manage': 'Reserve and release stock for orders',

  'metric.inventory.total_units.label': 'Units in stock',
  'metric.inventory.total_units.description':
    'Sum of the on-hand quantities above zero. Items with zero or negative stock add nothing; reservations are not subtracted.',
  'metric.inventory.skus.label': 'SKUs',
  'metric.inventory.skus.description':
    'Distinct SKUs with a stock record, whatever their location or quantity. Across a platform, the same SKU in two stores counts twice.',
  'metric.inventory.low_stock.label': 'Low on stock',
  'metric.inventory.low_stock.description':
    'Items with a quantity above zero but at or below their low-stock threshold, counted per location.',
  'metric.inventory.out_of_stock.label': 'Out of stock',
  'metric.inventory.out_of_stock.description': 'Items with a quantity of zero or less, counted per location.',
  'metric.inventory.locations.label': 'Locations',
  'metric.inventory.locations.description':
    'Distinct locations stock is kept at. Across a platform, each store’s locations count separately.',
};
