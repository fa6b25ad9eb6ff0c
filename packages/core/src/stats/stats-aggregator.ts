import {
  OrionError,
  idSchema,
  metricValueSchema,
  metricsContextSchema,
  metricsProviderSchema,
  parseInput,
  resolveMetricsContext,
  type ErrorCode,
  type Logger,
  type MetricValue,
  type MetricsContext,
  type MetricsProviderProtocol,
  type ResolvedMetricsContext,
} from '@orion/contracts';
import { platformExists, storePlatformAccess } from '@orion/tenancy';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { ModuleEnablement } from '../enablement/module-enablement.js';
import type { Translator } from '../i18n/translator.js';
import type { ModuleRegistry, RegisteredModule } from '../registry/module-registry.js';

const storeRequestSchema = z.object({
  storeId: idSchema,
  platformId: idSchema,
  context: metricsContextSchema.optional(),
});
const adminRequestSchema = z.object({ platformId: idSchema, context: metricsContextSchema.optional() });
const metricListSchema = z.array(metricValueSchema);

/** Input of {@link StatsAggregator.getStoreDashboardStats}. */
export interface StoreDashboardRequest {
  storeId: number;
  platformId: number;
  context?: MetricsContext;
}

/** Input of {@link StatsAggregator.getAdminDashboardStats}. */
export interface AdminDashboardRequest {
  platformId: number;
  context?: MetricsContext;
}

/** A provider that failed or timed out; its category is present but empty. */
export interface ProviderFailure {
  module: string;
  category: string;
  code: Extract<ErrorCode, 'ORION_ERR_PROVIDER_FAILED' | 'ORION_ERR_PROVIDER_TIMEOUT'>;
  message: string;
  error: unknown;
}

/** A dashboard: metrics grouped by category, the window they cover, and what failed. */
export interface DashboardStats {
  scope: 'store' | 'platform';
  platformId: number;
  storeId?: number;
  window: ResolvedMetricsContext;
  /** Category → metrics, in module dependency order. */
  categories: Record<string, MetricValue[]>;
  /** Providers that threw, timed out or returned invalid metrics. Empty when all answered. */
  failures: ProviderFailure[];
}

interface StatsDependencies {
  db: Kysely<any>;
  registry: ModuleRegistry;
  modules: ModuleEnablement;
  logger: Logger;
  translator: Translator;
  providerTimeoutMs: number;
  now?: () => Date;
}

/**
 * Collects every enabled module's metrics for a store dashboard or a platform-admin dashboard.
 *
 * Input is validated before any query. Providers run concurrently; one that throws, times out or
 * returns invalid metrics yields an empty list for its category and a {@link ProviderFailure},
 * while the others still answer.
 *
 * @example
 * ```ts
 * const stats = await orion.statsAggregator.getStoreDashboardStats({
 *   storeId: 12, platformId: 1, context: { period: '7d', includeTrends: true },
 * });
 * stats.categories.tenancy; // [{ key: 'tenancy.team_members', value: 4, ... }, ...]
 * ```
 */
export class StatsAggregator {
  readonly #deps: StatsDependencies;
  readonly #providers = new Map<string, Promise<MetricsProviderProtocol>>();

  constructor(deps: StatsDependencies) {
    this.#deps = deps;
  }

  /**
   * The store dashboard: metrics of the modules enabled on the platform (internal modules excluded).
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for bad input, `ORION_ERR_PLATFORM_NOT_FOUND`,
   *   `ORION_ERR_STORE_NOT_IN_PLATFORM` when the store has no active membership in the platform.
   */
  async getStoreDashboardStats(request: StoreDashboardRequest): Promise<DashboardStats> {
    const input = parseInput(storeRequestSchema, request, 'store dashboard request');
    const window = this.#resolveWindow(input.context);
    // the input check and the enabled modules in parallel: one round trip each, side by side
    const [access, enabled] = await Promise.all([
      storePlatformAccess(this.#deps.db, input.storeId, input.platformId),
      this.#enabledWithMetrics(input.platformId),
    ]);
    if (!access.platformExists) throw new OrionError('ORION_ERR_PLATFORM_NOT_FOUND', { platformId: input.platformId });
    if (!access.activeMember) {
      throw new OrionError('ORION_ERR_STORE_NOT_IN_PLATFORM', { storeId: input.storeId, platformId: input.platformId });
    }
    const modules = enabled.filter((module) => module.tier !== 'internal');
    const collected = await this.#collect(
      modules,
      (provider) => provider.getStoreMetrics(this.#deps.db, input.storeId, window),
      window.locale,
    );
    return { scope: 'store', platformId: input.platformId, storeId: input.storeId, window, ...collected };
  }

  /**
   * The platform-admin dashboard: metrics of every module enabled on the platform, internal ones included.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for bad input, `ORION_ERR_PLATFORM_NOT_FOUND`.
   */
  async getAdminDashboardStats(request: AdminDashboardRequest): Promise<DashboardStats> {
    const input = parseInput(adminRequestSchema, request, 'admin dashboard request');
    const window = this.#resolveWindow(input.context);
    const [exists, modules] = await Promise.all([
      platformExists(this.#deps.db, input.platformId),
      this.#enabledWithMetrics(input.platformId),
    ]);
    if (!exists) throw new OrionError('ORION_ERR_PLATFORM_NOT_FOUND', { platformId: input.platformId });
    const collected = await this.#collect(
      modules,
      (provider) => provider.getPlatformMetrics(this.#deps.db, input.platformId, window),
      window.locale,
    );
    return { scope: 'platform', platformId: input.platformId, window, ...collected };
  }

  #resolveWindow(context: z.output<typeof metricsContextSchema> | undefined): ResolvedMetricsContext {
    const window = resolveMetricsContext(context ?? metricsContextSchema.parse({}), this.#deps.now?.() ?? new Date());
    if (window.dateFrom >= window.dateTo) {
      throw new OrionError('ORION_ERR_VALIDATION', {
        subject: 'metrics context',
        issues: 'dateFrom must be before dateTo (a dateFrom in the future needs a later dateTo)',
      });
    }
    return window;
  }

  async #enabledWithMetrics(platformId: number): Promise<RegisteredModule[]> {
    const enabled = await this.#deps.modules.listEnabled(platformId);
    return enabled
      .map((code) => this.#deps.registry.require(code))
      .filter((module) => module.definition.metricsProvider !== undefined);
  }

  async #collect(
    modules: RegisteredModule[],
    ask: (provider: MetricsProviderProtocol) => MetricValue[] | Promise<MetricValue[]>,
    locale: string | undefined,
  ): Promise<Pick<DashboardStats, 'categories' | 'failures'>> {
    const outcomes = await Promise.all(modules.map((module) => this.#runProvider(module, ask, locale)));
    const categories: Record<string, MetricValue[]> = {};
    const failures: ProviderFailure[] = [];
    for (const outcome of outcomes) {
      categories[outcome.category] = [...(categories[outcome.category] ?? []), ...outcome.metrics];
      if (outcome.failure) failures.push(outcome.failure);
    }
    return { categories, failures };
  }

  /** Labels and descriptions in `locale` from the module's `metric.<key>.label` messages; per-currency keys share one, with `{currency}`. */
  #translate(code: string, metrics: MetricValue[], locale: string | undefined): MetricValue[] {
    if (!locale) return metrics;
    const { translator } = this.#deps;
    return metrics.map((metric) => {
      const currency = /\.([A-Z]{3})$/.exec(metric.key)?.[1];
      const base = currency ? metric.key.slice(0, -4) : metric.key;
      const values = currency ? { currency } : {};
      const label = translator.t(locale, code, `metric.${base}.label`, values, metric.label);
      const description =
        metric.description === undefined
          ? undefined
          : translator.t(locale, code, `metric.${base}.description`, values, metric.description);
      return { ...metric, label, ...(description === undefined ? {} : { description }) };
    });
  }

  async #runProvider(
    module: RegisteredModule,
    ask: (provider: MetricsProviderProtocol) => MetricValue[] | Promise<MetricValue[]>,
    locale: string | undefined,
  ): Promise<{ category: string; metrics: MetricValue[]; failure?: ProviderFailure }> {
    let category = module.code;
    const timeoutMs = this.#deps.providerTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    try {
      const provider = await this.#provider(module);
      category = provider.metricsCategory;
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(
          () => reject(new OrionError('ORION_ERR_PROVIDER_TIMEOUT', { code: module.code, timeoutMs })),
          timeoutMs,
        );
      });
      const metrics = await Promise.race([Promise.resolve().then(() => ask(provider)), timeout]);
      const checked = metricListSchema.safeParse(metrics);
      if (!checked.success) {
        throw new Error(
          `returned invalid metrics: ${checked.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`,
        );
      }
      return { category, metrics: this.#translate(module.code, checked.data, locale) };
    } catch (error) {
      const timedOut = error instanceof OrionError && error.code === 'ORION_ERR_PROVIDER_TIMEOUT';
      const failure: ProviderFailure = timedOut
        ? { module: module.code, category, code: 'ORION_ERR_PROVIDER_TIMEOUT', message: error.message, error }
        : {
            module: module.code,
            category,
            code: 'ORION_ERR_PROVIDER_FAILED',
            message: new OrionError('ORION_ERR_PROVIDER_FAILED', {
              code: module.code,
              reason: error instanceof Error ? error.message : String(error),
            }).message,
            error,
          };
      this.#deps.logger.error(failure.message, { module: module.code, category, error });
      return { category, metrics: [], failure };
    } finally {
      clearTimeout(timer);
    }
  }

  #provider(module: RegisteredModule): Promise<MetricsProviderProtocol> {
    let provider = this.#providers.get(module.code);
    if (!provider) {
      provider = Promise.resolve()
        .then(() => module.definition.metricsProvider!())
        .then((candidate) => {
          parseInput(metricsProviderSchema, candidate, `metrics provider of module "${module.code}"`);
          return candidate;
        });
      provider.catch(() => this.#providers.delete(module.code));
      this.#providers.set(module.code, provider);
    }
    return provider;
  }
}
