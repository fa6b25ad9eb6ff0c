import { metricMessages } from '@orion/contracts';
import type { OrdersMessageKey } from './en.js';

/** The orders module's German messages. */
export const de: Record<OrdersMessageKey, string> = {
  'menu.orders.list': 'Bestellungen',
  'menu.orders.store-orders': 'Bestellungen der Shops',

  'permission.orders.view': 'Bestellungen ansehen',
  'permission.orders.place': 'Bestellungen aufgeben',
  'permission.orders.manage': 'Bestellungen verwalten',
  'permission.orders.platform.view': 'Bestellungen der Shops der Plattform ansehen',

  ...metricMessages({
    'orders.total': [
      'Alle Bestellungen',
      'Jemals aufgegebene Bestellungen in jedem Status, nicht auf den Zeitraum beschränkt.',
    ],
    'orders.count': ['Bestellungen', 'Im Zeitraum aufgegebene Bestellungen in jedem Status.'],
    'orders.cancelled': ['Stornierte Bestellungen', 'Im Zeitraum aufgegebene Bestellungen, die storniert wurden.'],
    'orders.revenue': [
      'Umsatz',
      'Summe der im Zeitraum aufgegebenen Bestellungen, die weder storniert noch erstattet wurden, in der Währung der Kennzahl.',
    ],
    'orders.average_order_value': [
      'Durchschnittlicher Bestellwert',
      'Umsatz geteilt durch die Anzahl dieser Bestellungen, kaufmännisch auf die kleinste Einheit der Währung gerundet.',
    ],
  }),
};
