/** The marketplace module's English messages: menus, permissions and metrics. */
export const en: Record<string, string> = {
  'menu.marketplace.imports': 'Marketplace imports',
  'menu.marketplace.overview': 'Marketplace',

  'permission.marketplace.imports.view': 'View feed imports and their row errors',
  'permission.marketplace.imports.create': 'Upload product feeds',
  'permission.marketplace.products.publish': 'Publish or reject staged products',

  'metric.marketplace.import_jobs.label': 'Import jobs',
  'metric.marketplace.import_jobs.description': 'Feed imports started in the period.',
  'metric.marketplace.failed_jobs.label': 'Failed imports',
  'metric.marketplace.failed_jobs.description': 'Feed imports in the period that could not be read.',
  'metric.marketplace.import_success_rate.label': 'Import success rate',
  'metric.marketplace.import_success_rate.description':
    'Completed imports out of the finished ones (completed or failed) in the period.',
  'metric.marketplace.staging_products.label': 'Products in staging',
  'metric.marketplace.staging_products.description': 'Imported products waiting to be published or rejected.',
};
