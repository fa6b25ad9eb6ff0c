/** The marketplace module's German messages. */
export const de: Record<string, string> = {
  'menu.marketplace.imports': 'Marktplatz-Importe',
  'menu.marketplace.overview': 'Marktplatz',

  'permission.marketplace.imports.view': 'Feed-Importe und ihre Zeilenfehler ansehen',
  'permission.marketplace.imports.create': 'Produkt-Feeds hochladen',
  'permission.marketplace.products.publish': 'Bereitgestellte Produkte veröffentlichen oder ablehnen',

  'metric.marketplace.import_jobs.label': 'Importaufträge',
  'metric.marketplace.import_jobs.description': 'Im Zeitraum gestartete Feed-Importe.',
  'metric.marketplace.failed_jobs.label': 'Fehlgeschlagene Importe',
  'metric.marketplace.failed_jobs.description': 'Feed-Importe im Zeitraum, die nicht gelesen werden konnten.',
  'metric.marketplace.import_success_rate.label': 'Erfolgsquote der Importe',
  'metric.marketplace.import_success_rate.description':
    'Anteil der erfolgreich abgeschlossenen an den beendeten Importen (abgeschlossen oder fehlgeschlagen) im Zeitraum.',
  'metric.marketplace.staging_products.label': 'Produkte zur Freigabe',
  'metric.marketplace.staging_products.description':
    'Importierte Produkte, die auf Veröffentlichung oder Ablehnung warten.',
};
