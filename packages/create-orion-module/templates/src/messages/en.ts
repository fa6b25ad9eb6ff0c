import { metricMessages } from '@orion/contracts';

/**
 * The module's English messages: its menu item, permissions and dashboard metric. The host reads
 * `menu.<item id>`, `permission.<code>` and `metric.<key>.label`/`.description`; German, French and
 * Luxembourgish hold the same keys (their type says so). Error messages live with the error codes.
 */
export const en = {
  'menu.__code__.items': '__Title__',
  'permission.__code__.view': 'View items',
  'permission.__code__.manage': 'Add items',
  ...metricMessages({
    '__code__.items': ['Items', 'Items the store keeps.'],
  }),
} as const satisfies Record<string, string>;

/** A message key of the module. */
export type __Pascal__MessageKey = keyof typeof en;
