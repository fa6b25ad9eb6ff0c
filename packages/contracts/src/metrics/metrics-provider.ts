import type { Kysely } from 'kysely';
import type { AnyDatabase } from '../database/any-database.js';
import { z } from 'zod';
import type { MetricValue } from './metric-value.js';
import type { ResolvedMetricsContext } from './metrics-context.js';

/**
 * What a module implements to put numbers on the store and platform-admin dashboards.
 *
 * Every aggregate is computed in SQL; a provider never loads rows into JavaScript. Either method
 * may return a promise. The host runs providers concurrently, with a timeout each. `TDatabase` is
 * the module's database interface (`any` by default). Write a provider as an object literal with
 * `metricsProvider` of {@link moduleKit}, which types its parameters; a class that
 * `implements MetricsProviderProtocol<NotesDatabase>` must annotate them itself.
 *
 * @example
 * ```ts
 * import { moduleKit, toNumber } from '@orion/contracts';
 * interface NotesDatabase { notes: { id: number; store_id: number } }
 * const notes = moduleKit<NotesDatabase>();
 * export const notesMetricsProvider = notes.metricsProvider({
 *   metricsCategory: 'notes',
 *   async getStoreMetrics(db, storeId) {
 *     const row = await db.selectFrom('notes').where('store_id', '=', storeId)
 *       .select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
 *     return [{ key: 'notes.total', value: toNumber(row.n), label: 'Notes', category: 'notes' }];
 *   },
 *   getPlatformMetrics: () => [],
 * });
 * ```
 */
export interface MetricsProviderProtocol<TDatabase = AnyDatabase> {
  /** The dashboard category this provider fills, usually the module code. */
  readonly metricsCategory: string;
  getStoreMetrics(
    db: Kysely<TDatabase>,
    storeId: number,
    context: ResolvedMetricsContext,
  ): MetricValue[] | Promise<MetricValue[]>;
  getPlatformMetrics(
    db: Kysely<TDatabase>,
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
