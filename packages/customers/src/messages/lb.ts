import type { CustomersMessageKey } from './en.js';

/** The customers module's Luxembourgish messages. */
export const lb: Record<CustomersMessageKey, string> = {
  'menu.customers.list': 'Clienten',
  'menu.customers.store-customers': 'Clienten vun de Butteker',
  'permission.customers.view': 'Clienten ukucken',
  'permission.customers.manage': 'Clienten verwalten',
  'permission.customers.platform.view': 'Clienten vun de Butteker vun der Plattform ukucken',
  'metric.customers.total.label': 'Clienten',
  'metric.customers.total.description': 'All Clienten, aktiv oder net; net op d’Period begrenzt.',
  'metric.customers.new.label': 'Nei Clienten',
  'metric.customers.new.description': 'An der Period ugeluecht Clienten.',
  'metric.customers.active.label': 'Aktiv Clienten',
  'metric.customers.active.description': 'Clienten mat mindestens enger Bestellung an der Period.',
  'metric.customers.returning.label': 'Widderkommend Clienten',
  'metric.customers.returning.description': 'Clienten mat enger Bestellung an der Period an enger méi fréier virdrun.',
};
