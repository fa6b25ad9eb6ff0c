/**
 * The platform-admin dashboards as Prometheus gauges, computed when scraped and cached briefly.
 *
 * Naming, after the Prometheus conventions (https://prometheus.io/docs/practices/naming/):
 *
 * - one metric name per dashboard metric, `orion_dashboard_<category>_<name>` from its key
 *   `<category>.<name>[.<CURRENCY>]` (`orders.revenue.EUR` → `orion_dashboard_orders_revenue`),
 *   not one generic `orion_dashboard_metric{metric="…"}`: "the sum or average over all dimensions of
 *   a metric should be meaningful", and the sum of a revenue and a store count is not;
 * - the dimensions are labels: `platform` (the platform's code) on every series, `currency` (ISO
 *   4217) on money metrics, whose amounts are in major units as on the dashboard (`12.5` EUR);
 *   there is no store label, so the number of series grows with platforms and currencies, never
 *   with stores;
 * - a percentage keeps its dashboard value (0 to 100) and says so with a `_percent` suffix;
 * - all are gauges: each is a count or sum over the last 30 days, which can fall; so no name ends in
 *   a suffix Prometheus keeps for counters, histograms and summaries (`_total`, `_count`, `_sum`,
 *   `_bucket`): `orders.count` → `orion_dashboard_orders`, `orders.total` → `orion_dashboard_orders_overall`;
 * - metrics whose dashboard value is text are left out.
 */
import type { DashboardStats, MetricValue } from '@orion/core';
import { Gauge, type Registry } from 'prom-client';

/** One series: a gauge name, its help text, its labels and its value. */
export interface GaugeSample {
  name: string;
  help: string;
  labels: { platform: string; currency?: string };
  value: number;
}

/** The Prometheus name of a dashboard metric and its currency, if it is a money metric. */
export function gaugeNameOf(metric: Pick<MetricValue, 'key' | 'unit'>): { name: string; currency?: string } {
  const currency = /\.([A-Z]{3})$/.exec(metric.key)?.[1];
  const base = currency ? metric.key.slice(0, -currency.length - 1) : metric.key;
  const snake = base
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_');
  const name = `orion_dashboard_${withoutReservedSuffix(snake)}${metric.unit === '%' ? '_percent' : ''}`;
  return currency ? { name, currency } : { name };
}

/**
 * Prometheus keeps `_total` for counters and `_count`, `_sum` and `_bucket` for histograms and
 * summaries (`promtool check metrics` refuses them on a gauge): a count is named after what it
 * counts (`orders.count` → `orders`), a total or sum is `_overall` (`orders.total`, the orders ever
 * placed → `orders_overall`), a bucket `_buckets`.
 */
function withoutReservedSuffix(name: string): string {
  return name
    .replace(/_count$/, '')
    .replace(/_(total|sum)$/, '_overall')
    .replace(/_bucket$/, '_buckets');
}

/**
 * The series of one platform's admin dashboard: one per numeric metric of every category.
 *
 * @example
 * ```ts
 * dashboardSamples('letzshop', stats);
 * // [{ name: 'orion_dashboard_orders_revenue', labels: { platform: 'letzshop', currency: 'EUR' }, value: 1204.5, help: '…' }, …]
 * ```
 */
export function dashboardSamples(platformCode: string, stats: DashboardStats): GaugeSample[] {
  return Object.values(stats.categories)
    .flat()
    .filter((metric) => typeof metric.value === 'number' && Number.isFinite(metric.value))
    .map((metric) => {
      const { name, currency } = gaugeNameOf(metric);
      return {
        name,
        help: helpOf(metric, currency),
        labels: currency ? { platform: platformCode, currency } : { platform: platformCode },
        value: metric.value as number,
      };
    });
}

/**
 * A gauge's help text: the metric's English label and key, and its description (left out for money
 * metrics, whose descriptions name one currency while the gauge covers them all).
 */
function helpOf(metric: MetricValue, currency: string | undefined): string {
  const key = currency ? metric.key.slice(0, -currency.length - 1) : metric.key;
  const label = currency
    ? `${metric.label.replace(` (${currency})`, '')} (${key}, per currency)`
    : `${metric.label} (${key})`;
  const description = metric.description && !currency ? `: ${metric.description}` : '.';
  return `${label}${description} Platform-admin dashboard, window: the last 30 days.`;
}

/** Options of {@link DashboardGauges}. */
export interface DashboardGaugesOptions {
  /** How long one computation serves scrapes. Default: 15 000 ms. */
  cacheMs?: number;
  /** Told when a computation fails; the previous values stay. */
  onError?: (error: unknown) => void;
}

/**
 * Keeps a registry's `orion_dashboard_*` gauges in step with `load()`: {@link DashboardGauges.refresh}
 * recomputes at most every `cacheMs` (concurrent scrapes share one computation), registers the
 * gauges that appeared and removes those that went away (a disabled module's metrics).
 */
export class DashboardGauges {
  readonly #registry: Registry;
  readonly #load: () => Promise<GaugeSample[]>;
  readonly #cacheMs: number;
  readonly #onError: (error: unknown) => void;
  readonly #gauges = new Map<string, Gauge<'platform' | 'currency'>>();
  #loadedAt = -Infinity;
  #loading: Promise<void> | undefined;

  constructor(registry: Registry, load: () => Promise<GaugeSample[]>, options: DashboardGaugesOptions = {}) {
    this.#registry = registry;
    this.#load = load;
    this.#cacheMs = options.cacheMs ?? 15_000;
    this.#onError = options.onError ?? (() => {});
  }

  /** Recomputes the gauges unless the last computation is younger than `cacheMs`. */
  refresh(): Promise<void> {
    if (Date.now() - this.#loadedAt < this.#cacheMs) return Promise.resolve();
    this.#loading ??= this.#load()
      .then((samples) => {
        this.#apply(samples);
        this.#loadedAt = Date.now();
      })
      .catch((error: unknown) => this.#onError(error))
      .finally(() => {
        this.#loading = undefined;
      });
    return this.#loading;
  }

  /** Removes every dashboard gauge from the registry. */
  clear(): void {
    this.#apply([]);
    this.#loadedAt = -Infinity;
  }

  #apply(samples: GaugeSample[]): void {
    const byName = new Map<string, GaugeSample[]>();
    for (const sample of samples) byName.set(sample.name, [...(byName.get(sample.name) ?? []), sample]);
    for (const name of this.#gauges.keys()) {
      if (byName.has(name)) continue;
      this.#registry.removeSingleMetric(name);
      this.#gauges.delete(name);
    }
    for (const [name, series] of byName) {
      let gauge = this.#gauges.get(name);
      if (!gauge) {
        gauge = new Gauge({
          name,
          help: series[0]!.help,
          labelNames: ['platform', 'currency'],
          registers: [this.#registry],
        });
        this.#gauges.set(name, gauge);
      }
      gauge.reset();
      for (const sample of series) gauge.set(sample.labels, sample.value);
    }
  }
}
