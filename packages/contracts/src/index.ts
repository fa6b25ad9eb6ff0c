export {
  errorCodes,
  hostErrors,
  isHostErrorCode,
  type ErrorAudience,
  type ErrorCode,
  type HostErrorDefinition,
  type ModuleErrorCode,
  type OrionErrorCode,
} from './errors/error-codes.js';
export {
  OrionError,
  isOrionError,
  formatErrorMessage,
  type ErrorDetails,
  type KnownErrorCode,
  type OrionErrorLike,
  type OrionErrorOptions,
} from './errors/orion-error.js';
export {
  errorDefinitionSchema,
  errorDefinitionsSchema,
  errorCodePrefixOf,
  isModuleErrorCode,
  type ErrorDefinition,
  type ErrorDefinitions,
  type ErrorDetailsFor,
  type ErrorPlaceholders,
} from './errors/error-definition.js';
export { defineErrors, isErrorSet, type ErrorCreateArgs, type ErrorSet } from './errors/define-errors.js';
export {
  parseInput,
  toValidationIssues,
  formatValidationIssues,
  type ValidationIssue,
} from './errors/validation-error.js';
export { notFoundError } from './errors/not-found-error.js';
export type { Logger } from './logging/logger.js';
export { metricValueSchema, trendSchema, type MetricValue, type Trend } from './metrics/metric-value.js';
export { metricBuilder, type MetricBuilder, type MetricMessages } from './metrics/metric-builder.js';
export { metricMessages } from './metrics/metric-messages.js';
export {
  metricsContextSchema,
  metricsWindowLimits,
  periodSchema,
  periodToMs,
  resolveMetricsContext,
  windowBounds,
  type MetricsContext,
  type ResolvedMetricsContext,
  type WindowBounds,
} from './metrics/metrics-context.js';
export { currencyCodePattern, currencyMinorDigits, minorToMajor, roundTo } from './metrics/money.js';
export { metricsProviderSchema, type MetricsProviderProtocol } from './metrics/metrics-provider.js';
export { splitWindow, type SplitWindowOptions, type WindowPart, type WindowUnit } from './metrics/split-window.js';
export { computeTrend, withTrend, type TrendChange, type TrendOptions, type TrendResult } from './metrics/trend.js';
export {
  moduleDefinitionSchema,
  moduleCodeSchema,
  featureNameSchema,
  permissionDefinitionSchema,
  menuItemDefinitionSchema,
  frontendSchema,
  provideService,
  MODULE_DEFINITION_TYPE,
  type Frontend,
  type MenuItemDefinition,
  type ModuleConfigDefinition,
  type ModuleContext,
  type ModuleDefinition,
  type ModuleDefinitionInput,
  type ModuleHealth,
  type PermissionDefinition,
  type ServiceProvision,
} from './module/module-definition.js';
export { defineModule, isModuleDefinition } from './module/define-module.js';
export { databaseType, DATABASE_TYPE_TYPE, type DatabaseType } from './module/database-type.js';
export { moduleKit, type ModuleKit } from './module/module-kit.js';
export type { AnyModuleConfig } from './module/any-module-config.js';
export { reservedModuleCodes, reservedModuleCodeReason } from './module/reserved-module-codes.js';
export { createServiceRef, isServiceRef, type ServiceLocator, type ServiceRef } from './services/service-ref.js';
export {
  catalogProductWriterRef,
  type CatalogProductInput,
  type CatalogProductWriter,
  type CatalogUpsertResult,
} from './services/catalog-product-writer.js';
export {
  inventoryStockWriterRef,
  type InventorySetStockResult,
  type InventoryStockInput,
  type InventoryStockWriter,
} from './services/inventory-stock-writer.js';
export {
  cmsMediaServiceRef,
  type CmsMediaService,
  type MediaFileInfo,
  type OpenedMediaFile,
} from './services/cms-media-service.js';
export {
  customerActivityRecorderRef,
  type CustomerActivityRecorder,
  type CustomerOrderActivity,
  type RecordCustomerOrderOptions,
  type RecordedCustomerOrder,
} from './services/customer-activity-recorder.js';
export type { AnyDatabase } from './database/any-database.js';
export { sqlDialectOf, columnTypes, type SqlDialect } from './database/dialect.js';
export { idSchema } from './database/id-schema.js';
export { idParamSchema } from './inputs/id-param-schema.js';
export { skuSchema, maxSkuLength } from './inputs/sku-schema.js';
export { currencySchema, isCurrencyCode } from './inputs/currency-schema.js';
export { pageQuerySchema, maxPageLimit, maxPageOffset, type PageQuery } from './inputs/page-query-schema.js';
export { selectPage, type Page, type SelectPageOptions } from './database/select-page.js';
export { idInStore } from './database/id-in-store.js';
export { textSchema, hasNulCharacter, nulCharacterMessage } from './inputs/text-schema.js';
export { afterCommit, inTransaction } from './database/in-transaction.js';
export {
  isDatabaseBusy,
  retryWhileDatabaseBusy,
  DATABASE_BUSY_WAIT_MS,
  type RetryWhileDatabaseBusyOptions,
} from './database/database-busy.js';
export {
  createEventRef,
  isEventRef,
  eventNamePattern,
  reservedEventNames,
  type EventRef,
  type ModuleEvent,
  type ModuleEventDeclarations,
  type ModuleEventHandler,
  type ModuleEvents,
  type PublishEventOptions,
} from './events/module-events.js';
export { toNumber, toBoolean, toIsoTimestamp, nowTimestamp } from './database/values.js';
export { isUniqueViolation, conflictOnUniqueViolation, type UniqueField } from './database/unique-violation.js';
export type { RequestContext } from './http/request-context.js';
export {
  defineRoute,
  routeResponse,
  isRouteResponse,
  type HttpMethod,
  type ModuleRoutes,
  type RouteDefinition,
  type RouteFrontend,
  type RouteHandlerArgs,
  type RouteResponse,
  type RouteResult,
} from './http/route-definition.js';
export { defineTask, type TaskDefinition, type TaskEnqueuer, type TaskHandlerArgs } from './tasks/task-definition.js';
export { moduleMessagesSchema, supportedLocales, type ModuleMessages, type SupportedLocale } from './i18n/messages.js';
