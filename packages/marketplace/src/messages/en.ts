import { metricMessages } from '@orion/contracts';

/** The marketplace module's English messages: menus, permissions and metrics. */
export const en: Record<string, string> = {
  'menu.marketplace.imports': 'Marketplace imports',
  'menu.marketplace.overview': 'Marketplace',

  'permission.marketplace.imports.view': 'View feed imports and their row errors',
  'permission.marketplace.imports.create': 'Upload product feeds',
  'permission.marketplace.products.publish': 'Publish or reject staged products',

  ...metricMessages({
    'marketplace.import_jobs': ['Import jobs', 'Feed imports started in the period.'],
    'marketplace.failed_jobs': ['Failed imports', 'Feed imports in the period that could not be read.'],
    'marketplace.import_success_rate': [
      'Import success rate',
      'Completed imports out of the finished ones (completed or failed) in the period.',
    ],
    'marketplace.staging_products': ['Products in staging', 'Imported products waiting to be published or rejected.'],
  }),
};
