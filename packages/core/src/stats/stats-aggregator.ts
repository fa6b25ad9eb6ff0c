import {
  OrionError,
  isOrionError,
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
  type AnyDatabase,
} from '@orion/contracts';
import { platformExists, storePlatformAccess } from '@orion/tenancy';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { ModuleEnablement } from '../enablement/module-enablement.js';
import type { Translator } from '../i18n/translator.js';
import type { ModuleRegistry, RegisteredModule } from '../registry/module-registry.js';
import { withDeadline } from '../timing/with-deadline.js';

const readFromSchema = z.enum(['replica', 'primary']).optional();
const storeRequestSchema = z.object({
  storeId: idSchema,
  platformId: idSchema,
  context: metricsContextSchema.optional(),
  readFrom: readFromSchema,
});
const adminRequestSchema = z.object({
  platformId: idSchema,
  context: metricsContextSchema.optional(),
  readFrom: readFromSchema,
});
const metricListSchema = z.array(metricValueSchema);

/** Input of {@link StatsAggregator.getStoreDashboardStats}. */
export interface StoreDashboardRequest {
  storeId: number;
  platformId: number;
  context?: MetricsContext;
  /** Read the `readDatabase` replica (default) or the primary; see {@link DashboardReadFrom}. */
  readFrom?: DashboardReadFrom;
}

/**
 * Where a dashboard's metrics are read: `'replica'` (default) reads `createOrion`'s `readDatabase`
 * when one is configured, and may lag the primary by the replication delay; `'primary'` reads the
 * primary database, and so sees every committed write. Without a `readDatabase` both read the primary.
 * The platform and store-membership checks of a dashboard always read the primary.
 *
 * @example
 * ```ts
 * import { createOrion, type DashboardReadFrom } from '@orion/core';
 *
 * const orion = await createOrion({
 *   database: 'postgres://app@primary/shop',
 *   readDatabase: 'postgres://app@replica/shop',
 * });
 * const readFrom: DashboardReadFrom = 'primary'; // just after a write the user must see
 * const stats = await orion.statsAggregator.getStoreDashboardStats({ storeId: 12, platformId: 1, readFrom });
 * await orion.close();
 * ```
 */
export type DashboardReadFrom = 'replica' | 'primary';

/** Input of {@link StatsAggregator.getAdminDashboardStats}. */
export interface AdminDashboardRequest {
  platformId: number;
  context?: MetricsContext;
  /** Read the `readDatabase` replica (default) or the primary; see {@link DashboardReadFrom}. */
  readFrom?: DashboardReadFrom;
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
  /** The primary: the platform and membership checks read it, so a revoked membership counts at once. */
  db: Kysely<AnyDatabase>;
  /** What metrics providers read unless a request asks for the primary (a replica, or `db`). */
  readDb?: Kysely<AnyDatabase>;
  registry: ModuleRegistry;
  modules: ModuleEnablement;
  logger: Logger;
  translator: Translator;
  providerTimeoutMs: number;
  /** `full`: every metric through `metricValueSchema`; `basic`: the shape a dashboard needs. Default `full`. */
  metricsValidation?: 'full' | 'basic';
  now?: () => Date;
}

/** The modules with a metrics provider among one platform's enabled ones, per dashboard. */
interface DashboardModules {
  store: RegisteredModule[];
  admin: RegisteredModule[];
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
  /** Keyed by the enablement cache's array of enabled codes, so it lives exactly as long as that entry. */
  readonly #dashboardModules = new WeakMap<readonly string[], DashboardModules>();
  /** Validated contexts by {@link contextKey}; see #parseRequest. */
  readonly #contexts = new Map<string, z.output<typeof metricsContextSchema> | typeof noContext>();

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
    const input = this.#parseRequest(storeRequestSchema, request, 'store dashboard request', true);
    const window = this.#resolveWindow(input.context);
    // The membership check and the providers start together (the enabled modules are in memory), so a
    // call costs its slowest query, not a round trip more. A failed check throws and the providers'
    // answers are dropped (they only read; every provider outcome is caught in #runProvider).
    const [access, collected] = await Promise.all([
      storePlatformAccess(this.#deps.db, input.storeId, input.platformId),
      this.#dashboardModulesOf(input.platformId).then((modules) =>
        this.#collect(
          modules.store,
          (provider) => provider.getStoreMetrics(this.#readDb(input.readFrom), input.storeId, window),
          window.locale,
        ),
      ),
    ]);
    if (!access.platformExists) throw new OrionError('ORION_ERR_PLATFORM_NOT_FOUND', { platformId: input.platformId });
    if (!access.activeMember) {
      throw new OrionError('ORION_ERR_STORE_NOT_IN_PLATFORM', { storeId: input.storeId, platformId: input.platformId });
    }
    return { scope: 'store', platformId: input.platformId, storeId: input.storeId, window, ...collected };
  }

  /**
   * The platform-admin dashboard: metrics of every module enabled on the platform, internal ones included.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for bad input, `ORION_ERR_PLATFORM_NOT_FOUND`.
   */
  async getAdminDashboardStats(request: AdminDashboardRequest): Promise<DashboardStats> {
    const input = this.#parseRequest(adminRequestSchema, request, 'admin dashboard request', false);
    const window = this.#resolveWindow(input.context);
    const [exists, collected] = await Promise.all([
      platformExists(this.#deps.db, input.platformId),
      this.#dashboardModulesOf(input.platformId).then((modules) =>
        this.#collect(
          modules.admin,
          (provider) => provider.getPlatformMetrics(this.#readDb(input.readFrom), input.platformId, window),
          window.locale,
        ),
      ),
    ]);
    if (!exists) throw new OrionError('ORION_ERR_PLATFORM_NOT_FOUND', { platformId: input.platformId });
    return { scope: 'platform', platformId: input.platformId, window, ...collected };
  }

  #readDb(readFrom: DashboardReadFrom | undefined): Kysely<AnyDatabase> {
    return readFrom === 'primary' ? this.#deps.db : (this.#deps.readDb ?? this.#deps.db);
  }

  /**
   * The request, validated. A request of valid ids whose context was validated before (same fields,
   * same values) skips zod: the context's parse is kept, keyed by its values, for up to 256 distinct
   * contexts. Anything else, and every invalid request, goes through `parseInput` as before.
   */
  #parseRequest<T extends typeof storeRequestSchema | typeof adminRequestSchema>(
    schema: T,
    request: unknown,
    subject: string,
    withStore: boolean,
  ): z.output<T> {
    const candidate = request as Partial<StoreDashboardRequest> | null;
    if (
      typeof candidate === 'object' &&
      candidate !== null &&
      isId(candidate.platformId) &&
      (!withStore || isId(candidate.storeId)) &&
      (candidate.readFrom === undefined || candidate.readFrom === 'replica' || candidate.readFrom === 'primary')
    ) {
      const key = contextKey(candidate.context);
      const context = key === undefined ? undefined : this.#contexts.get(key);
      if (context !== undefined) {
        const input = {
          platformId: candidate.platformId,
          context: context === noContext ? undefined : context,
          readFrom: candidate.readFrom,
        };
        return (withStore ? { ...input, storeId: candidate.storeId } : input) as z.output<T>;
      }
      const input = parseInput(schema as z.ZodType, request, subject) as z.output<typeof adminRequestSchema>;
      if (key !== undefined) {
        if (this.#contexts.size >= 256) this.#contexts.clear();
        this.#contexts.set(key, input.context ?? noContext);
      }
      return input as z.output<T>;
    }
    return parseInput(schema as z.ZodType, request, subject) as z.output<T>;
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

  async #dashboardModulesOf(platformId: number): Promise<DashboardModules> {
    const enabled = await this.#deps.modules.enabledCodes(platformId);
    let modules = this.#dashboardModules.get(enabled);
    if (!modules) {
      const admin = enabled
        .map((code) => this.#deps.registry.require(code))
        .filter((module) => module.definition.metricsProvider !== undefined);
      modules = { admin, store: admin.filter((module) => module.tier !== 'internal') };
      this.#dashboardModules.set(enabled, modules);
    }
    return modules;
  }

  /** The provider's answer checked as `metricsValidation` says; throws with what is wrong. */
  #checkMetrics(metrics: unknown): MetricValue[] {
    if (this.#deps.metricsValidation === 'basic') {
      const problem = basicMetricsProblem(metrics);
      if (problem) throw new InvalidMetricsError(`returned invalid metrics: ${problem}`);
      return metrics as MetricValue[];
    }
    const checked = metricListSchema.safeParse(metrics);
    if (!checked.success) {
      throw new InvalidMetricsError(
        `returned invalid metrics: ${checked.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`,
      );
    }
    return checked.data;
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
    try {
      const provider = await this.#provider(module);
      category = provider.metricsCategory;
      const metrics = await withDeadline(() => ask(provider), {
        timeoutMs,
        onTimeout: () => {
          throw new OrionError('ORION_ERR_PROVIDER_TIMEOUT', { code: module.code, timeoutMs });
        },
      });
      return { category, metrics: this.#translate(module.code, this.#checkMetrics(metrics), locale) };
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
              reason: clientSafeReason(error),
            }).message,
            error,
          };
      const hidden = !timedOut && error instanceof Error && clientSafeReason(error) !== error.message;
      const detail = hidden ? `: ${error.message}` : '';
      this.#deps.logger.error(`${failure.message}${detail}`, { module: module.code, category, error });
      return { category, metrics: [], failure };
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

/**
 * The shape a dashboard needs, checked without zod (`metricsValidation: 'basic'`, production's
 * default): a list of objects with a string key, label and category and a finite number or a string
 * value. The key's pattern, the optional fields' types and unknown fields are left to `full`.
 */
function basicMetricsProblem(metrics: unknown): string | undefined {
  if (!Array.isArray(metrics)) return 'expected a list';
  for (let index = 0; index < metrics.length; index++) {
    const metric = metrics[index] as Partial<Record<keyof MetricValue, unknown>> | null;
    if (typeof metric !== 'object' || metric === null) return `${index} expected an object`;
    if (typeof metric.key !== 'string' || metric.key === '') return `${index}.key expected a string`;
    if (typeof metric.label !== 'string' || metric.label === '') return `${index}.label expected a string`;
    if (typeof metric.category !== 'string' || metric.category === '') return `${index}.category expected a string`;
    const value = metric.value;
    if (!(typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)))) {
      return `${index}.value expected a finite number or a string`;
    }
  }
  return undefined;
}

/** A provider's answer failed the metrics check: its text is the aggregator's own, safe for a client. */
class InvalidMetricsError extends Error {}

/**
 * Why a provider failed, as a client may read it in `failures[].message`: the aggregator's own
 * checks and coded Orion errors say what went wrong; any other error (a driver's or database's text,
 * such as PostgreSQL's "time zone displacement out of range") stays in the server log.
 */
function clientSafeReason(error: unknown): string {
  if (error instanceof InvalidMetricsError || isOrionError(error)) return error.message;
  return 'it threw an error (the server log has the details)';
}

const contextFields = new Set(['dateFrom', 'dateTo', 'includeTrends', 'period', 'locale']);

/** Stands for "no context given" in the validated-context cache. */
const noContext = Symbol('no context');

function isId(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= 2_147_483_647;
}

/**
 * A key naming a context's fields and values exactly, or `undefined` when it must not be cached: not
 * a plain object, a field the context does not have, a value that is not a string, number, boolean, Date or undefined, or a `dateFrom`
 * without `dateTo` (its check depends on the time of the call).
 */
function contextKey(context: unknown): string | undefined {
  if (context === undefined) return '';
  if (typeof context !== 'object' || context === null || Object.getPrototypeOf(context) !== Object.prototype) {
    return undefined;
  }
  const fields = context as Record<string, unknown>;
  if (fields.dateFrom !== undefined && fields.dateTo === undefined) return undefined;
  let key = '';
  for (const name in fields) {
    if (!contextFields.has(name)) return undefined;
    const value = fields[name];
    if (typeof value === 'string') key += `${name}=s${value.length}:${value};`;
    else if (typeof value === 'number' || typeof value === 'boolean') key += `${name}=${typeof value}:${value};`;
    else if (value instanceof Date) key += `${name}=d:${value.getTime()};`;
    else if (value === undefined) key += `${name}=u;`;
    else return undefined;
  }
  return key;
}
