export { createOrion, type Orion, type OrionOptions } from './orion.js';
export {
  discoverModules,
  type DiscoverOptions,
  type DiscoveredModule,
  type DiscoveryResult,
  type DiscoverySkip,
  type DiscoverySkipReason,
} from './discovery/discover-modules.js';
export { moduleManifestSchema, type ModuleManifest } from './discovery/module-manifest.js';
export {
  ModuleRegistry,
  tierOf,
  type ModuleSource,
  type ModuleTier,
  type RegisteredModule,
} from './registry/module-registry.js';
export {
  ModuleEnablement,
  type EnablementOptions,
  type EnablementResult,
  type HookFailure,
} from './enablement/module-enablement.js';
export {
  StatsAggregator,
  type AdminDashboardRequest,
  type DashboardStats,
  type ProviderFailure,
  type StoreDashboardRequest,
} from './stats/stats-aggregator.js';
export { EventBus, type OrionEventHandler, type OrionEventName, type OrionEvents } from './events/event-bus.js';
export { ServiceRegistry } from './services/service-registry.js';
export { PlatformConfig } from './config/platform-config.js';
export { resolveModuleConfig, type Environment } from './config/module-config.js';
export type { HealthCheckResult, HealthReport, HealthStatus } from './health/health-check.js';
export type { MigrationReport, MigrationStep } from './migrations/migration-runner.js';
export { openDatabase, DEFAULT_DATABASE, type DatabaseOption, type OrionDatabase } from './database/create-database.js';
export { SqliteBooleanPlugin } from './database/sqlite-boolean-plugin.js';
export { createConsoleLogger, type LogLevel } from './logging/console-logger.js';
export {
  TaskRunner,
  type DrainOptions,
  type DrainResult,
  type StopWorkerOptions,
  type TaskRunnerOptions,
  type WorkerOptions,
} from './tasks/task-runner.js';
export type { EnqueueTaskRequest, TaskJob, TaskSkipReason, TaskStatus } from './tasks/task-job.js';
export {
  createRequestHandler,
  type ContextResolver,
  type FetchHandler,
  type RequestHandlerOptions,
} from './http/request-handler.js';
export { errorResponse, httpStatusOf, type ErrorBody } from './http/error-response.js';
export { orionFastify, orionHono } from './http/framework-adapters.js';
export { Translator, resolveLocale } from './i18n/translator.js';
export { ModuleMenu, type MenuItem, type MenuRequest } from './menu/module-menu.js';
export { listPermissions, type PermissionEntry } from './permissions/permission-catalog.js';
export * from '@orion/contracts';
export {
  tenancyModule,
  TenancyService,
  activeStoreIdsInPlatform,
  hasActiveStoreMembership,
  platformExists,
} from '@orion/tenancy';
