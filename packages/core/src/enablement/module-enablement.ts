import {
  OrionError,
  featureNameSchema,
  sqlDialectOf,
  idSchema,
  parseInput,
  toBoolean,
  type Logger,
  type ModuleContext,
  type AnyDatabase,
} from '@orion/contracts';
import { platformExists } from '@orion/tenancy';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { ChangeWatcher } from '../coherence/change-watcher.js';
import { recordModuleChanges } from '../coherence/module-changes.js';
import { PlatformStateCache, type PlatformState } from '../coherence/platform-state-cache.js';
import type { EventBus } from '../events/event-bus.js';
import type { CoreDatabase } from '../migrations/core-migrations.js';
import type { ModuleRegistry } from '../registry/module-registry.js';
import { withDeadline } from '../timing/with-deadline.js';

/** Builds the context a lifecycle hook receives. */
export type ModuleContextFactory = (
  code: string,
  scope: { platformId?: number; userId?: number | undefined },
) => Promise<ModuleContext>;

/** Options for {@link ModuleEnablement.enable} and {@link ModuleEnablement.disable}. */
export interface EnablementOptions {
  /** Who asked, recorded on the rows and passed to hooks and events. */
  userId?: number;
  /** Compute the cascade without changing anything (to show it before it is applied). */
  dryRun?: boolean;
}

/** A hook that failed during a change; the change itself stands. */
export interface HookFailure {
  module: string;
  hook: 'onEnable' | 'onDisable';
  error: unknown;
}

/** What an enable or disable call changed. */
export interface EnablementResult {
  platformId: number;
  code: string;
  action: 'enable' | 'disable';
  /** Modules whose state changed (or would, with `dryRun`), in the order they were changed. */
  changed: string[];
  dryRun: boolean;
  hookFailures: HookFailure[];
}

interface EnablementDependencies {
  db: Kysely<AnyDatabase>;
  registry: ModuleRegistry;
  events: EventBus;
  logger: Logger;
  contextFor: ModuleContextFactory;
  /** Whether an installed optional or internal module with no stored state counts as enabled. */
  enabledByDefault: boolean;
  /** How long an `onEnable` or `onDisable` hook may take before it counts as failed. Default: no limit. */
  hookTimeoutMs?: number;
  /** Where each platform's stored state is kept between calls; dropped on every change. */
  cache?: PlatformStateCache;
  /** Tells whether the cache can be used and checks for other processes' changes before a read. */
  watcher?: Pick<ChangeWatcher, 'trusted' | 'beforeRead'>;
  /** This instance's id, written with every change so other instances know it is not theirs. */
  instanceId?: string;
}

const changeSchema = z.object({
  platformId: idSchema,
  code: z.string().min(1),
  userId: idSchema.optional(),
});

/**
 * Which modules are enabled on which platform, stored in `orion_module_states`.
 *
 * Core modules are always enabled. A module is enabled on a platform when its stored state (or,
 * with none, the host's default) says so and every module it requires is enabled. Enabling turns
 * on the missing requirements; disabling turns off the dependents. Each call is one transaction;
 * asking for what is already so changes nothing. Rows of uninstalled modules are kept and
 * ignored, so reinstalling a package brings its state back.
 *
 * @example
 * ```ts
 * const { changed } = await orion.modules.enable(1, 'marketplace', { userId: 7 }); // ['inventory', 'marketplace']
 * await orion.modules.listEnabled(1); // ['tenancy', 'inventory', 'marketplace', ...]
 * ```
 */
export class ModuleEnablement {
  readonly #deps: EnablementDependencies;
  readonly #cache: PlatformStateCache;
  readonly #dialect: 'sqlite' | 'postgres';

  constructor(deps: EnablementDependencies) {
    this.#deps = deps;
    this.#cache = deps.cache ?? new PlatformStateCache();
    this.#dialect = sqlDialectOf(deps.db);
  }

  get #db(): Kysely<CoreDatabase> {
    return this.#deps.db as Kysely<CoreDatabase>;
  }

  /**
   * Codes of the installed modules enabled on the platform, in dependency order; one query on first
   * use, then from memory until a change invalidates it (see {@link ChangeWatcher}).
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for an invalid id.
   */
  async listEnabled(platformId: number): Promise<string[]> {
    parseInput(idSchema, platformId, 'platformId');
    return [...(await this.#platformState(platformId)).enabled];
  }

  /**
   * The enabled codes for an id the caller already validated: the cached array itself (callers
   * must not change it), the same array until the platform's state changes.
   */
  async enabledCodes(platformId: number): Promise<readonly string[]> {
    return (await this.#platformState(platformId)).enabled;
  }

  /** Drops what is cached for a platform (or every platform): the next read loads it again. */
  invalidate(platformId?: number): void {
    if (platformId === undefined) this.#cache.clear();
    else this.#cache.invalidate(platformId);
  }

  /** Whether the module is installed and enabled on the platform. */
  async isEnabled(platformId: number, code: string): Promise<boolean> {
    return (await this.listEnabled(platformId)).includes(code);
  }

  /**
   * The features (`features` of a module's definition) of the modules enabled on the platform,
   * sorted, each once; one query. They follow enablement, cascade included: disabling a module
   * takes away its features and those of the modules that require it.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for an invalid id.
   * @example
   * ```ts
   * await orion.modules.listFeatures(1); // ['bulk-import', 'orders.bulk-export']
   * ```
   */
  async listFeatures(platformId: number): Promise<string[]> {
    const features = new Set<string>();
    for (const code of await this.listEnabled(platformId)) {
      for (const feature of this.#deps.registry.require(code).definition.features) features.add(feature);
    }
    return [...features].sort();
  }

  /**
   * Whether a module enabled on the platform declares the feature: the gate an app puts in front of
   * what a module makes possible. A feature no installed module declares is simply absent (`false`).
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for an invalid id or a feature name that is not kebab-case
   *   (optionally dotted, see `featureNameSchema`).
   * @example
   * ```ts
   * const showImportButton = await orion.modules.hasFeature(platformId, 'bulk-import');
   * ```
   */
  async hasFeature(platformId: number, feature: string): Promise<boolean> {
    parseInput(featureNameSchema, feature, 'feature');
    return (await this.listFeatures(platformId)).includes(feature);
  }

  /**
   * Enables a module and every module it requires that is not enabled yet.
   *
   * @throws OrionError `ORION_ERR_VALIDATION`, `ORION_ERR_MODULE_NOT_INSTALLED`, `ORION_ERR_PLATFORM_NOT_FOUND`.
   */
  async enable(platformId: number, code: string, options: EnablementOptions = {}): Promise<EnablementResult> {
    return this.#change('enable', platformId, code, options);
  }

  /**
   * Disables a module and every module that requires it.
   *
   * @throws OrionError `ORION_ERR_VALIDATION`, `ORION_ERR_MODULE_NOT_INSTALLED`,
   *   `ORION_ERR_MODULE_ALWAYS_ENABLED` (core modules), `ORION_ERR_PLATFORM_NOT_FOUND`.
   */
  async disable(platformId: number, code: string, options: EnablementOptions = {}): Promise<EnablementResult> {
    return this.#change('disable', platformId, code, options);
  }

  /** The per-platform configuration overrides stored for a module (`{}` when none). */
  async getConfigOverrides(platformId: number, code: string): Promise<Record<string, unknown>> {
    parseInput(idSchema, platformId, 'platformId');
    const config = (await this.#platformState(platformId)).config.get(code);
    return config ? structuredClone(config) : {};
  }

  /**
   * The module's configuration on the platform, resolved by `resolve` from its stored overrides once
   * and kept until the platform's state changes; each caller gets its own shallow copy.
   */
  async resolvedConfig<T extends Record<string, unknown>>(
    platformId: number,
    code: string,
    resolve: (overrides: Record<string, unknown>) => T,
  ): Promise<T> {
    parseInput(idSchema, platformId, 'platformId');
    const state = await this.#platformState(platformId);
    let resolved = state.resolved.get(code) as T | undefined;
    if (!resolved) {
      resolved = resolve(structuredClone(state.config.get(code) ?? {}));
      state.resolved.set(code, resolved);
    }
    return { ...resolved };
  }

  /** Stores per-platform configuration overrides; the caller validated them. */
  async saveConfigOverrides(
    platformId: number,
    code: string,
    overrides: Record<string, unknown>,
    userId?: number,
  ): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      await this.#saveConfig(trx, platformId, code, overrides, userId);
      await recordModuleChanges(trx, this.#dialect, [
        { platformId, code, change: 'config_changed', userId, origin: this.#origin },
      ]);
    });
    this.#cache.invalidate(platformId);
  }

  get #origin(): string {
    return this.#deps.instanceId ?? 'unknown';
  }

  async #saveConfig(
    trx: Kysely<CoreDatabase>,
    platformId: number,
    code: string,
    overrides: Record<string, unknown>,
    userId: number | undefined,
  ): Promise<void> {
    await trx
      .insertInto('orion_module_states')
      .values({
        platform_id: platformId,
        module_code: code,
        is_enabled: null,
        config: JSON.stringify(overrides),
        updated_by: userId ?? null,
        updated_at: new Date().toISOString(),
      })
      .onConflict((conflict) =>
        conflict.columns(['platform_id', 'module_code']).doUpdateSet({
          config: JSON.stringify(overrides),
          updated_by: userId ?? null,
          updated_at: new Date().toISOString(),
        }),
      )
      .execute();
  }

  async #change(
    action: 'enable' | 'disable',
    platformId: number,
    code: string,
    options: EnablementOptions,
  ): Promise<EnablementResult> {
    const input = parseInput(changeSchema, { platformId, code, userId: options.userId }, `${action} request`);
    const { registry } = this.#deps;
    const module = registry.require(input.code);
    if (action === 'disable' && module.tier === 'core') {
      throw new OrionError('ORION_ERR_MODULE_ALWAYS_ENABLED', { code: input.code });
    }
    const dryRun = options.dryRun === true;
    const changed = await this.#db.transaction().execute(async (trx) => {
      if (!(await platformExists(trx, input.platformId))) {
        throw new OrionError('ORION_ERR_PLATFORM_NOT_FOUND', { platformId: input.platformId });
      }
      const enabled = new Set(this.#effectiveEnabled(await this.#storedStates(trx, input.platformId)));
      const candidates = action === 'enable' ? registry.requirementsOf(input.code) : registry.dependentsOf(input.code);
      const toChange = candidates.filter((candidate) => enabled.has(candidate) !== (action === 'enable'));
      if (!dryRun && toChange.length > 0) {
        const now = new Date().toISOString();
        for (const target of toChange) {
          await trx
            .insertInto('orion_module_states')
            .values({
              platform_id: input.platformId,
              module_code: target,
              is_enabled: action === 'enable',
              updated_by: input.userId ?? null,
              updated_at: now,
            })
            .onConflict((conflict) =>
              conflict.columns(['platform_id', 'module_code']).doUpdateSet({
                is_enabled: action === 'enable',
                updated_by: input.userId ?? null,
                updated_at: now,
              }),
            )
            .execute();
        }
        await recordModuleChanges(
          trx,
          this.#dialect,
          toChange.map((target) => ({
            platformId: input.platformId,
            code: target,
            change: action === 'enable' ? 'enabled' : 'disabled',
            requestedBy: input.code,
            userId: input.userId,
            origin: this.#origin,
          })),
        );
      }
      return toChange;
    });
    if (!dryRun && changed.length > 0) this.#cache.invalidate(input.platformId);
    const result: EnablementResult = {
      platformId: input.platformId,
      code: input.code,
      action,
      changed,
      dryRun,
      hookFailures: [],
    };
    if (!dryRun) await this.#afterChange(result, input.userId);
    return result;
  }

  async #afterChange(result: EnablementResult, userId: number | undefined): Promise<void> {
    const { registry, events, logger, contextFor } = this.#deps;
    const hook = result.action === 'enable' ? 'onEnable' : 'onDisable';
    for (const code of result.changed) {
      const run = registry.require(code).definition[hook];
      if (run) {
        try {
          const context = await contextFor(code, { platformId: result.platformId, userId });
          const timeoutMs = this.#deps.hookTimeoutMs ?? Infinity;
          await withDeadline(() => run(context), {
            timeoutMs,
            onTimeout: () => {
              throw new Error(`${hook} hook of module "${code}" did not finish within ${timeoutMs} ms`);
            },
          });
        } catch (error) {
          result.hookFailures.push({ module: code, hook, error });
          logger.error(`${hook} hook of module "${code}" failed`, { platformId: result.platformId, error });
        }
      }
      await events.emit(result.action === 'enable' ? 'module.enabled' : 'module.disabled', {
        platformId: result.platformId,
        code,
        userId,
        requestedBy: result.code,
        origin: 'local',
      });
    }
  }

  /** The platform's state from the cache when it can be trusted, else from the database. */
  async #platformState(platformId: number): Promise<PlatformState> {
    const { watcher } = this.#deps;
    const check = watcher?.beforeRead();
    if (check) await check;
    if (watcher && !watcher.trusted) return this.#loadState(platformId);
    return this.#cache.get(platformId, () => this.#loadState(platformId));
  }

  /** One query: the platform's stored decisions and configuration overrides. */
  async #loadState(platformId: number): Promise<PlatformState> {
    const rows = await this.#db
      .selectFrom('orion_module_states')
      .select(['module_code', 'is_enabled', 'config'])
      .where('platform_id', '=', platformId)
      .execute();
    const states = new Map<string, boolean | null>();
    const config = new Map<string, Record<string, unknown>>();
    for (const row of rows) {
      states.set(row.module_code, row.is_enabled === null ? null : toBoolean(row.is_enabled));
      if (row.config) config.set(row.module_code, JSON.parse(row.config) as Record<string, unknown>);
    }
    return { states, config, enabled: Object.freeze(this.#effectiveEnabled(states)), resolved: new Map() };
  }

  async #storedStates(db: Kysely<CoreDatabase>, platformId: number): Promise<Map<string, boolean | null>> {
    const rows = await db
      .selectFrom('orion_module_states')
      .select(['module_code', 'is_enabled'])
      .where('platform_id', '=', platformId)
      .execute();
    return new Map(rows.map((row) => [row.module_code, row.is_enabled === null ? null : toBoolean(row.is_enabled)]));
  }

  #effectiveEnabled(stored: Map<string, boolean | null>): string[] {
    const enabled = new Set<string>();
    for (const module of this.#deps.registry.all()) {
      const own = module.tier === 'core' ? true : (stored.get(module.code) ?? this.#deps.enabledByDefault);
      if (own && module.definition.requires.every((required) => enabled.has(required))) enabled.add(module.code);
    }
    return [...enabled];
  }
}
