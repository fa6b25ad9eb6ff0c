import type { OrdersMessageKey } from './en.js';

/** The orders module's Luxembourgish messages. */
export const lb: Record<OrdersMessageKey, string> = {
  'menu.orders.list': 'Bestellungen',
  'menu.orders.store-orders': 'Bestellunge vun de Butteker',

  'permission.orders.view': 'Bestellunge kucken',
  'permission.orders.place': 'Bestellungen opginn',
  'permission.orders.manage': 'Bestellunge verwalten',
  'permission.orders.platform.view': 'Bestellunge vun de Butteker vun der Plattform kucken',

  'metric.orders.total.label': 'All Bestellungen',
  'metric.orders.total.description':
    'Bestellungen, déi jeemools gemaach goufen, an all Status, net op den Zäitraum limitéiert.',
  'metric.orders.count.label': 'Bestellungen',
  'metric.orders.count.description': 'Bestellungen, déi am Zäitraum gemaach goufen, an all Status.',
  'metric.orders.cancelled.label': 'Annuléiert Bestellungen',
  'metric.orders.cancelled.description': 'Bestellungen aus dem Zäitraum, déi annuléiert goufen.',
  'metric.orders.revenue.label': 'Ëmsaz',
  'metric.orders.revenue.description':
    'Total vun de Bestellungen aus dem Zäitraum, déi weder annuléiert nach rembourséiert goufen, an der Wärung vun der Kennzuel.',
  'metric.orders.average_order_value.label': 'Duerchschnëttleche Bestellwäert',
  'metric.orders.average_order_value.description':
    'Ëmsaz gedeelt duerch d’Zuel vun dëse Bestellungen, kaufmännesch op déi klengst Eenheet vun der Wärung gerount.',
};
