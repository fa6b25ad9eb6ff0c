import { OrionError, type Logger, type ModuleContext, type ModuleDefinition } from '@orion/contracts';
import type { Kysely } from 'kysely';
import { resolveModuleConfig, type Environment } from './config/module-config.js';
import { PlatformConfig } from './config/platform-config.js';
import { randomUUID } from 'node:crypto';
import { createChangeWatcher } from './coherence/change-watcher.js';
import { PlatformStateCache } from './coherence/platform-state-cache.js';
import { sqliteChangeCounter } from './coherence/sqlite-change-counter.js';
import { DEFAULT_DATABASE, openDatabase, type DatabaseOption } from './database/create-database.js';
import { checkReadDatabase, openReadDatabase } from './database/read-database.js';
import { discoverModules, type DiscoveryResult } from './discovery/discover-modules.js';
import { ModuleEnablement } from './enablement/module-enablement.js';
import { EventBus } from './events/event-bus.js';
import { checkHealth, type HealthReport } from './health/health-check.js';
import { createRequestHandler, type FetchHandler, type RequestHandlerOptions } from './http/request-handler.js';
import { Translator } from './i18n/translator.js';
import { resolveLifecycleSettings, type StartupFailurePolicy } from './lifecycle/startup-failure-policy.js';
import { ModuleMenu, type MenuItem, type MenuRequest } from './menu/module-menu.js';
import { listPermissions, type PermissionEntry } from './permissions/permission-catalog.js';
import { createConsoleLogger } from './logging/console-logger.js';
import { MigrationRunner, type MigrationReport } from './migrations/migration-runner.js';
import { internalModuleWarnings } from './registry/internal-module-warnings.js';
import { registryFromDiscovery } from './registry/registry-from-discovery.js';
import { ServiceRegistry, assertUniqueServiceProviders } from './services/service-registry.js';
import { StatsAggregator } from './stats/stats-aggregator.js';
import { withDeadline } from './timing/with-deadline.js';
import { TaskRunner, resolveTaskSettings, type TaskRunnerOptions } from './tasks/task-runner.js';
import type { SqlDialect, AnyDatabase } from '@orion/contracts';
import type { OrionPlatformConfig } from './config/orion-platform-config.js';
import type { OrionModules } from './enablement/orion-modules.js';
import type { OrionEventBus } from './events/orion-event-bus.js';
import type { OrionTranslator } from './i18n/orion-translator.js';
import type { OrionRegistry } from './registry/orion-registry.js';
import type { OrionServices } from './services/orion-services.js';
import type { OrionStats } from './stats/orion-stats.js';
import type { OrionTasks } from './tasks/orion-tasks.js';

/** Options of {@link createOrion}; every one has a default. */
export interface OrionOptions {
  /**
   * `sqlite:<file>` (default `sqlite:orion.db` in `cwd`), `sqlite::memory:`, a `postgres://` URL,
   * or a Kysely instance the app already has (Orion will not close it).
   */
  database?: DatabaseOption;
  /**
   * A PostgreSQL read replica (a `postgres://` URL, or a Kysely instance Orion will not close) the
   * dashboards' metrics providers read from. Writes, migrations, enablement and membership checks
   * stay on `database`. A replica lags its primary: a dashboard may miss the latest writes for as
   * long as replication is behind; pass `readFrom: 'primary'` to a dashboard call that must see them.
   * Only with a PostgreSQL `database`: with SQLite it is refused (`ORION_ERR_VALIDATION`).
   * Default: none, everything reads `database`.
   */
  readDatabase?: DatabaseOption;
  /** The app's folder: where discovery starts and relative SQLite paths resolve. Default: `process.cwd()`. */
  cwd?: string;
  /**
   * Modules to load instead of discovering them (bundled deployments, tests). `@orion/tenancy`
   * is added when missing: the host needs it.
   */
  modules?: ModuleDefinition[];
  /** Discover modules from the app's package.json. Default: true unless `modules` is given. */
  discover?: boolean;
  /** Follow the app's devDependencies during discovery. Default: false. */
  includeDevDependencies?: boolean;
  /** Run pending migrations at start. Default: true. */
  migrate?: boolean;
  /** Where the host logs. Default: warnings and errors to stderr. */
  logger?: Logger;
  /** Environment read for module configuration. Default: `process.env`. */
  env?: Environment;
  /** Whether installed optional modules with no stored state count as enabled. Default: true. */
  enabledByDefault?: boolean;
  /** How long one metrics provider may take before its category is given up. Default: 5000 ms. */
  providerTimeoutMs?: number;
  /**
   * How the dashboards check what a metrics provider returns: `full` (every metric against
   * `metricValueSchema`, with a message naming the bad field) or `basic` (the shape a dashboard
   * needs: a list of objects with a string key, label and category and a number or string value).
   * Default: `basic` when `NODE_ENV` is `production`, `full` otherwise.
   */
  metricsValidation?: 'full' | 'basic';
  /** How long one health check may take. Default: 2000 ms. */
  healthCheckTimeoutMs?: number;
  /**
   * How long one lifecycle hook of a module may take, in ms. Default: 30000. An `onStartup` that
   * takes longer is a start-up failure (see `onStartupFailure`); an `onShutdown` that takes longer
   * is logged and `close()` goes on; an `onEnable` or `onDisable` that takes longer is a hook
   * failure of the change (its `hookFailures`), which stands. A hook past its deadline is
   * not cancelled: it runs on while the host goes on without it.
   */
  hookTimeoutMs?: number;
  /**
   * What start-up does when a module's `onStartup` throws or times out: `'abort'` (default) shuts
   * down what was started and rejects with `ORION_ERR_STARTUP_HOOK_FAILED` or
   * `ORION_ERR_STARTUP_HOOK_TIMEOUT`; `'continue'` logs the error and goes on. Per module:
   * `{ default: 'abort', modules: { newsletter: 'continue' } }`. See {@link StartupFailurePolicy}.
   */
  onStartupFailure?: StartupFailurePolicy;
  /** Background tasks; see {@link TaskRunnerOptions}. */
  tasks?: TaskRunnerOptions;
  /**
   * Subscribes the app to events before anything is emitted, so it sees every module's
   * `module.startup`: `subscribe: (events) => events.on('module.startup', ({ code }) => …)`.
   */
  subscribe?: (events: OrionEventBus) => void;
}

/** The host {@link createOrion} returns. */
export interface Orion {
  /** The database, as a Kysely instance. */
  readonly db: Kysely<AnyDatabase>;
  /** What the dashboards read: the `readDatabase` replica when one is configured, else {@link Orion.db}. */
  readonly readDb: Kysely<AnyDatabase>;
  readonly dialect: SqlDialect;
  /** The installed modules, validated as a graph, in dependency order (read-only). */
  readonly registry: OrionRegistry;
  /** Per-platform enablement and features. */
  readonly modules: OrionModules;
  /** The store and platform-admin dashboards. */
  readonly statsAggregator: OrionStats;
  /** Lifecycle events and the events modules publish. */
  readonly events: OrionEventBus;
  /** The services installed modules provide, by {@link ServiceRef}. */
  readonly services: OrionServices;
  /** Per-platform module configuration. */
  readonly platformConfig: OrionPlatformConfig;
  /** Background tasks: enqueue jobs, look them up, run the worker. See {@link OrionTasks}. */
  readonly tasks: OrionTasks;
  /** Every installed module's messages, and the host's, in en, de, fr and lb. */
  readonly translator: OrionTranslator;
  /**
   * One Web-standard fetch handler for every installed module's routes, at
   * `/api/v1/<frontend>/<module>/…`; mount it with {@link orionFastify}, {@link orionHono} or any
   * server that speaks `Request`/`Response`.
   */
  createRequestHandler(options: RequestHandlerOptions): FetchHandler;
  /** The menu of one frontend on a platform: enabled modules' items, filtered by permission, translated. */
  menu(request: MenuRequest): Promise<MenuItem[]>;
  /** Every installed module's permissions, for the app's role editor. */
  permissions(options?: { locale?: string }): PermissionEntry[];
  /** What discovery found and skipped; `undefined` when modules were passed explicitly. */
  readonly discovery: DiscoveryResult | undefined;
  /** Applies pending migrations (run at start unless `migrate: false`). */
  migrate(): Promise<MigrationReport>;
  /** The migrations not applied yet. */
  pendingMigrations(): Promise<MigrationReport['steps']>;
  /** Database ping plus every module's health check. */
  health(): Promise<HealthReport>;
  /** A module's configuration from its defaults and environment, validated at start. */
  config<T = Record<string, unknown>>(code: string): T;
  /** Stops the task worker (waiting for running jobs), runs shutdown hooks and closes the database Orion opened. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts the host: discovers (or takes) the modules, validates the module graph and every
 * module's configuration, opens the database, runs migrations and the start-up hooks.
 *
 * Everything that can be checked before touching the database is checked first, so bad input
 * fails with a coded error before anything changes.
 *
 * @throws OrionError discovery codes (`ORION_ERR_APP_MANIFEST_INVALID`, `ORION_ERR_MODULE_MANIFEST_INVALID`,
 *   `ORION_ERR_MODULE_ENTRY_INVALID`, `ORION_ERR_MODULE_DEFINITION_INVALID`), graph codes
 *   (`ORION_ERR_MODULE_DUPLICATE`, `ORION_ERR_MODULE_REQUIREMENT_MISSING`, `ORION_ERR_MODULE_REQUIREMENT_CYCLE`,
 *   `ORION_ERR_MODULE_TIER_VIOLATION`, `ORION_ERR_SERVICE_PROVIDER_DUPLICATE`), `ORION_ERR_CONFIG_INVALID`,
 *   `ORION_ERR_DATABASE_INVALID`, `ORION_ERR_MIGRATION_FAILED`, `ORION_ERR_VALIDATION` (the `readDatabase`, `tasks`,
 *   `hookTimeoutMs` and `onStartupFailure` options; a task schedule that does not parse is
 *   `ORION_ERR_MODULE_DEFINITION_INVALID`), and, unless `onStartupFailure` lets start-up continue,
 *   `ORION_ERR_STARTUP_HOOK_FAILED` or `ORION_ERR_STARTUP_HOOK_TIMEOUT` after shutting down what was started.
 * @example
 * ```ts
 * import { createOrion } from '@orion/core';
 *
 * const orion = await createOrion(); // sqlite:orion.db, modules from ./package.json
 * const stats = await orion.statsAggregator.getStoreDashboardStats({ storeId: 1, platformId: 1 });
 * await orion.close();
 * ```
 */
export async function createOrion(options: OrionOptions = {}): Promise<Orion> {
  const logger = options.logger ?? createConsoleLogger();
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();

  const discover = options.discover ?? options.modules === undefined;
  const discovery = discover
    ? await discoverModules({ cwd, includeDevDependencies: options.includeDevDependencies === true })
    : undefined;
  for (const skip of discovery?.skipped ?? []) {
    logger.warn(`Discovery skipped ${skip.packageName} (${skip.reason}): ${skip.detail}`, { ...skip });
  }
  const registry = registryFromDiscovery(discovery, options.modules);
  for (const warning of internalModuleWarnings(registry.all().map((module) => module.definition))) {
    logger.warn(warning.message, { module: warning.module, entries: warning.entries });
  }
  const configs = new Map(registry.all().map((module) => [module.code, resolveModuleConfig(module.definition, env)]));
  const taskSettings = resolveTaskSettings(registry, options.tasks);
  assertUniqueServiceProviders(registry);
  const lifecycle = resolveLifecycleSettings(registry, options);
  checkReadDatabase(options.readDatabase, options.database);

  const primary = openDatabase(options.database, cwd, logger);
  const { db, dialect } = primary;
  const replica = openReadDatabase(options.readDatabase, logger);
  const readDb = replica?.db ?? db;
  const closeDatabase = async (): Promise<void> => {
    await replica?.close();
    await primary.close();
  };
  const migrations = new MigrationRunner(db, registry, logger);
  try {
    if (options.migrate !== false) await migrations.migrate();
  } catch (error) {
    await closeDatabase();
    throw error;
  }

  // Each platform's enabled modules and configuration overrides stay in memory; changes through this
  // host drop them at once, other processes' changes through the watcher (LISTEN/NOTIFY or the change log).
  const instanceId = randomUUID();
  const stateCache = new PlatformStateCache();
  const watcher = createChangeWatcher({
    db,
    dialect,
    listenUrl: typeof options.database === 'string' ? options.database : undefined,
    counter: dialect === 'sqlite' ? sqliteChangeCounter(options.database ?? DEFAULT_DATABASE, cwd) : undefined,
    private: options.database === 'sqlite::memory:',
    cache: stateCache,
    instanceId,
    logger,
    onRemoteChange: async (change) => {
      if (change.change === 'config_changed') {
        const config = await platformConfig.get(change.platformId, change.code).catch(() => undefined);
        if (config === undefined) return;
        await events.emit('module.config_changed', {
          platformId: change.platformId,
          code: change.code,
          userId: change.userId,
          config,
          origin: 'remote',
        });
      } else {
        await events.emit(change.change === 'enabled' ? 'module.enabled' : 'module.disabled', {
          platformId: change.platformId,
          code: change.code,
          userId: change.userId,
          requestedBy: change.requestedBy ?? change.code,
          origin: 'remote',
        });
      }
    },
  });
  try {
    await watcher.start();
  } catch (error) {
    await closeDatabase();
    throw error;
  }

  const events: EventBus = new EventBus({
    logger,
    declarations: new Map(registry.all().map((module) => [module.code, module.definition.events ?? {}])),
    isEnabled: (platformId: number, code: string): Promise<boolean> => modules.isEnabled(platformId, code),
  });
  try {
    options.subscribe?.(events);
  } catch (error) {
    await watcher.close();
    await closeDatabase();
    throw error;
  }
  // `let`: contextFor reads both, and both are built after ModuleEnablement, which takes contextFor
  // eslint-disable-next-line prefer-const
  let services: ServiceRegistry;
  // eslint-disable-next-line prefer-const
  let platformConfig: PlatformConfig;
  const contextFor = async (
    code: string,
    scope: { platformId?: number; userId?: number | undefined } = {},
  ): Promise<ModuleContext> => ({
    db,
    logger,
    config: scope.platformId === undefined ? configs.get(code) : await platformConfig.get(scope.platformId, code),
    services,
    events: events.forModule(code),
    ...(scope.platformId === undefined ? {} : { platformId: scope.platformId }),
    ...(scope.userId === undefined ? {} : { userId: scope.userId }),
  });
  const modules = new ModuleEnablement({
    db,
    registry,
    events,
    logger,
    contextFor,
    enabledByDefault: options.enabledByDefault ?? true,
    hookTimeoutMs: lifecycle.hookTimeoutMs,
    cache: stateCache,
    watcher,
    instanceId,
  });
  services = new ServiceRegistry(
    registry,
    (platformId, code) => modules.isEnabled(platformId, code),
    (code) => contextFor(code),
  );
  platformConfig = new PlatformConfig(registry, modules, events, env);
  const translator = new Translator(registry);
  const statsAggregator = new StatsAggregator({
    db,
    readDb,
    registry,
    modules,
    logger,
    translator,
    providerTimeoutMs: options.providerTimeoutMs ?? 5000,
    metricsValidation: options.metricsValidation ?? (env.NODE_ENV === 'production' ? 'basic' : 'full'),
  });

  const menuOf = new ModuleMenu(registry, modules, translator);
  const tasks = new TaskRunner({
    db,
    dialect,
    registry,
    modules,
    services,
    events,
    platformConfig,
    logger,
    settings: taskSettings,
  });

  for (const { code, definition } of registry.all()) {
    for (const [name, handler] of Object.entries(definition.subscribes ?? {})) {
      events
        .forModule(code)
        .subscribe(name, async (event) => handler(event, await contextFor(code, { platformId: event.platformId })));
    }
  }
  let closing: Promise<void> | undefined;
  /** The modules whose onStartup ran (or failed under 'continue'), in start-up order. */
  const started: string[] = [];

  /**
   * Runs a module's lifecycle hook within `hookTimeoutMs`: `undefined` when it finished (or the
   * module has none), else what went wrong.
   */
  async function runHook(
    code: string,
    hook: 'onStartup' | 'onShutdown',
  ): Promise<{ timedOut: true } | { timedOut: false; error: unknown } | undefined> {
    const run = registry.require(code).definition[hook];
    if (!run) return undefined;
    const deadlinePassed = Symbol('deadline passed');
    try {
      const context = await contextFor(code);
      const outcome = await withDeadline<unknown>(() => run(context), {
        timeoutMs: lifecycle.hookTimeoutMs,
        onTimeout: () => deadlinePassed,
      });
      return outcome === deadlinePassed ? { timedOut: true } : undefined;
    } catch (error) {
      return { timedOut: false, error };
    }
  }

  /** The coded start-up error for a failed `onStartup` hook of `code`, naming the module and the hook. */
  function startupFailure(code: string, failure: { timedOut: true } | { timedOut: false; error: unknown }): OrionError {
    const hook = 'onStartup';
    if (failure.timedOut) {
      return new OrionError('ORION_ERR_STARTUP_HOOK_TIMEOUT', { code, hook, timeoutMs: lifecycle.hookTimeoutMs });
    }
    const { error } = failure;
    return new OrionError(
      'ORION_ERR_STARTUP_HOOK_FAILED',
      { code, hook, reason: error instanceof Error ? error.message : String(error) },
      { cause: error },
    );
  }

  /** Runs the started modules' onShutdown hooks in reverse order (a failure or timeout is logged), then closes everything. */
  async function shutDown(): Promise<void> {
    await tasks.stopWorker();
    await events.drain();
    for (const code of [...started].reverse()) {
      const failure = await runHook(code, 'onShutdown');
      if (failure?.timedOut) {
        logger.error(`onShutdown hook of module "${code}" did not finish within ${lifecycle.hookTimeoutMs} ms`, {
          module: code,
        });
      } else if (failure) {
        logger.error(`onShutdown hook of module "${code}" failed`, { module: code, error: failure.error });
      }
      await events.emit('module.shutdown', { code });
    }
    await watcher.close();
    await events.close();
    await tasks.close();
    await closeDatabase();
  }

  for (const code of registry.codes()) {
    const hookFailure = await runHook(code, 'onStartup');
    const failure = hookFailure && startupFailure(code, hookFailure);
    if (failure && lifecycle.onStartupFailure(code) === 'abort') {
      closing = shutDown();
      await closing.catch((error: unknown) =>
        logger.error('Could not shut down cleanly after a failed start-up', { error }),
      );
      throw failure;
    }
    if (failure) {
      logger.error(`onStartup hook of module "${code}" failed; start-up continues (onStartupFailure: continue)`, {
        module: code,
        error: failure,
      });
    }
    started.push(code);
    await events.emit('module.startup', { code });
  }

  return {
    db,
    readDb,
    dialect,
    registry,
    modules,
    statsAggregator,
    events,
    services,
    platformConfig,
    tasks,
    translator,
    createRequestHandler: (handlerOptions) =>
      createRequestHandler(
        { db, registry, modules, services, tasks, events, platformConfig, translator, logger },
        handlerOptions,
      ),
    menu: (request) => menuOf.menu(request),
    permissions: (permissionOptions = {}) => listPermissions(registry, translator, permissionOptions.locale),
    discovery,
    migrate: () => migrations.migrate(),
    pendingMigrations: () => migrations.pending(),
    health: () =>
      checkHealth({
        db,
        registry,
        logger,
        contextFor: (code) => contextFor(code),
        timeoutMs: options.healthCheckTimeoutMs ?? 2000,
      }),
    config: <T>(code: string) => {
      registry.require(code);
      return configs.get(code) as T;
    },
    close: () => {
      closing ??= shutDown();
      return closing;
    },
  };
}
