import type { CmsMessageKey } from './en.js';

/** The cms module's Luxembourgish messages. */
export const lb: Record<CmsMessageKey, string> = {
  'menu.cms.pages': 'Säiten',
  'menu.cms.media': 'Medien',
  'menu.cms.theme': 'Design',
  'menu.cms.platform-pages': 'Plattformsäiten',
  'permission.cms.view': 'Säiten, Medien an Design kucken',
  'permission.cms.manage': 'Säiten, Medien an Design änneren',
  'permission.cms.platform.view': 'Plattforms- a Buttekssäite kucken',
  'permission.cms.platform.manage': 'Plattformsäiten änneren',
  'metric.cms.pages.label': 'Säiten',
  'metric.cms.pages.description': 'Inhaltssäiten, Entwërf a publizéiert; net op d’Period limitéiert.',
  'metric.cms.published_pages.label': 'Publizéiert Säiten',
  'metric.cms.published_pages.description': 'Inhaltssäiten, déi elo publizéiert sinn.',
  'metric.cms.new_pages.label': 'Nei Säiten',
  'metric.cms.new_pages.description': 'An der Period erstallt Inhaltssäiten.',
  'metric.cms.media_files.label': 'Mediendateien',
  'metric.cms.media_files.description': 'Eropgeluede Biller an Dokumenter.',
  'metric.cms.media_bytes.label': 'Mediespäicher',
  'metric.cms.media_bytes.description': 'Bytes, déi déi eropgeluede Mediendateie brauchen.',
  'metric.cms.themed_stores.label': 'Butteker mat Design',
  'metric.cms.themed_stores.description': 'Butteker, déi en anert wéi de Standarddesign gewielt hunn.',
};
