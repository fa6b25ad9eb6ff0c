import { metricMessages } from '@orion/contracts';
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
  ...metricMessages({
    'cms.pages': ['Säiten', 'Inhaltssäiten, Entwërf a publizéiert; net op d’Period limitéiert.'],
    'cms.published_pages': ['Publizéiert Säiten', 'Inhaltssäiten, déi elo publizéiert sinn.'],
    'cms.new_pages': ['Nei Säiten', 'An der Period erstallt Inhaltssäiten.'],
    'cms.media_files': ['Mediendateien', 'Eropgeluede Biller an Dokumenter.'],
    'cms.media_bytes': ['Mediespäicher', 'Bytes, déi déi eropgeluede Mediendateie brauchen.'],
    'cms.themed_stores': ['Butteker mat Design', 'Butteker, déi en anert wéi de Standarddesign gewielt hunn.'],
  }),
};
