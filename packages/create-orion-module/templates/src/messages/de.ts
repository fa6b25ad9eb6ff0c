import { metricMessages } from '@orion/contracts';
import type { __Pascal__MessageKey } from './en.js';

/** The module's German messages. */
export const de: Record<__Pascal__MessageKey, string> = {
  'menu.__code__.items': '__Title__',
  'permission.__code__.view': 'Einträge ansehen',
  'permission.__code__.manage': 'Einträge hinzufügen',
  ...metricMessages({
    '__code__.items': ['Einträge', 'Einträge, die der Shop führt.'],
  }),
};
