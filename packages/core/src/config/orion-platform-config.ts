/**
 * Per-platform configuration of modules: `orion.platformConfig`. Overrides are stored beside the
 * module's enablement and validated with the module's config schema on top of its defaults and
 * environment. Kept in memory per platform; a change through any instance on the database (or the
 * `orion` CLI) invalidates it everywhere and emits `module.config_changed` there, with `origin`.
 *
 * @example
 * ```ts
 * await orion.platformConfig.set(1, 'marketplace', { apiTimeout: 90 }, { userId: 7 });
 * await orion.platformConfig.get(1, 'marketplace'); // { apiTimeout: 90, ... }
 * await orion.platformConfig.getOverrides(1, 'marketplace'); // { apiTimeout: 90 }
 * ```
 */
export interface OrionPlatformConfig {
  /**
   * The module's configuration on a platform: defaults, then environment, then the platform's overrides.
   *
   * @throws OrionError `ORION_ERR_VALIDATION`, `ORION_ERR_MODULE_NOT_INSTALLED`, `ORION_ERR_CONFIG_INVALID`.
   */
  get(platformId: number, code: string): Promise<Record<string, unknown>>;
  /**
   * The overrides stored for the module on a platform (`{}` when none): what `set` last stored.
   *
   * @throws OrionError `ORION_ERR_VALIDATION`, `ORION_ERR_MODULE_NOT_INSTALLED`.
   */
  getOverrides(platformId: number, code: string): Promise<Record<string, unknown>>;
  /**
   * Validates and stores overrides (replacing earlier ones), emits `module.config_changed`, and
   * returns the resulting configuration. With `dryRun` it only validates them and returns the
   * configuration they would give (what `orion config --set … --dry-run` shows).
   *
   * @throws OrionError `ORION_ERR_VALIDATION`, `ORION_ERR_MODULE_NOT_INSTALLED`, `ORION_ERR_CONFIG_INVALID`
   *   (nothing is stored then).
   */
  set(
    platformId: number,
    code: string,
    overrides: Record<string, unknown>,
    options?: { userId?: number; dryRun?: boolean },
  ): Promise<Record<string, unknown>>;
}
