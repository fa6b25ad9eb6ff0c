import type { MetricMessages } from './metric-builder.js';

/**
 * A module's metric messages, one entry per metric key: `[label, description]` becomes
 * `metric.<key>.label` and `metric.<key>.description`, the flat keys the host reads. So each
 * metric's label and description are written side by side, and a metric can not have one
 * without the other. Spread it into a locale's messages, beside its menu and permission keys.
 *
 * @example
 * ```ts
 * import { metricMessages } from '@orion/contracts';
 *
 * const en = {
 *   'menu.notes.list': 'Notes',
 *   ...metricMessages({ 'notes.total': ['Notes', 'Notes written in the store.'] }),
 * };
 * en['metric.notes.total.label']; // 'Notes'
 * en['metric.notes.total.description']; // 'Notes written in the store.'
 * ```
 */
export function metricMessages<K extends string>(
  metrics: Record<K, readonly [label: string, description: string]>,
): MetricMessages<K> {
  const messages: Record<string, string> = {};
  for (const [key, [label, description]] of Object.entries<readonly [string, string]>(metrics)) {
    messages[`metric.${key}.label`] = label;
    messages[`metric.${key}.description`] = description;
  }
  return messages as MetricMessages<K>;
}
