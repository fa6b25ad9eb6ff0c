import type { CmsMessageKey } from './en.js';

/** The cms module's French messages. */
export const fr: Record<CmsMessageKey, string> = {
  'menu.cms.pages': 'Pages',
  'menu.cms.media': 'Médias',
  'menu.cms.theme': 'Thème',
  'menu.cms.platform-pages': 'Pages de la plateforme',
  'permission.cms.view': 'Voir les pages, les médias et le thème',
  'permission.cms.manage': 'Modifier les pages, les médias et le thème',
  'permission.cms.platform.view': 'Voir les pages de la plateforme et des boutiques',
  'permission.cms.platform.manage': 'Modifier les pages de la plateforme',
  'metric.cms.pages.label': 'Pages',
  'metric.cms.pages.description': 'Pages de contenu, brouillons et publiées ; sans limite de période.',
  'metric.cms.published_pages.label': 'Pages publiées',
  'metric.cms.published_pages.description': 'Pages de contenu actuellement publiées.',
  'metric.cms.new_pages.label': 'Nouvelles pages',
  'metric.cms.new_pages.description': 'Pages de contenu créées pendant la période.',
  'metric.cms.media_files.label': 'Fichiers médias',
  'metric.cms.media_files.description': 'Images et documents envoyés.',
  'metric.cms.media_bytes.label': 'Stockage des médias',
  'metric.cms.media_bytes.description': 'Octets occupés par les fichiers médias envoyés.',
  'metric.cms.themed_stores.label': 'Boutiques avec thème',
  'metric.cms.themed_stores.description': 'Boutiques ayant choisi un autre thème que celui par défaut.',
};
