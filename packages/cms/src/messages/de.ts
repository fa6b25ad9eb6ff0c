import { metricMessages } from '@orion/contracts';
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
  ...metricMessages({
    'cms.pages': ['Seiten', 'Inhaltsseiten, Entwürfe und veröffentlichte; nicht auf den Zeitraum beschränkt.'],
    'cms.published_pages': ['Veröffentlichte Seiten', 'Inhaltsseiten, die derzeit veröffentlicht sind.'],
    'cms.new_pages': ['Neue Seiten', 'Im Zeitraum erstellte Inhaltsseiten.'],
    'cms.media_files': ['Mediendateien', 'Hochgeladene Bilder und Dokumente.'],
    'cms.media_bytes': ['Medienspeicher', 'Bytes, die die hochgeladenen Mediendateien belegen.'],
    'cms.themed_stores': ['Shops mit eigenem Design', 'Shops, die ein anderes als das Standarddesign gewählt haben.'],
  }),
};
