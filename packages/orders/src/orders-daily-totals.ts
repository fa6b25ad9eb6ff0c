/**
 * Orders and revenue per UTC day over a dashboard window: the series behind a dashboard's chart,
 * counted with the same rules as the `orders.count` and `orders.revenue.<CUR>` metrics.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import {
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
import { toBigInt } from './average-minor-units.js';
import { nonRevenueStatuses } from './order-status.js';
import { scopedOrders, type OrdersMetricsScope } from './orders-metrics-query.js';
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

/** The UTC day of `orders.created_at` as `YYYY-MM-DD` text: ISO text on SQLite, `timestamptz` on PostgreSQL. */
function utcDay(db: Kysely<any>): RawBuilder<string> {
  return sqlDialectOf(db) === 'postgres'
    ? sql<string>`to_char(orders.created_at at time zone 'UTC', 'YYYY-MM-DD')`
    : sql<string>`substr(orders.created_at, 1, 10)`;
}

/**
 * The one statement behind {@link dailyOrderTotals}: a row per day and currency with orders, read
 * from the `(store_id, created_at, status, currency, total_amount)` index alone.
 */
export function dailyOrderTotalsQuery(
  db: Kysely<any>,
  scope: OrdersMetricsScope,
  window: { from: string; to: string },
) {
  const day = utcDay(db);
  return scopedOrders(db as Kysely<OrdersDatabase>, scope)
    .where('orders.created_at', '>=', window.from)
    .where('orders.created_at', '<', window.to)
    .groupBy([day, 'orders.currency'])
    .select((eb) => [
      day.as('day'),
      'orders.currency',
      eb.fn.countAll<number | string>().as('orders'),
      eb.fn
        .sum<number | string | null>('orders.total_amount')
        .filterWhere('orders.status', 'not in', nonRevenueStatuses)
        .as('revenue'),
    ]);
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
  db: Kysely<any>,
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
  const rows = await dailyOrderTotalsQuery(db, scope, window).execute();

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
    const revenue = toBigInt(row.revenue);
    if (revenue === 0n && row.revenue === null) continue;
    total.revenue[currency] = minorToMajor(Number(revenue), currency);
    currencies.add(currency);
  }
  return { from: window.from, to: window.to, currencies: [...currencies].sort(), days: [...days.values()] };
}
