import { metricMessages } from '@orion/contracts';
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
  ...metricMessages({
    'cms.pages': ['Pages', 'Pages de contenu, brouillons et publiées ; sans limite de période.'],
    'cms.published_pages': ['Pages publiées', 'Pages de contenu actuellement publiées.'],
    'cms.new_pages': ['Nouvelles pages', 'Pages de contenu créées pendant la période.'],
    'cms.media_files': ['Fichiers médias', 'Images et documents envoyés.'],
    'cms.media_bytes': ['Stockage des médias', 'Octets occupés par les fichiers médias envoyés.'],
    'cms.themed_stores': ['Boutiques avec thème', 'Boutiques ayant choisi un autre thème que celui par défaut.'],
  }),
};
