/**
 * Orders and revenue per UTC day over a dashboard window: the series behind a dashboard's chart,
 * counted with the same rules as the `orders.count` and `orders.revenue.<CUR>` metrics.
 */
import { sql, type Kysely } from 'kysely';
import {
  idSchema,
  metricsContextSchema,
  minorToMajor,
  OrionError,
  parseInput,
  resolveMetricsContext,
  sqlDialectOf,
  toNumber,
  windowBounds,
  type MetricsContext,
} from '@orion/contracts';
import { isActiveStoreInPlatform } from '@orion/tenancy';
import { toBigInt } from './average-minor-units.js';
import { totalsParts, type TotalsPart } from './order-totals.js';
import type { OrdersMetricsScope } from './orders-metrics-query.js';
import type { OrdersDatabase } from './schema.js';

/** The longest window a daily series covers: two years of days. */
export const maxDailyTotalsDays = 732;

const dayMs = 86_400_000;

/** One UTC day of a {@link DailyOrderTotals} series. */
export interface DailyOrderTotal {
  /** The UTC day, `2026-11-22`. */
  date: string;
  /** Orders placed that day, in any status (as `orders.count`). */
  orders: number;
  /** Per currency, the revenue of that day's orders that are not cancelled or refunded, in major units (as `orders.revenue.<CUR>`). */
  revenue: Record<string, number>;
}

/** A window's orders and revenue per UTC day, every day present (zero where nothing was placed). */
export interface DailyOrderTotals {
  /** The window `[from, to)` as ISO-8601 UTC. */
  from: string;
  to: string;
  /** The currencies with revenue in the window, sorted. */
  currencies: string[];
  days: DailyOrderTotal[];
}

/**
 * The one statement behind {@link dailyOrderTotals}: a row per UTC day and currency with orders,
 * summed from the scope's totals rows like the dashboard ({@link totalsParts}): whole days from
 * the daily rows, whole hours of a boundary's day from the hourly rows, and the shorter side of an
 * hour a boundary cuts from `orders`. So its cost does not grow with a day's orders either.
 */
export function dailyOrderTotalsQuery(
  db: Kysely<OrdersDatabase>,
  scope: OrdersMetricsScope,
  window: { from: string; to: string },
) {
  const postgres = sqlDialectOf(db) === 'postgres';
  const store = 'storeId' in scope;
  const id = parseInput(idSchema, store ? scope.storeId : scope.platformId, store ? 'storeId' : 'platformId');
  const key = sql.ref(store ? 'store_id' : 'platform_id');
  const tables = store
    ? { day: 'orders_daily_totals', hour: 'orders_hourly_totals' }
    : { day: 'orders_platform_daily_totals', hour: 'orders_platform_hourly_totals' };
  const parts = totalsParts([{ from: Date.parse(window.from), to: Date.parse(window.to), current: true }]);
  const select = (part: TotalsPart) => {
    if (part.source !== 'orders') {
      const grain = sql.ref(part.source);
      return sql`select ${grain} as at, currency, orders, revenue_orders, revenue_minor
        from ${sql.table(tables[part.source])} where ${key} = ${id} and ${grain} >= ${part.from} and ${grain} < ${part.to}`;
    }
    const sign = sql.lit(part.sign);
    const earns = sql.raw(`status not in ('cancelled', 'refunded')`);
    // a platform's orders of a part of an hour: one seek of each order's membership; the unary plus
    // keeps a planner from driving the read from the platform's stores into the per-store index
    const inScope = store ? sql`store_id = ${id}` : isActiveStoreInPlatform(sql<number>`+orders.store_id`, id);
    return sql`select created_at as at, currency, ${sign} as orders,
        case when ${earns} then ${sign} else 0 end as revenue_orders,
        case when ${earns} then ${sign} * total_amount else 0 end as revenue_minor
      from orders where ${inScope} and created_at >= ${part.from} and created_at < ${part.to}`;
  };
  const buckets =
    parts.length === 0
      ? sql`select day as at, currency, orders, revenue_orders, revenue_minor from ${sql.table(tables.day)} where 1 = 0`
      : sql.join(parts.map(select), sql` union all `);
  const day = postgres ? sql`to_char(b.at at time zone 'UTC', 'YYYY-MM-DD')` : sql`substr(b.at, 1, 10)`;
  return sql<{
    day: string;
    currency: string;
    orders: number | string;
    revenue_orders: number | string;
    revenue: number | string;
  }>`select ${day} as day, b.currency, sum(b.orders) as orders, sum(b.revenue_orders) as revenue_orders,
      sum(b.revenue_minor) as revenue
    from (${buckets}) as b group by 1, 2 having sum(b.orders) <> 0`;
}

/**
 * Orders and revenue per UTC day over the window of `context` (default: the last 30 days), for one
 * store or for the stores with an active membership in a platform. Aggregated in SQL; the days
 * without orders are filled in with zeros.
 *
 * @throws OrionError `ORION_ERR_VALIDATION` for a malformed context or a window longer than
 *   {@link maxDailyTotalsDays} days.
 * @example
 * ```ts
 * import { OrdersService } from '@orion/orders';
 * const series = await new OrdersService(db).dailyTotals({ storeId: 12 }, { period: '90d' });
 * series.days.at(-1); // { date: '2026-11-22', orders: 31, revenue: { EUR: 1234.5 } }
 * ```
 */
export async function dailyOrderTotals(
  db: Kysely<OrdersDatabase>,
  scope: OrdersMetricsScope,
  context: MetricsContext = {},
  now = new Date(),
): Promise<DailyOrderTotals> {
  const resolved = resolveMetricsContext(parseInput(metricsContextSchema, context, 'daily totals window'), now);
  const window = windowBounds(resolved);
  const firstDay = Math.floor(resolved.dateFrom.getTime() / dayMs);
  const lastDay = Math.floor((resolved.dateTo.getTime() - 1) / dayMs);
  if (lastDay - firstDay + 1 > maxDailyTotalsDays) {
    throw new OrionError('ORION_ERR_VALIDATION', {
      subject: 'daily totals window',
      issues: `the window spans ${lastDay - firstDay + 1} days; a daily series covers at most ${maxDailyTotalsDays}`,
    });
  }
  const { rows } = await dailyOrderTotalsQuery(db, scope, window).execute(db);

  const days = new Map<string, DailyOrderTotal>();
  for (let day = firstDay; day <= lastDay; day++) {
    const date = new Date(day * dayMs).toISOString().slice(0, 10);
    days.set(date, { date, orders: 0, revenue: {} });
  }
  const currencies = new Set<string>();
  for (const row of rows) {
    const total = days.get(row.day);
    if (!total) continue;
    total.orders += toNumber(row.orders);
    const currency = row.currency.trim();
    if (toBigInt(row.revenue_orders) === 0n) continue; // no order of that day and currency earns revenue
    const revenue = toBigInt(row.revenue);
    total.revenue[currency] = minorToMajor(Number(revenue), currency);
    currencies.add(currency);
  }
  return { from: window.from, to: window.to, currencies: [...currencies].sort(), days: [...days.values()] };
}
