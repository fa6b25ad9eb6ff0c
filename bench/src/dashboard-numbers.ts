/**
 * The numbers of a dashboard as one comparable map, `metric key → { value, trend, trendValue }`,
 * whoever computed them: Orion's dashboard, the hand-written SQL, or the JavaScript reduce. Labels,
 * icons and descriptions are left out: the comparison is of the numbers.
 */
import { minorToMajor, roundTo, withTrend, type DashboardStats, type MetricValue } from '@orion/core';

export interface DashboardNumber {
  value: number | string;
  trend?: string | undefined;
  trendValue?: number | null | undefined;
}

export type DashboardNumbers = Record<string, DashboardNumber>;

function entry(metric: Pick<MetricValue, 'value' | 'trend' | 'trendValue'>): DashboardNumber {
  return {
    value: metric.value,
    ...(metric.trend === undefined ? {} : { trend: metric.trend }),
    ...(metric.trendValue === undefined ? {} : { trendValue: metric.trendValue }),
  };
}

/** Orion's dashboard as numbers; throws when a provider failed (a benchmark of failures measures nothing). */
export function numbersOfDashboard(stats: DashboardStats): DashboardNumbers {
  if (stats.failures.length > 0) {
    throw new Error(
      `Providers failed: ${stats.failures.map((failure) => `${failure.module}: ${failure.message}`).join('; ')}`,
    );
  }
  const numbers: DashboardNumbers = {};
  for (const metrics of Object.values(stats.categories)) {
    for (const metric of metrics) numbers[metric.key] = entry(metric);
  }
  return sortedNumbers(numbers);
}

export function sortedNumbers(numbers: DashboardNumbers): DashboardNumbers {
  return Object.fromEntries(Object.entries(numbers).sort(([a], [b]) => a.localeCompare(b)));
}

/** Raw counts of one scope (a store or a platform), as the SQL or the reduce produced them. */
export interface RawDashboard {
  scope: 'store' | 'platform';
  tenancy: Record<string, number>;
  orders: {
    total: number;
    ordersCurrent: number;
    ordersPrevious: number;
    cancelledCurrent: number;
    cancelledPrevious: number;
    /** Per currency: revenue-bearing orders and their sum in minor units, now and in the previous window. */
    revenue: Map<
      string,
      { ordersCurrent: bigint; revenueCurrent: bigint; ordersPrevious: bigint; revenuePrevious: bigint }
    >;
  };
  catalog: {
    products: number;
    activeProducts: number;
    featuredProducts: number;
    newProducts: number;
    previousNewProducts: number;
  };
  inventory: { totalUnits: number; skus: number; lowStock: number; outOfStock: number; locations: number };
  marketplace: {
    jobs: number;
    previousJobs: number;
    failed: number;
    previousFailed: number;
    completed: number;
    previousCompleted: number;
    staged: number;
  };
  customers: {
    total: number;
    newNow: number;
    newBefore: number;
    activeNow: number;
    activeBefore: number;
    returning: number;
  };
  /** `themedStores` on an admin dashboard only. */
  cms: {
    pages: number;
    published: number;
    newNow: number;
    newBefore: number;
    files: number;
    bytes: number;
    themedStores?: number;
  };
}

/** Half away from zero, in whole minor units. */
function averageMinor(total: bigint, count: bigint): bigint {
  const magnitude = total < 0n ? -total : total;
  const quotient = magnitude / count;
  const rounded = (magnitude % count) * 2n >= count ? quotient + 1n : quotient;
  return total < 0n ? -rounded : rounded;
}

/** Completed ÷ finished in percent, unrounded; `undefined` without finished jobs. */
function exactRate(completed: number, failed: number): number | undefined {
  const finished = completed + failed;
  return finished === 0 ? undefined : (completed / finished) * 100;
}

/** The dashboard's numbers from raw counts, by the modules' documented rules (windows, trends, money). */
export function composeNumbers(raw: RawDashboard, includeTrends: boolean): DashboardNumbers {
  const numbers: DashboardNumbers = {};
  const plain = (key: string, value: number) => (numbers[key] = { value });
  const trended = (key: string, value: number, previous: number) =>
    (numbers[key] = entry(withTrend({ key, value, label: key, category: 'bench' }, previous, includeTrends)));

  for (const [key, value] of Object.entries(raw.tenancy)) plain(`tenancy.${key}`, value);

  const { orders } = raw;
  plain('orders.total', orders.total);
  trended('orders.count', orders.ordersCurrent, orders.ordersPrevious);
  trended('orders.cancelled', orders.cancelledCurrent, orders.cancelledPrevious);
  for (const [currency, r] of orders.revenue) {
    if (r.ordersCurrent === 0n && !(includeTrends && r.ordersPrevious > 0n)) continue;
    const major = (minor: bigint) => minorToMajor(Number(minor), currency);
    trended(`orders.revenue.${currency}`, major(r.revenueCurrent), major(r.revenuePrevious));
    if (r.ordersCurrent === 0n) continue;
    // the trend compares the exact averages (issue 12), in minor units: a ratio does not depend on the scale
    const key = `orders.average_order_value.${currency}`;
    const shown = { key, value: major(averageMinor(r.revenueCurrent, r.ordersCurrent)), label: key, category: 'bench' };
    const exactPrevious = r.ordersPrevious === 0n ? 0 : Number(r.revenuePrevious) / Number(r.ordersPrevious);
    numbers[key] = entry(
      withTrend(shown, exactPrevious, includeTrends, {
        current: Number(r.revenueCurrent) / Number(r.ordersCurrent),
      }),
    );
  }

  const { catalog } = raw;
  plain('catalog.products', catalog.products);
  plain('catalog.active_products', catalog.activeProducts);
  plain('catalog.featured_products', catalog.featuredProducts);
  trended('catalog.new_products', catalog.newProducts, catalog.previousNewProducts);

  const { inventory } = raw;
  plain('inventory.total_units', inventory.totalUnits);
  plain('inventory.skus', inventory.skus);
  plain('inventory.low_stock', inventory.lowStock);
  plain('inventory.out_of_stock', inventory.outOfStock);
  plain('inventory.locations', inventory.locations);

  const { marketplace } = raw;
  trended('marketplace.import_jobs', marketplace.jobs, marketplace.previousJobs);
  trended('marketplace.failed_jobs', marketplace.failed, marketplace.previousFailed);
  const now = exactRate(marketplace.completed, marketplace.failed);
  if (now !== undefined) {
    // a rate's trend: percentage points between the exact rates; without finished jobs before, from nothing
    const key = 'marketplace.import_success_rate';
    const shown = { key, value: roundTo(now, 1), label: key, category: 'bench' };
    const previous = exactRate(marketplace.previousCompleted, marketplace.previousFailed);
    numbers[key] =
      previous !== undefined
        ? entry(withTrend(shown, previous, includeTrends, { current: now, change: 'points' }))
        : entry(
            includeTrends
              ? { ...shown, ...(now === 0 ? { trend: 'stable', trendValue: 0 } : { trend: 'up', trendValue: null }) }
              : shown,
          );
  }
  plain('marketplace.staging_products', marketplace.staged);

  const { customers } = raw;
  plain('customers.total', customers.total);
  trended('customers.new', customers.newNow, customers.newBefore);
  trended('customers.active', customers.activeNow, customers.activeBefore);
  plain('customers.returning', customers.returning);

  const { cms } = raw;
  plain('cms.pages', cms.pages);
  plain('cms.published_pages', cms.published);
  trended('cms.new_pages', cms.newNow, cms.newBefore);
  plain('cms.media_files', cms.files);
  plain('cms.media_bytes', cms.bytes);
  if (cms.themedStores !== undefined) plain('cms.themed_stores', cms.themedStores);
  return sortedNumbers(numbers);
}

/** The keys whose numbers differ between two dashboards (empty when they are the same). */
export function differences(a: DashboardNumbers, b: DashboardNumbers): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]));
}
