import { toNumber } from '../database/values.js';
import type { MetricValue } from './metric-value.js';

/** A module's English messages for its metric keys `K`: `metric.<key>.label` and `metric.<key>.description`. */
export type MetricMessages<K extends string> = {
  readonly [P in `metric.${K}.label` | `metric.${K}.description`]: string;
};

/** Builds one {@link MetricValue} of a module; see {@link metricBuilder}. */
export type MetricBuilder<K extends string> = (key: K, value: unknown, icon?: string, unit?: string) => MetricValue;

/**
 * The `metric(key, value, icon, unit?)` helper of a module's metrics provider: each value is
 * labelled and described by the module's English messages (`metric.<key>.label`,
 * `metric.<key>.description`; the host translates both per request), carries `category`, and reads
 * a driver's count or sum with {@link toNumber} (`null` → 0, PostgreSQL's bigint text → number).
 * A key without both messages does not compile.
 *
 * @example
 * ```ts
 * import { metricBuilder } from '@orion/contracts';
 *
 * const en = {
 *   'metric.notes.total.label': 'Notes',
 *   'metric.notes.total.description': 'Notes written in the store.',
 * } as const;
 * const metric = metricBuilder('notes', en);
 * metric('notes.total', '42', 'file-text'); // { key: 'notes.total', value: 42, label: 'Notes', category: 'notes', … }
 * ```
 */
export function metricBuilder<K extends string>(category: string, messages: MetricMessages<K>): MetricBuilder<K> {
  return (key, value, icon, unit) => ({
    key,
    value: toNumber(value),
    label: messages[`metric.${key}.label`],
    category,
    ...(icon === undefined ? {} : { icon }),
    description: messages[`metric.${key}.description`],
    ...(unit === undefined ? {} : { unit }),
  });
}
