/** The marketplace module's Luxembourgish messages. */
export const lb: Record<string, string> = {
  'menu.marketplace.imports': 'Maartplaz-Importer',
  'menu.marketplace.overview': 'Maartplaz',

  'permission.marketplace.imports.view': 'Feed-Importer an hir Zeilefeeler ukucken',
  'permission.marketplace.imports.create': 'Produit-Feeds eroplueden',
  'permission.marketplace.products.publish': 'Preparéiert Produkter publizéieren oder refuséieren',

  'metric.marketplace.import_jobs.label': 'Import-Optreeg',
  'metric.marketplace.import_jobs.description': 'Feed-Importer, déi an der Period ugefaange goufen.',
  'metric.marketplace.failed_jobs.label': 'Feelgeschloen Importer',
  'metric.marketplace.failed_jobs.description': 'Feed-Importer aus der Period, déi net gelies konnte ginn.',
  'metric.marketplace.import_success_rate.label': 'Erfollegsquot vun den Importer',
  'metric.marketplace.import_success_rate.description':
    'Undeel vun den erfollegräich ofgeschlossenen Importer un de fäerdegen (ofgeschloss oder feelgeschloen) an der Period.',
  'metric.marketplace.staging_products.label': 'Produkter déi waarden',
  'metric.marketplace.staging_products.description':
    'Importéiert Produkter, déi drop waarden, publizéiert oder refuséiert ze ginn.',
};
