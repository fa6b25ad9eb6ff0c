import type { CustomersMessageKey } from './en.js';

/** The customers module's German messages. */
export const de: Record<CustomersMessageKey, string> = {
  'menu.customers.list': 'Kunden',
  'menu.customers.store-customers': 'Kunden der Shops',
  'permission.customers.view': 'Kunden ansehen',
  'permission.customers.manage': 'Kunden verwalten',
  'permission.customers.platform.view': 'Kunden der Shops der Plattform ansehen',
  'metric.customers.total.label': 'Kunden',
  'metric.customers.total.description': 'Alle Kunden, aktiv oder nicht; nicht auf den Zeitraum beschränkt.',
  'metric.customers.new.label': 'Neue Kunden',
  'metric.customers.new.description': 'Im Zeitraum angelegte Kunden.',
  'metric.customers.active.label': 'Aktive Kunden',
  'metric.customers.active.description': 'Kunden mit mindestens einer Bestellung im Zeitraum.',
  'metric.customers.returning.label': 'Wiederkehrende Kunden',
  'metric.customers.returning.description': 'Kunden mit einer Bestellung im Zeitraum und einer früheren davor.',
};
