import { metricMessages } from '@orion/contracts';
import type { __Pascal__MessageKey } from './en.js';

/** The module's French messages. */
export const fr: Record<__Pascal__MessageKey, string> = {
  'menu.__code__.items': '__Title__',
  'permission.__code__.view': 'Voir les éléments',
  'permission.__code__.manage': 'Ajouter des éléments',
  ...metricMessages({
    '__code__.items': ['Éléments', 'Éléments que la boutique conserve.'],
  }),
};
