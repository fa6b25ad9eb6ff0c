import type { ModuleTier, RegisteredErrorCode, RegisteredModule } from './module-registry.js';

/**
 * The installed modules of a host, read-only: `orion.registry`. Validated as a graph at start
 * (duplicates → requirements → cycles → tiers) and kept in dependency order, requirements first.
 *
 * @example
 * ```ts
 * orion.registry.codes();        // ['tenancy', 'orders', 'catalog', ...] requirements first
 * orion.registry.tier('orders'); // 'optional'
 * orion.registry.get('feeds');   // undefined when not installed
 * ```
 */
export interface OrionRegistry {
  /** Every module, requirements before the modules that need them. */
  all(): readonly RegisteredModule[];
  /** Every module code, in dependency order. */
  codes(): string[];
  /** The modules of one tier, in dependency order. */
  byTier(tier: ModuleTier): RegisteredModule[];
  /** The module with this code, or `undefined` when it is not installed. */
  get(code: string): RegisteredModule | undefined;
  /** Whether a module with this code is installed. */
  has(code: string): boolean;
  /**
   * The module with this code.
   *
   * @throws OrionError `ORION_ERR_MODULE_NOT_INSTALLED`
   */
  require(code: string): RegisteredModule;
  /**
   * The tier of an installed module.
   *
   * @throws OrionError `ORION_ERR_MODULE_NOT_INSTALLED`
   */
  tier(code: string): ModuleTier;
  /**
   * `code` and everything it requires, directly or not, requirements first.
   *
   * @throws OrionError `ORION_ERR_MODULE_NOT_INSTALLED`
   */
  requirementsOf(code: string): string[];
  /**
   * `code` and every installed module that requires it, directly or not, dependents first.
   *
   * @throws OrionError `ORION_ERR_MODULE_NOT_INSTALLED`
   */
  dependentsOf(code: string): string[];
  /** A module's error code (not the host's own), or `undefined` when no installed module declares it. */
  errorCode(code: string): RegisteredErrorCode | undefined;
  /** Every error code the installed modules declare, by code. */
  errorCodes(): ReadonlyMap<string, RegisteredErrorCode>;
}
