import { metricMessages } from '@orion/contracts';

/** The marketplace module's Luxembourgish messages. */
export const lb: Record<string, string> = {
  'menu.marketplace.imports': 'Maartplaz-Importer',
  'menu.marketplace.overview': 'Maartplaz',

  'permission.marketplace.imports.view': 'Feed-Importer an hir Zeilefeeler ukucken',
  'permission.marketplace.imports.create': 'Produit-Feeds eroplueden',
  'permission.marketplace.products.publish': 'Preparéiert Produkter publizéieren oder refuséieren',

  ...metricMessages({
    'marketplace.import_jobs': ['Import-Optreeg', 'Feed-Importer, déi an der Period ugefaange goufen.'],
    'marketplace.failed_jobs': ['Feelgeschloen Importer', 'Feed-Importer aus der Period, déi net gelies konnte ginn.'],
    'marketplace.import_success_rate': [
      'Erfollegsquot vun den Importer',
      'Undeel vun den erfollegräich ofgeschlossenen Importer un de fäerdegen (ofgeschloss oder feelgeschloen) an der Period.',
    ],
    'marketplace.staging_products': [
      'Produkter déi waarden',
      'Importéiert Produkter, déi drop waarden, publizéiert oder refuséiert ze ginn.',
    ],
  }),
};
