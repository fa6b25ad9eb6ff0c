import type { __Pascal__MessageKey } from './en.js';

/** The module's German messages. */
export const de: Record<__Pascal__MessageKey, string> = {
  'menu.__code__.items': '__Title__',
  'permission.__code__.view': 'Einträge ansehen',
  'permission.__code__.manage': 'Einträge hinzufügen',
  'metric.__code__.items.label': 'Einträge',
  'metric.__code__.items.description': 'Einträge, die der Shop führt.',
};
