/** The marketplace module's French messages. */
export const fr: Record<string, string> = {
  'menu.marketplace.imports': 'Imports de la place de marché',
  'menu.marketplace.overview': 'Place de marché',

  'permission.marketplace.imports.view': 'Consulter les imports de flux et leurs erreurs de ligne',
  'permission.marketplace.imports.create': 'Téléverser des flux de produits',
  'permission.marketplace.products.publish': 'Publier ou rejeter les produits en attente',

  'metric.marketplace.import_jobs.label': 'Imports lancés',
  'metric.marketplace.import_jobs.description': 'Imports de flux lancés pendant la période.',
  'metric.marketplace.failed_jobs.label': 'Imports échoués',
  'metric.marketplace.failed_jobs.description': 'Imports de flux de la période qui n’ont pas pu être lus.',
  'metric.marketplace.import_success_rate.label': 'Taux de réussite des imports',
  'metric.marketplace.import_success_rate.description':
    'Part des imports réussis parmi les imports terminés (réussis ou échoués) de la période.',
  'metric.marketplace.staging_products.label': 'Produits en attente',
  'metric.marketplace.staging_products.description': 'Produits importés en attente de publication ou de rejet.',
};
