import type { EnablementOptions, EnablementResult } from './module-enablement.js';

/**
 * Which modules are enabled on which platform: `orion.modules`.
 *
 * Core modules are always enabled. A module is enabled on a platform when its stored state (or,
 * with none, the host's `enabledByDefault`) says so and every module it requires is enabled.
 * Enabling turns on the missing requirements; disabling turns off the dependents. Each change is
 * one transaction and emits `module.enabled` / `module.disabled` in every instance on the database
 * (`origin: 'local'` in the one that made the change, `'remote'` elsewhere).
 *
 * @example
 * ```ts
 * const { changed } = await orion.modules.enable(1, 'marketplace', { userId: 7 }); // ['inventory', 'marketplace']
 * await orion.modules.listEnabled(1); // ['tenancy', 'inventory', 'marketplace', ...]
 * await orion.modules.hasFeature(1, 'bulk-import');
 * ```
 */
export interface OrionModules {
  /**
   * Codes of the installed modules enabled on the platform, in dependency order. Read with one query on
   * first use, then from memory until a change through any instance (or the `orion` CLI) invalidates it.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for an invalid id.
   */
  listEnabled(platformId: number): Promise<string[]>;
  /** Whether the module is installed and enabled on the platform. */
  isEnabled(platformId: number, code: string): Promise<boolean>;
  /**
   * The features (a module definition's `features`) of the modules enabled on the platform,
   * sorted, each once. They follow enablement, cascade included.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for an invalid id.
   */
  listFeatures(platformId: number): Promise<string[]>;
  /**
   * Whether a module enabled on the platform declares the feature: the gate an app puts in front
   * of what a module makes possible. A feature no installed module declares is `false`.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for an invalid id or feature name.
   */
  hasFeature(platformId: number, feature: string): Promise<boolean>;
  /**
   * Enables a module and every module it requires that is not enabled yet.
   *
   * @throws OrionError `ORION_ERR_VALIDATION`, `ORION_ERR_MODULE_NOT_INSTALLED`, `ORION_ERR_PLATFORM_NOT_FOUND`.
   */
  enable(platformId: number, code: string, options?: EnablementOptions): Promise<EnablementResult>;
  /**
   * Disables a module and every module that requires it.
   *
   * @throws OrionError `ORION_ERR_VALIDATION`, `ORION_ERR_MODULE_NOT_INSTALLED`,
   *   `ORION_ERR_MODULE_ALWAYS_ENABLED` (core modules), `ORION_ERR_PLATFORM_NOT_FOUND`.
   */
  disable(platformId: number, code: string, options?: EnablementOptions): Promise<EnablementResult>;
}
