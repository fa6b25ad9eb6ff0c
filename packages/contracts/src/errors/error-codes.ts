/**
 * Every failure an Orion package raises, with its stable code and message template.
 *
 * The table is the documentation of what can go wrong: a code never changes meaning once
 * released, and `{name}` placeholders in a template are filled from the error's `details`.
 */
export const errorCodes = {
  ORION_ERR_VALIDATION: 'Invalid {subject}: {issues}',
  ORION_ERR_MODULE_DEFINITION_INVALID:
    'Module definition {where} is invalid: {issues}. Build it with defineModule() from @orion/contracts.',
  ORION_ERR_MODULE_MANIFEST_INVALID:
    'Package {packageName} declares an invalid "orion" field in {file}: {issues}. Expected {"orion": {"module": "./dist/index.js"}}.',
  ORION_ERR_MODULE_ENTRY_INVALID: 'Module entry {file} of package {packageName} could not be loaded: {reason}.',
  ORION_ERR_MODULE_DUPLICATE:
    'Module code "{code}" is declared twice: by {first} and by {second}. Uninstall one of them.',
  ORION_ERR_MODULE_ERROR_CODE_DUPLICATE:
    'Error code {errorCode} is declared by module "{first}" and by module "{second}": every error code belongs to one module. Rename one of them, or uninstall one module.',
  ORION_ERR_MODULE_REQUIREMENT_MISSING: 'Module "{code}" requires module "{required}", which is not installed. {hint}',
  ORION_ERR_MODULE_REQUIREMENT_CYCLE: 'Module requirements form a cycle: {cycle}.',
  ORION_ERR_MODULE_TIER_VIOLATION:
    'Core module "{code}" requires {requiredTier} module "{required}": core modules may only require core modules.',
  ORION_ERR_MODULE_NOT_INSTALLED: 'Module "{code}" is not installed.',
  ORION_ERR_MODULE_ALWAYS_ENABLED: 'Module "{code}" is a core module and can not be disabled.',
  ORION_ERR_MIGRATION_FAILED: 'Migration "{migration}" of module "{code}" failed: {reason}.',
  ORION_ERR_CONFIG_INVALID: 'Configuration of module "{code}" is invalid: {issues}.',
  ORION_ERR_DATABASE_INVALID:
    'Unsupported database option {value}: use "sqlite:<file>", "sqlite::memory:", a postgres:// URL or a Kysely instance.',
  ORION_ERR_APP_MANIFEST_INVALID: 'Could not read the app manifest {file}: {reason}.',
  ORION_ERR_PLATFORM_NOT_FOUND: 'Platform {platformId} does not exist.',
  ORION_ERR_STORE_NOT_IN_PLATFORM: 'Store {storeId} has no active membership in platform {platformId}.',
  ORION_ERR_NOT_FOUND: '{entity} {id} does not exist.',
  ORION_ERR_CONFLICT: '{entity} with {field} "{value}" already exists.',
  ORION_ERR_PROVIDER_FAILED: 'Metrics provider of module "{code}" failed: {reason}.',
  ORION_ERR_PROVIDER_TIMEOUT: 'Metrics provider of module "{code}" did not answer within {timeoutMs} ms.',
  ORION_ERR_UNAUTHENTICATED: 'The request is not authenticated: {reason}.',
  ORION_ERR_FORBIDDEN: 'This needs the permission "{permission}".',
  ORION_ERR_ROUTE_NOT_FOUND: 'No route answers {method} {path}.',
  ORION_ERR_INTERNAL: 'Something went wrong on our side. Quote {correlationId} when you report it.',
  ORION_ERR_TASK_UNKNOWN: 'Module "{code}" has no task "{task}".',
  ORION_ERR_SERVICE_UNAVAILABLE:
    'Service "{serviceId}" is not available{scope}: no installed and enabled module provides it.',
  ORION_ERR_NOT_READY: 'The server is still starting. Try again in a few seconds.',
  ORION_ERR_MIGRATIONS_PENDING:
    'The database has {count} pending migration(s), starting with "{migration}" of module "{code}". Run `orion migrate` (or start the app once) first.',
  ORION_ERR_EVENT_UNDECLARED:
    'Module "{code}" can not publish "{event}": a module publishes only the events it declares in its definition\'s `events`.',
  ORION_ERR_EVENT_TRANSACTION_UNKNOWN:
    'Can not wait for this transaction to commit: {reason}. Open it with inTransaction(db, work), or publish without a transaction after it commits.',
} as const;

/**
 * A stable error code of the host, such as `ORION_ERR_MODULE_REQUIREMENT_MISSING`.
 *
 * Modules declare their own codes with {@link defineErrors}; see {@link ModuleErrorCode} and
 * {@link OrionErrorCode}.
 */
export type ErrorCode = keyof typeof errorCodes;

/**
 * A module's own error code: `<MODULE>_ERR_<NAME>`, where `<MODULE>` is the module code upper-cased
 * with `-` turned into `_` (module `order-notes` → `ORDER_NOTES_ERR_TOO_LONG`). `ORION_ERR_` is
 * reserved for the host.
 */
export type ModuleErrorCode = `${string}_ERR_${string}`;

/** Any code an {@link OrionError} can carry: the host's ({@link ErrorCode}) or a module's. */
export type OrionErrorCode = ErrorCode | ModuleErrorCode;

/** Whether `code` is one of the host's own codes (not a module's). */
export function isHostErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(errorCodes, code);
}
