import { idSchema, parseInput } from '@orion/contracts';
import { z } from 'zod';
import type { ModuleEnablement } from '../enablement/module-enablement.js';
import type { EventBus } from '../events/event-bus.js';
import type { ModuleRegistry } from '../registry/module-registry.js';
import { resolveModuleConfig, type Environment } from './module-config.js';

const requestSchema = z.object({
  platformId: idSchema,
  code: z.string().min(1),
  overrides: z.record(z.string(), z.unknown()).optional(),
  userId: idSchema.optional(),
});

/**
 * Per-platform configuration overrides, stored beside the module's enablement and validated with
 * the module's schema on top of its defaults and environment.
 *
 * @example
 * ```ts
 * await orion.platformConfig.set(1, 'marketplace', { apiTimeout: 90 }, { userId: 7 });
 * await orion.platformConfig.get(1, 'marketplace'); // { apiTimeout: 90, ... }
 * ```
 */
export class PlatformConfig {
  readonly #registry: ModuleRegistry;
  readonly #modules: ModuleEnablement;
  readonly #events: EventBus;
  readonly #env: Environment;

  constructor(registry: ModuleRegistry, modules: ModuleEnablement, events: EventBus, env: Environment) {
    this.#registry = registry;
    this.#modules = modules;
    this.#events = events;
    this.#env = env;
  }

  /**
   * The module's configuration on a platform.
   *
   * @throws OrionError `ORION_ERR_VALIDATION`, `ORION_ERR_MODULE_NOT_INSTALLED`, `ORION_ERR_CONFIG_INVALID`.
   */
  async get(platformId: number, code: string): Promise<Record<string, unknown>> {
    const input = parseInput(requestSchema, { platformId, code }, 'config request');
    const { definition } = this.#registry.require(input.code);
    // resolved once per platform state: the enablement cache drops it when the overrides change
    return this.#modules.resolvedConfig(input.platformId, input.code, (overrides) =>
      resolveModuleConfig(definition, this.#env, overrides),
    );
  }

  /**
   * The overrides stored for the module on a platform (`{}` when none), as `set` stored them.
   *
   * @throws OrionError `ORION_ERR_VALIDATION`, `ORION_ERR_MODULE_NOT_INSTALLED`.
   */
  async getOverrides(platformId: number, code: string): Promise<Record<string, unknown>> {
    const input = parseInput(requestSchema, { platformId, code }, 'config request');
    this.#registry.require(input.code);
    return this.#modules.getConfigOverrides(input.platformId, input.code);
  }

  /**
   * Validates and stores overrides (replacing earlier ones), then emits `module.config_changed`;
   * with `dryRun`, only validates and returns the configuration they would give.
   *
   * @throws OrionError `ORION_ERR_VALIDATION`, `ORION_ERR_MODULE_NOT_INSTALLED`, `ORION_ERR_CONFIG_INVALID`
   *   (nothing is stored then).
   */
  async set(
    platformId: number,
    code: string,
    overrides: Record<string, unknown>,
    options: { userId?: number; dryRun?: boolean } = {},
  ): Promise<Record<string, unknown>> {
    const input = parseInput(requestSchema, { platformId, code, overrides, userId: options.userId }, 'config change');
    const { definition } = this.#registry.require(input.code);
    const config = resolveModuleConfig(definition, this.#env, input.overrides);
    if (options.dryRun === true) return config;
    await this.#modules.saveConfigOverrides(input.platformId, input.code, input.overrides ?? {}, input.userId);
    await this.#events.emit('module.config_changed', {
      platformId: input.platformId,
      code: input.code,
      userId: input.userId,
      config,
      origin: 'local',
    });
    return config;
  }
}
