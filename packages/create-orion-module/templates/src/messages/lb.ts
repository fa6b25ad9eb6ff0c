import { metricMessages } from '@orion/contracts';
import type { __Pascal__MessageKey } from './en.js';

/** The module's Luxembourgish messages. */
export const lb: Record<__Pascal__MessageKey, string> = {
  'menu.__code__.items': '__Title__',
  'permission.__code__.view': 'Elementer kucken',
  'permission.__code__.manage': 'Elementer derbäisetzen',
  ...metricMessages({
    '__code__.items': ['Elementer', 'Elementer, déi de Buttek huet.'],
  }),
};
