import { metricMessages } from '@orion/contracts';
import type { CustomersMessageKey } from './en.js';

/** The customers module's Luxembourgish messages. */
export const lb: Record<CustomersMessageKey, string> = {
  'menu.customers.list': 'Clienten',
  'menu.customers.store-customers': 'Clienten vun de Butteker',
  'permission.customers.view': 'Clienten ukucken',
  'permission.customers.manage': 'Clienten verwalten',
  'permission.customers.platform.view': 'Clienten vun de Butteker vun der Plattform ukucken',
  ...metricMessages({
    'customers.total': ['Clienten', 'All Clienten, aktiv oder net; net op d’Period begrenzt.'],
    'customers.new': ['Nei Clienten', 'An der Period ugeluecht Clienten.'],
    'customers.active': ['Aktiv Clienten', 'Clienten mat mindestens enger Bestellung an der Period.'],
    'customers.returning': [
      'Widderkommend Clienten',
      'Clienten mat enger Bestellung an der Period an enger méi fréier virdrun.',
    ],
  }),
};
