import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { MetricValue } from './metric-value.js';
import type { ResolvedMetricsContext } from './metrics-context.js';

/**
 * What a module implements to put numbers on the store and platform-admin dashboards.
 *
 * Every aggregate is computed in SQL; a provider never loads rows into JavaScript. Either method
 * may return a promise. The host runs providers concurrently, with a timeout each.
 *
 * @example
 * ```ts
 * import type { MetricsProviderProtocol } from '@orion/contracts';
 * export class NotesMetricsProvider implements MetricsProviderProtocol {
 *   readonly metricsCategory = 'notes';
 *   async getStoreMetrics(db, storeId) {
 *     const row = await db.selectFrom('notes').where('store_id', '=', storeId)
 *       .select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
 *     return [{ key: 'notes.total', value: Number(row.n), label: 'Notes', category: 'notes' }];
 *   }
 *   getPlatformMetrics() { return []; }
 * }
 * ```
 */
export interface MetricsProviderProtocol {
  /** The dashboard category this provider fills, usually the module code. */
  readonly metricsCategory: string;
  getStoreMetrics(
    db: Kysely<any>,
    storeId: number,
    context: ResolvedMetricsContext,
  ): MetricValue[] | Promise<MetricValue[]>;
  getPlatformMetrics(
    db: Kysely<any>,
    platformId: number,
    context: ResolvedMetricsContext,
  ): MetricValue[] | Promise<MetricValue[]>;
}

const fn = z.custom<(...args: never[]) => unknown>((value) => typeof value === 'function', 'Expected a function');

/** Validates that an object implements {@link MetricsProviderProtocol}. */
export const metricsProviderSchema = z.object({
  metricsCategory: z.string().regex(/^[a-z][a-z0-9_-]*$/),
  getStoreMetrics: fn,
  getPlatformMetrics: fn,
});
