import type { z } from 'zod';
import type { AnyDatabase } from '../database/any-database.js';
import type { AnyModuleConfig } from './any-module-config.js';
import type { ModuleRoutes, RouteDefinition } from '../http/route-definition.js';
import type { MetricsProviderProtocol } from '../metrics/metrics-provider.js';
import type { ServiceRef } from '../services/service-ref.js';
import type { TaskDefinition } from '../tasks/task-definition.js';
import type { ModuleContext, ServiceProvision } from './module-definition.js';

/**
 * The parts of one module, typed with its database interface and configuration; made by
 * {@link moduleKit}. Every member returns what it is given: it only lends its types.
 */
export interface ModuleKit<TDatabase, TConfig> {
  /**
   * A route whose handler gets `db: Kysely<TDatabase>` and `config: TConfig`, with its input types
   * inferred from its schemas (as {@link defineRoute} does).
   */
  route<
    P extends z.ZodType = z.ZodType<undefined>,
    Q extends z.ZodType = z.ZodType<undefined>,
    B extends z.ZodType | 'stream' = z.ZodType<undefined>,
  >(
    route: RouteDefinition<P, Q, B, TDatabase, TConfig>,
  ): RouteDefinition<P, Q, B, TDatabase, TConfig>;
  /** The module's routes by frontend, for `routes` of {@link defineModule}. */
  routes(routes: ModuleRoutes<TDatabase, TConfig>): ModuleRoutes<TDatabase, TConfig>;
  /** A task whose handler gets `db: Kysely<TDatabase>` and `config: TConfig` (see {@link defineTask}). */
  task<P extends z.ZodType>(task: TaskDefinition<P, TDatabase, TConfig>): TaskDefinition<P, TDatabase, TConfig>;
  /**
   * A metrics provider written as an object literal: `db` is `Kysely<TDatabase>` and the other
   * parameters are typed from {@link MetricsProviderProtocol}. Further members (helpers) are kept.
   */
  metricsProvider<T extends MetricsProviderProtocol<TDatabase>>(provider: T): T;
  /** {@link provideService} with a factory that gets `db: Kysely<TDatabase>` and `config: TConfig`. */
  provideService<T>(
    ref: ServiceRef<T>,
    factory: (context: ModuleContext<TConfig, TDatabase>) => T | Promise<T>,
  ): ServiceProvision<T, TDatabase, TConfig>;
}

/**
 * Helpers that type a module's routes, tasks, services and metrics provider with its database
 * interface and configuration, for parts written outside the `defineModule({...})` literal.
 *
 * Inside the literal, `database: databaseType<TDatabase>()` and `config.schema` already type the
 * hooks. A route or provider in its own file is checked before it meets the module, so it takes
 * its types from a kit: declare one kit per module and use it in each file. Without type
 * arguments the database is {@link AnyDatabase} and the configuration {@link AnyModuleConfig}, as
 * with {@link defineRoute} and {@link defineTask}.
 *
 * @example
 * ```ts
 * import { moduleKit, toNumber } from '@orion/contracts';
 * import type { TenancyDatabase } from '@orion/tenancy';
 * import { z } from 'zod';
 *
 * export interface NotesDatabase extends TenancyDatabase {
 *   order_notes: { id: number; store_id: number; body: string };
 * }
 * export const notesConfigSchema = z.object({ maxLength: z.coerce.number().int() });
 * export const notes = moduleKit<NotesDatabase, z.output<typeof notesConfigSchema>>();
 *
 * export const listNotes = notes.route({
 *   method: 'GET',
 *   path: '/notes',
 *   handler: ({ db, context }) =>
 *     db.selectFrom('order_notes').select(['id', 'body']).where('store_id', '=', context.storeId!).execute(),
 * });
 * export const notesMetricsProvider = notes.metricsProvider({
 *   metricsCategory: 'notes',
 *   async getStoreMetrics(db, storeId) {
 *     const { n } = await db.selectFrom('order_notes').where('store_id', '=', storeId)
 *       .select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
 *     return [{ key: 'notes.count', value: toNumber(n), label: 'Notes', category: 'notes' }];
 *   },
 *   getPlatformMetrics: () => [],
 * });
 * ```
 */
export function moduleKit<TDatabase = AnyDatabase, TConfig = AnyModuleConfig>(): ModuleKit<TDatabase, TConfig> {
  const kit: ModuleKit<TDatabase, TConfig> = {
    route: (route) => route,
    routes: (routes) => routes,
    task: (task) => task,
    metricsProvider: (provider) => provider,
    provideService: (ref, factory) => ({ ref, factory }),
  };
  return Object.freeze(kit);
}
