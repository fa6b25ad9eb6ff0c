import { metricMessages } from '@orion/contracts';

/** The marketplace module's French messages. */
export const fr: Record<string, string> = {
  'menu.marketplace.imports': 'Imports de la place de marché',
  'menu.marketplace.overview': 'Place de marché',

  'permission.marketplace.imports.view': 'Consulter les imports de flux et leurs erreurs de ligne',
  'permission.marketplace.imports.create': 'Téléverser des flux de produits',
  'permission.marketplace.products.publish': 'Publier ou rejeter les produits en attente',

  ...metricMessages({
    'marketplace.import_jobs': ['Imports lancés', 'Imports de flux lancés pendant la période.'],
    'marketplace.failed_jobs': ['Imports échoués', 'Imports de flux de la période qui n’ont pas pu être lus.'],
    'marketplace.import_success_rate': [
      'Taux de réussite des imports',
      'Part des imports réussis parmi les imports terminés (réussis ou échoués) de la période.',
    ],
    'marketplace.staging_products': ['Produits en attente', 'Produits importés en attente de publication ou de rejet.'],
  }),
};
