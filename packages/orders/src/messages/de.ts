import type { OrdersMessageKey } from './en.js';

/** The orders module's German messages. */
export const de: Record<OrdersMessageKey, string> = {
  'menu.orders.list': 'Bestellungen',
  'menu.orders.store-orders': 'Bestellungen der Shops',

  'permission.orders.view': 'Bestellungen ansehen',
  'permission.orders.place': 'Bestellungen aufgeben',
  'permission.orders.manage': 'Bestellungen verwalten',
  'permission.orders.platform.view': 'Bestellungen der Shops der Plattform ansehen',

  'metric.orders.total.label': 'Alle Bestellungen',
  'metric.orders.total.description':
    'Jemals aufgegebene Bestellungen in jedem Status, nicht auf den Zeitraum beschränkt.',
  'metric.orders.count.label': 'Bestellungen',
  'metric.orders.count.description': 'Im Zeitraum aufgegebene Bestellungen in jedem Status.',
  'metric.orders.cancelled.label': 'Stornierte Bestellungen',
  'metric.orders.cancelled.description': 'Im Zeitraum aufgegebene Bestellungen, die storniert wurden.',
  'metric.orders.revenue.label': 'Umsatz',
  'metric.orders.revenue.description':
    'Summe der im Zeitraum aufgegebenen Bestellungen, die weder storniert noch erstattet wurden, in der Währung der Kennzahl.',
  'metric.orders.average_order_value.label': 'Durchschnittlicher Bestellwert',
  'metric.orders.average_order_value.description':
    'Umsatz geteilt durch die Anzahl dieser Bestellungen, kaufmännisch auf die kleinste Einheit der Währung gerundet.',
};
