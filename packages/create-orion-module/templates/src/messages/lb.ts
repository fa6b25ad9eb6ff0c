import type { __Pascal__MessageKey } from './en.js';

/** The module's Luxembourgish messages. */
export const lb: Record<__Pascal__MessageKey, string> = {
  'menu.__code__.items': '__Title__',
  'permission.__code__.view': 'Elementer kucken',
  'permission.__code__.manage': 'Elementer derbäisetzen',
  'metric.__code__.items.label': 'Elementer',
  'metric.__code__.items.description': 'Elementer, déi de Buttek huet.',
};
