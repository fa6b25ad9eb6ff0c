import { metricMessages } from '@orion/contracts';
import type { CustomersMessageKey } from './en.js';

/** The customers module's German messages. */
export const de: Record<CustomersMessageKey, string> = {
  'menu.customers.list': 'Kunden',
  'menu.customers.store-customers': 'Kunden der Shops',
  'permission.customers.view': 'Kunden ansehen',
  'permission.customers.manage': 'Kunden verwalten',
  'permission.customers.platform.view': 'Kunden der Shops der Plattform ansehen',
  ...metricMessages({
    'customers.total': ['Kunden', 'Alle Kunden, aktiv oder nicht; nicht auf den Zeitraum beschränkt.'],
    'customers.new': ['Neue Kunden', 'Im Zeitraum angelegte Kunden.'],
    'customers.active': ['Aktive Kunden', 'Kunden mit mindestens einer Bestellung im Zeitraum.'],
    'customers.returning': [
      'Wiederkehrende Kunden',
      'Kunden mit einer Bestellung im Zeitraum und einer früheren davor.',
    ],
  }),
};
