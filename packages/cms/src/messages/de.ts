import type { CmsMessageKey } from './en.js';

/** The cms module's German messages. */
export const de: Record<CmsMessageKey, string> = {
  'menu.cms.pages': 'Seiten',
  'menu.cms.media': 'Medien',
  'menu.cms.theme': 'Design',
  'menu.cms.platform-pages': 'Plattformseiten',
  'permission.cms.view': 'Seiten, Medien und Design ansehen',
  'permission.cms.manage': 'Seiten, Medien und Design bearbeiten',
  'permission.cms.platform.view': 'Plattform- und Shopseiten ansehen',
  'permission.cms.platform.manage': 'Plattformseiten bearbeiten',
  'metric.cms.pages.label': 'Seiten',
  'metric.cms.pages.description': 'Inhaltsseiten, Entwürfe und veröffentlichte; nicht auf den Zeitraum beschränkt.',
  'metric.cms.published_pages.label': 'Veröffentlichte Seiten',
  'metric.cms.published_pages.description': 'Inhaltsseiten, die derzeit veröffentlicht sind.',
  'metric.cms.new_pages.label': 'Neue Seiten',
  'metric.cms.new_pages.description': 'Im Zeitraum erstellte Inhaltsseiten.',
  'metric.cms.media_files.label': 'Mediendateien',
  'metric.cms.media_files.description': 'Hochgeladene Bilder und Dokumente.',
  'metric.cms.media_bytes.label': 'Medienspeicher',
  'metric.cms.media_bytes.description': 'Bytes, die die hochgeladenen Mediendateien belegen.',
  'metric.cms.themed_stores.label': 'Shops mit eigenem Design',
  'metric.cms.themed_stores.description': 'Shops, die ein anderes als das Standarddesign gewählt haben.',
};
