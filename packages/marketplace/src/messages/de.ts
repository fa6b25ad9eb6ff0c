import { metricMessages } from '@orion/contracts';

/** The marketplace module's German messages. */
export const de: Record<string, string> = {
  'menu.marketplace.imports': 'Marktplatz-Importe',
  'menu.marketplace.overview': 'Marktplatz',

  'permission.marketplace.imports.view': 'Feed-Importe und ihre Zeilenfehler ansehen',
  'permission.marketplace.imports.create': 'Produkt-Feeds hochladen',
  'permission.marketplace.products.publish': 'Bereitgestellte Produkte veröffentlichen oder ablehnen',

  ...metricMessages({
    'marketplace.import_jobs': ['Importaufträge', 'Im Zeitraum gestartete Feed-Importe.'],
    'marketplace.failed_jobs': [
      'Fehlgeschlagene Importe',
      'Feed-Importe im Zeitraum, die nicht gelesen werden konnten.',
    ],
    'marketplace.import_success_rate': [
      'Erfolgsquote der Importe',
      'Anteil der erfolgreich abgeschlossenen an den beendeten Importen (abgeschlossen oder fehlgeschlagen) im Zeitraum.',
    ],
    'marketplace.staging_products': [
      'Produkte zur Freigabe',
      'Importierte Produkte, die auf Veröffentlichung oder Ablehnung warten.',
    ],
  }),
};
