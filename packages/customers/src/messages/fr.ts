import type { CustomersMessageKey } from './en.js';

/** The customers module's French messages. */
export const fr: Record<CustomersMessageKey, string> = {
  'menu.customers.list': 'Clients',
  'menu.customers.store-customers': 'Clients des boutiques',
  'permission.customers.view': 'Voir les clients',
  'permission.customers.manage': 'Gérer les clients',
  'permission.customers.platform.view': 'Voir les clients des boutiques de la plateforme',
  'metric.customers.total.label': 'Clients',
  'metric.customers.total.description': 'Tous les clients, actifs ou non ; sans limite de période.',
  'metric.customers.new.label': 'Nouveaux clients',
  'metric.customers.new.description': 'Clients créés pendant la période.',
  'metric.customers.active.label': 'Clients actifs',
  'metric.customers.active.description': 'Clients ayant passé au moins une commande pendant la période.',
  'metric.customers.returning.label': 'Clients fidèles',
  'metric.customers.returning.description': 'Clients ayant commandé pendant la période et déjà avant celle-ci.',
};
