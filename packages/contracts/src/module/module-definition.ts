import type { Kysely, Migration } from 'kysely';
import type { AnyDatabase } from '../database/any-database.js';
import type { AnyModuleConfig } from './any-module-config.js';
import { z } from 'zod';
import type { ModuleRoutes } from '../http/route-definition.js';
import { moduleMessagesSchema, type ModuleMessages } from '../i18n/messages.js';
import type { Logger } from '../logging/logger.js';
import type { TaskDefinition } from '../tasks/task-definition.js';
import type { MetricsProviderProtocol } from '../metrics/metrics-provider.js';
import { DATABASE_TYPE_TYPE, type DatabaseType } from './database-type.js';
import { isServiceRef, type ServiceLocator, type ServiceRef } from '../services/service-ref.js';
import { reservedModuleCodeReason } from './reserved-module-codes.js';
import { isErrorSet, type ErrorSet } from '../errors/define-errors.js';
import { errorCodePrefixOf, errorDefinitionsSchema, type ErrorDefinitions } from '../errors/error-definition.js';
import {
  eventNamePattern,
  reservedEventNames,
  type ModuleEvent,
  type ModuleEventDeclarations,
  type ModuleEvents,
} from '../events/module-events.js';

export const MODULE_DEFINITION_TYPE = '@orion/ModuleDefinition';

/** Module codes are kebab-case: `orders`, `order-notes`. */
export const moduleCodeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'Expected a kebab-case module code such as "order-notes"');

/**
 * A feature a module declares: kebab-case words, optionally dotted (`bulk-import`, `orders.bulk-export`).
 * The app asks whether a platform has it with `orion.modules.hasFeature(platformId, feature)`.
 */
export const featureNameSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9]*(-[a-z0-9]+)*(\.[a-z][a-z0-9]*(-[a-z0-9]+)*)*$/,
    'Expected a kebab-case feature name, optionally dotted, such as "bulk-import" or "orders.bulk-export"',
  );

const semverSchema = z
  .string()
  .regex(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/, 'Expected a semantic version such as 1.2.0');

/** A permission a module declares, listed for the app's role editor. */
export const permissionDefinitionSchema = z.object({
  code: z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9_-]*)+$/, 'Expected <module>.<action>'),
  label: z.string().min(1),
  description: z.string().optional(),
});
export type PermissionDefinition = z.infer<typeof permissionDefinitionSchema>;

/** The frontends a module contributes to. */
export const frontendSchema = z.enum(['admin', 'store', 'storefront']);
export type Frontend = z.infer<typeof frontendSchema>;

/** A menu entry a module adds to one frontend. */
export const menuItemDefinitionSchema = z.object({
  id: z.string().min(1),
  frontend: frontendSchema,
  label: z.string().min(1),
  path: z.string().min(1),
  icon: z.string().optional(),
  order: z.number().int().default(100),
  permission: z.string().optional(),
});
export type MenuItemDefinition = z.input<typeof menuItemDefinitionSchema>;

/** How a module reads its configuration: a zod schema, an environment prefix and defaults. */
export interface ModuleConfigDefinition<TConfig = Record<string, unknown>> {
  /** Validates the merged configuration. Environment values arrive as strings: use `z.coerce`. */
  schema: z.ZodType<TConfig>;
  /** `MARKETPLACE_` turns `MARKETPLACE_API_TIMEOUT=60` into `{ apiTimeout: '60' }` before validation. */
  envPrefix: string;
  defaults?: Partial<TConfig>;
}

/**
 * What every lifecycle hook and service factory receives. `TDatabase` is the module's database
 * interface (see {@link databaseType}); {@link AnyDatabase} when the module declares none.
 */
export interface ModuleContext<TConfig = unknown, TDatabase = AnyDatabase> {
  /** The host's database, typed with the module's tables. */
  db: Kysely<TDatabase>;
  logger: Logger;
  /** This module's configuration (per-platform overrides applied when `platformId` is set). */
  config: TConfig;
  services: ServiceLocator;
  /** Publishes this module's declared events and subscribes to any module's; see {@link ModuleEvents}. */
  events: ModuleEvents;
  /** The platform the hook runs for (`onEnable`, `onDisable`). */
  platformId?: number;
  /** Who asked for the change (`onEnable`, `onDisable`), when known. */
  userId?: number;
}

/** What a `healthCheck` hook may return. */
export type ModuleHealth =
  boolean | { status: 'healthy' | 'degraded' | 'unhealthy'; message?: string; details?: Record<string, unknown> };

/** A service implementation a module provides under a {@link ServiceRef}. */
export interface ServiceProvision<T = unknown, TDatabase = AnyDatabase, TConfig = AnyModuleConfig> {
  ref: ServiceRef<T>;
  factory: (context: ModuleContext<TConfig, TDatabase>) => T | Promise<T>;
}

/**
 * Pairs a {@link ServiceRef} with the factory that builds its implementation, type-checked.
 *
 * The factory's `db` is `Kysely<AnyDatabase>` and its `config` {@link AnyModuleConfig} unless given as type arguments; for
 * the module's own types, use `provideService` of {@link moduleKit}.
 *
 * @example
 * ```ts
 * import { createServiceRef, defineModule, provideService } from '@orion/contracts';
 * import type { Kysely } from 'kysely';
 *
 * class ContentService {
 *   readonly #db: Kysely<any>;
 *   constructor(db: Kysely<any>) {
 *     this.#db = db;
 *   }
 *   async render(slug: string): Promise<string> {
 *     const page = await this.#db.selectFrom('pages').select('html').where('slug', '=', slug).executeTakeFirst();
 *     return page?.html ?? '';
 *   }
 * }
 * export const contentServiceRef = createServiceRef<ContentService>({ id: 'cms.content' });
 *
 * export const cmsModule = defineModule({
 *   code: 'cms', name: 'CMS', version: '1.0.0',
 *   provides: [provideService(contentServiceRef, ({ db }) => new ContentService(db))],
 * });
 * ```
 */
export function provideService<T, TDatabase = AnyDatabase, TConfig = AnyModuleConfig>(
  ref: ServiceRef<T>,
  factory: (context: ModuleContext<TConfig, TDatabase>) => T | Promise<T>,
): ServiceProvision<T, TDatabase, TConfig> {
  return { ref, factory };
}

/**
 * What a module author writes; {@link defineModule} fills the defaults.
 *
 * `TConfig` is inferred from `config.schema` and `TDatabase` from `database`; hooks, routes,
 * tasks, service factories and the metrics provider are then checked against both
 * ({@link AnyModuleConfig} and {@link AnyDatabase} when not declared).
 */
export interface ModuleDefinitionInput<TConfig = AnyModuleConfig, TDatabase = AnyDatabase> {
  /** Kebab-case, unique among installed modules. */
  code: string;
  name: string;
  description?: string;
  /** Semantic version of the module, usually its package's version. */
  version: string;
  /** Core modules are always enabled and may only require core modules. */
  isCore?: boolean;
  /**
   * Internal modules are the platform operator's tools: the host shows their metrics on the admin
   * dashboard only, mounts their routes under `/api/v1/admin/…` only (a store or storefront request
   * answers 404, as an unknown route does) and lists their menu items in the admin menu only. Their
   * permissions are listed and their tasks run as any module's.
   */
  isInternal?: boolean;
  /** Codes of the modules this one needs installed and enabled. */
  requires?: string[];
  /**
   * What this module makes available, for the app to gate on: `orion.modules.hasFeature(platformId,
   * 'bulk-import')` is true when a module enabled on that platform declares it. See {@link featureNameSchema}.
   */
  features?: string[];
  permissions?: PermissionDefinition[];
  menuItems?: MenuItemDefinition[];
  config?: ModuleConfigDefinition<TConfig>;
  /**
   * The module's Kysely database interface, `database: databaseType<NotesDatabase>()`: types `db`
   * in hooks, routes, tasks, services and the metrics provider. Absent: `Kysely<AnyDatabase>`.
   */
  database?: DatabaseType<TDatabase>;
  /** Kysely migrations, named `<code>_<NNN>_<what>` (`orders_001_create_orders`). Frozen in time. */
  migrations?: Record<string, Migration>;
  /** Loaded on first use, so a module's metrics code costs nothing until a dashboard asks. */
  metricsProvider?: () =>
    MetricsProviderProtocol<NoInfer<TDatabase>> | Promise<MetricsProviderProtocol<NoInfer<TDatabase>>>;
  provides?: ServiceProvision<unknown, NoInfer<TDatabase>, NoInfer<TConfig>>[];
  /** HTTP routes by frontend, mounted at `/api/v1/<frontend>/<code>/…` where the module is enabled. */
  routes?: ModuleRoutes<NoInfer<TDatabase>, NoInfer<TConfig>>;
  /** Background tasks; see {@link TaskDefinition}. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tasks of any payload schema: its type is the handler's parameter, so `z.ZodType` would reject typed payloads
  tasks?: TaskDefinition<any, NoInfer<TDatabase>, NoInfer<TConfig>>[];
  /**
   * Recomputes what the module keeps beside its base tables (its totals) from those
   * tables, in its own transaction. A repair tool, run by `orion rebuild [module]`: a module whose
   * totals its database triggers keep exact never needs it in normal operation. Absent: the
   * module keeps nothing to rebuild.
   */
  rebuild?: (context: { db: Kysely<NoInfer<TDatabase>> }) => void | Promise<void>;
  /** Messages for menus, permissions, metrics and errors in en, de, fr and lb. */
  messages?: ModuleMessages;
  /**
   * The module's own error codes, `<MODULE>_ERR_<NAME>` (module `order-notes` → `ORDER_NOTES_ERR_…`),
   * each with its English template, HTTP status and translations: the set {@link defineErrors}
   * returns, or the same definitions written inline.
   */
  errors?: ErrorSet | ErrorDefinitions;
  /**
   * The events this module publishes, by name (`<code>.<name>`, such as `orders.placed`), each with
   * the zod schema its payload is validated with at publish. A module publishes only these.
   */
  events?: ModuleEventDeclarations;
  /**
   * Subscribers by event name (any module's `<code>.<name>`), registered before any start-up hook
   * runs. Each is called with the event and this module's context on the event's platform (its
   * configuration there), only where this module is enabled. For a typed payload, subscribe with
   * a ref from `createEventRef` in `onStartup` instead.
   */
  subscribes?: Record<
    string,
    (event: ModuleEvent<unknown>, context: ModuleContext<TConfig, TDatabase>) => void | Promise<void>
  >;
  onEnable?: (context: ModuleContext<TConfig, TDatabase>) => void | Promise<void>;
  onDisable?: (context: ModuleContext<TConfig, TDatabase>) => void | Promise<void>;
  onStartup?: (context: ModuleContext<TConfig, TDatabase>) => void | Promise<void>;
  onShutdown?: (context: ModuleContext<TConfig, TDatabase>) => void | Promise<void>;
  healthCheck?: (context: ModuleContext<TConfig, TDatabase>) => ModuleHealth | Promise<ModuleHealth>;
}

/** A validated module, branded so any copy of `@orion/core` recognises it. See {@link defineModule}. */
export interface ModuleDefinition<TConfig = AnyModuleConfig, TDatabase = AnyDatabase>
  extends
    Required<
      Pick<
        ModuleDefinitionInput<TConfig, TDatabase>,
        | 'description'
        | 'isCore'
        | 'isInternal'
        | 'requires'
        | 'features'
        | 'permissions'
        | 'migrations'
        | 'provides'
        | 'routes'
        | 'tasks'
        | 'messages'
      >
    >,
    Omit<
      ModuleDefinitionInput<TConfig, TDatabase>,
      | 'description'
      | 'isCore'
      | 'isInternal'
      | 'requires'
      | 'features'
      | 'permissions'
      | 'migrations'
      | 'provides'
      | 'menuItems'
      | 'routes'
      | 'tasks'
      | 'messages'
    > {
  readonly $$type: typeof MODULE_DEFINITION_TYPE;
  readonly $$version: 1;
  menuItems: z.output<typeof menuItemDefinitionSchema>[];
  /** The module's error codes by code (an error set's definitions). */
  errors: ErrorDefinitions;
}

const fn = z.custom<(...args: never[]) => unknown>((value) => typeof value === 'function', 'Expected a function');
const zodSchema = z.custom<z.ZodType>(
  (value) => typeof (value as z.ZodType | undefined)?.safeParse === 'function',
  'Expected a zod schema',
);

const migrationSchema = z.object({ up: fn, down: fn.optional() });

const routeSchema = z.object({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
  path: z
    .string()
    .regex(
      /^\/([a-z0-9_-]+|:[a-zA-Z][a-zA-Z0-9]*)?(\/([a-z0-9_-]+|:[a-zA-Z][a-zA-Z0-9]*))*$/,
      'Expected a path such as / or /orders/:orderId',
    ),
  summary: z.string().optional(),
  params: zodSchema.optional(),
  query: zodSchema.optional(),
  body: z.union([zodSchema, z.literal('stream')]).optional(),
  bodyLimit: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
  permission: z.string().optional(),
  handler: fn,
});

const taskSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'Expected a kebab-case task name'),
  payload: zodSchema,
  retries: z.number().int().min(0).max(25).default(3),
  retryDelaySeconds: z.number().positive().max(86_400).default(5),
  schedule: z.string().min(9).optional(),
  handler: fn,
});

/** Validates a module definition's shape; {@link defineModule} and the host both use it. */
export const moduleDefinitionSchema = z
  .object({
    code: moduleCodeSchema,
    name: z.string().min(1),
    description: z.string().default(''),
    version: semverSchema,
    isCore: z.boolean().default(false),
    isInternal: z.boolean().default(false),
    requires: z.array(moduleCodeSchema).default([]),
    features: z.array(featureNameSchema).default([]),
    permissions: z.array(permissionDefinitionSchema).default([]),
    menuItems: z.array(menuItemDefinitionSchema).default([]),
    config: z
      .object({
        schema: zodSchema,
        envPrefix: z
          .string()
          .regex(/^[A-Z][A-Z0-9_]*_$/, 'Expected an upper-case prefix ending in "_", such as MARKETPLACE_'),
        defaults: z.record(z.string(), z.unknown()).optional(),
      })
      .optional(),
    database: z.object({ $$type: z.literal(DATABASE_TYPE_TYPE) }).optional(),
    migrations: z.record(z.string(), migrationSchema).default({}),
    metricsProvider: fn.optional(),
    provides: z
      .array(z.object({ ref: z.custom((value) => isServiceRef(value), 'Expected a ServiceRef'), factory: fn }))
      .default([]),
    routes: z
      .object({
        admin: z.array(routeSchema).optional(),
        store: z.array(routeSchema).optional(),
        storefront: z.array(routeSchema).optional(),
      })
      .strict()
      .default({}),
    tasks: z.array(taskSchema).default([]),
    rebuild: fn.optional(),
    messages: moduleMessagesSchema.default({ en: {} }),
    errors: z
      .preprocess((value) => (isErrorSet(value) ? value.definitions : value), errorDefinitionsSchema)
      .default({}),
    events: z.record(z.string(), zodSchema).default({}),
    subscribes: z.record(z.string(), fn).default({}),
    onEnable: fn.optional(),
    onDisable: fn.optional(),
    onStartup: fn.optional(),
    onShutdown: fn.optional(),
    healthCheck: fn.optional(),
  })
  .superRefine((definition, context) => {
    const reserved = reservedModuleCodeReason(definition.code);
    if (reserved) {
      context.addIssue({
        code: 'custom',
        path: ['code'],
        message: `The module code "${definition.code}" is reserved: ${reserved}`,
      });
    }
    for (const [index, feature] of definition.features.entries()) {
      if (definition.features.indexOf(feature) !== index) {
        context.addIssue({
          code: 'custom',
          path: ['features', index],
          message: `Feature "${feature}" is declared twice`,
        });
      }
    }
    if (definition.isCore && definition.isInternal) {
      context.addIssue({
        code: 'custom',
        path: ['isInternal'],
        message: 'A module is either core or internal, not both',
      });
    }
    if (definition.requires.includes(definition.code)) {
      context.addIssue({ code: 'custom', path: ['requires'], message: 'A module can not require itself' });
    }
    const errorCodePrefix = errorCodePrefixOf(definition.code);
    for (const code of Object.keys(definition.errors)) {
      if (!code.startsWith(errorCodePrefix) && !code.startsWith('ORION_ERR_')) {
        context.addIssue({
          code: 'custom',
          path: ['errors', code],
          message: `Error codes of module "${definition.code}" start with ${errorCodePrefix}, such as ${errorCodePrefix}NOT_ALLOWED`,
        });
      }
    }
    const migrationName = new RegExp(`^${definition.code.replace(/-/g, '[-_]')}_\\d{3}_[a-z0-9_]+$`);
    for (const name of Object.keys(definition.events)) {
      if (
        !name.startsWith(`${definition.code}.`) ||
        !eventNamePattern.test(name) ||
        reservedEventNames.includes(name)
      ) {
        context.addIssue({
          code: 'custom',
          path: ['events', name],
          message: `Event names follow <code>.<name> in snake_case or kebab-case, such as ${definition.code}.item_added${reservedEventNames.includes(name) ? ` ("${name}" is the host's own)` : ''}`,
        });
      }
    }
    for (const name of Object.keys(definition.subscribes)) {
      if (!eventNamePattern.test(name) || reservedEventNames.includes(name)) {
        context.addIssue({
          code: 'custom',
          path: ['subscribes', name],
          message: `Expected a module event name such as orders.placed${reservedEventNames.includes(name) ? ' (lifecycle events are for the app: orion.events.on)' : ''}`,
        });
      }
    }
    const taskNames = definition.tasks.map((task) => task.name);
    for (const [index, name] of taskNames.entries()) {
      if (taskNames.indexOf(name) !== index) {
        context.addIssue({
          code: 'custom',
          path: ['tasks', index, 'name'],
          message: `Task "${name}" is declared twice`,
        });
      }
    }
    for (const [frontend, routes] of Object.entries(definition.routes)) {
      const seen = new Set<string>();
      for (const [index, route] of (routes ?? []).entries()) {
        const key = `${route.method} ${route.path.replace(/:[^/]+/g, ':')}`;
        if (seen.has(key)) {
          context.addIssue({
            code: 'custom',
            path: ['routes', frontend, index],
            message: `Route ${route.method} ${route.path} is declared twice`,
          });
        }
        seen.add(key);
      }
    }
    for (const name of Object.keys(definition.migrations)) {
      if (!migrationName.test(name)) {
        context.addIssue({
          code: 'custom',
          path: ['migrations', name],
          message: `Migration names follow <code>_<NNN>_<what>, such as ${definition.code}_001_create_tables`,
        });
      }
    }
  });
