import { metricMessages } from '@orion/contracts';
import type { CustomersMessageKey } from './en.js';

/** The customers module's French messages. */
export const fr: Record<CustomersMessageKey, string> = {
  'menu.customers.list': 'Clients',
  'menu.customers.store-customers': 'Clients des boutiques',
  'permission.customers.view': 'Voir les clients',
  'permission.customers.manage': 'Gérer les clients',
  'permission.customers.platform.view': 'Voir les clients des boutiques de la plateforme',
  ...metricMessages({
    'customers.total': ['Clients', 'Tous les clients, actifs ou non ; sans limite de période.'],
    'customers.new': ['Nouveaux clients', 'Clients créés pendant la période.'],
    'customers.active': ['Clients actifs', 'Clients ayant passé au moins une commande pendant la période.'],
    'customers.returning': ['Clients fidèles', 'Clients ayant commandé pendant la période et déjà avant celle-ci.'],
  }),
};
