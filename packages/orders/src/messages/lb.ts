import { metricMessages } from '@orion/contracts';
import type { OrdersMessageKey } from './en.js';

/** The orders module's Luxembourgish messages. */
export const lb: Record<OrdersMessageKey, string> = {
  'menu.orders.list': 'Bestellungen',
  'menu.orders.store-orders': 'Bestellunge vun de Butteker',

  'permission.orders.view': 'Bestellunge kucken',
  'permission.orders.place': 'Bestellungen opginn',
  'permission.orders.manage': 'Bestellunge verwalten',
  'permission.orders.platform.view': 'Bestellunge vun de Butteker vun der Plattform kucken',

  ...metricMessages({
    'orders.total': [
      'All Bestellungen',
      'Bestellungen, déi jeemools gemaach goufen, an all Status, net op den Zäitraum limitéiert.',
    ],
    'orders.count': ['Bestellungen', 'Bestellungen, déi am Zäitraum gemaach goufen, an all Status.'],
    'orders.cancelled': ['Annuléiert Bestellungen', 'Bestellungen aus dem Zäitraum, déi annuléiert goufen.'],
    'orders.revenue': [
      'Ëmsaz',
      'Total vun de Bestellungen aus dem Zäitraum, déi weder annuléiert nach rembourséiert goufen, an der Wärung vun der Kennzuel.',
    ],
    'orders.average_order_value': [
      'Duerchschnëttleche Bestellwäert',
      'Ëmsaz gedeelt duerch d’Zuel vun dëse Bestellungen, kaufmännesch op déi klengst Eenheet vun der Wärung gerount.',
    ],
  }),
};
