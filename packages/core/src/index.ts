export { createOrion, type Orion, type OrionOptions } from './orion.js';
export type { StartupFailureAction, StartupFailurePolicy } from './lifecycle/startup-failure-policy.js';
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
  tierOf,
  type ModuleSource,
  type ModuleTier,
  type RegisteredErrorCode,
  type RegisteredModule,
} from './registry/module-registry.js';
export type { OrionRegistry } from './registry/orion-registry.js';
export type { OrionModules } from './enablement/orion-modules.js';
export { type EnablementOptions, type EnablementResult, type HookFailure } from './enablement/module-enablement.js';
export type { OrionStats } from './stats/orion-stats.js';
export {
  type AdminDashboardRequest,
  type DashboardReadFrom,
  type DashboardStats,
  type ProviderFailure,
  type StoreDashboardRequest,
} from './stats/stats-aggregator.js';
export {
  type ChangeOrigin,
  type OrionEventHandler,
  type OrionEventName,
  type OrionEvents,
} from './events/event-bus.js';
export type { OrionEventBus } from './events/orion-event-bus.js';
export type { OrionServices } from './services/orion-services.js';
export type { OrionPlatformConfig } from './config/orion-platform-config.js';
export { resolveModuleConfig, type Environment } from './config/module-config.js';
export type { HealthCheckResult, HealthReport, HealthStatus } from './health/health-check.js';
export {
  createHealthHandler,
  type HealthHandlerOptions,
  type HealthSource,
  type PublicHealthCheck,
  type PublicHealthReport,
} from './health/health-handler.js';
export type { MigrationReport, MigrationStep } from './migrations/migration-runner.js';
export { openDatabase, DEFAULT_DATABASE, type DatabaseOption, type OrionDatabase } from './database/create-database.js';
export { SqliteBooleanPlugin } from './database/sqlite-boolean-plugin.js';
export { createConsoleLogger, type LogLevel } from './logging/console-logger.js';
export type { OrionTasks } from './tasks/orion-tasks.js';
export {
  type DrainOptions,
  type DrainResult,
  type StopWorkerOptions,
  type TaskRunnerOptions,
  type WorkerOptions,
} from './tasks/task-runner.js';
export type { EnqueueTaskRequest, TaskJob, TaskSkipReason, TaskStatus } from './tasks/task-job.js';
export { type ContextResolver, type FetchHandler, type RequestHandlerOptions } from './http/request-handler.js';
export { errorResponse, httpStatusOf, type ErrorBody } from './http/error-response.js';
export {
  orionFastify,
  orionHono,
  type FastifyLike,
  type FastifyReplyLike,
  type FastifyRequestLike,
  type HonoLike,
} from './http/framework-adapters.js';
export { orionClientErrorHandler, type ClientErrorHandlerOptions } from './http/client-error-handler.js';
export { resolveLocale } from './i18n/translator.js';
export type { OrionTranslator } from './i18n/orion-translator.js';
export { createTranslator, type CreateTranslatorOptions } from './i18n/create-translator.js';
export type { MenuItem, MenuRequest } from './menu/module-menu.js';
export type { PermissionEntry } from './permissions/permission-catalog.js';
export * from '@orion/contracts';
export {
  tenancyModule,
  TenancyService,
  activeStoreIdsInPlatform,
  hasActiveStoreMembership,
  isActiveStoreInPlatform,
  platformExists,
} from '@orion/tenancy';
