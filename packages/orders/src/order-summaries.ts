/**
 * The orders summary rows (`orders_daily_totals`, `orders_store_totals`, see
 * `orders_002_create_summaries`): kept by `OrdersService` in the transaction of each write, read
 * by the dashboards, rebuilt from `orders` on demand.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { inTransaction, sqlDialectOf } from '@orion/contracts';
import { nonRevenueStatuses, type OrderStatus } from './order-status.js';
import type { OrdersDatabase } from './schema.js';

const dayMs = 86_400_000;

/** The UTC midnight that starts the day of the instant `ms`, in milliseconds. */
function midnightOf(ms: number): number {
  return ms - (((ms % dayMs) + dayMs) % dayMs);
}

/** The UTC midnight that starts the day of `timestamp`, as ISO text (`2026-11-22T00:00:00.000Z`). */
export function utcDayOf(timestamp: string | Date): string {
  return new Date(
    midnightOf(typeof timestamp === 'string' ? Date.parse(timestamp) : timestamp.getTime()),
  ).toISOString();
}

/** Whether an order in `status` earns revenue. */
function earnsRevenue(status: OrderStatus): boolean {
  return !nonRevenueStatuses.includes(status);
}

interface OrderFacts {
  store_id: number;
  created_at: string | Date;
  currency: string;
  status: OrderStatus;
  total_amount: number | string;
}

/** Adds `delta` to the order's day row and, with `orders`, to its store's total; creates them when missing. */
async function addToSummaries(
  trx: Transaction<OrdersDatabase>,
  order: OrderFacts,
  delta: { orders: number; cancelled: number; revenueOrders: number; revenueMinor: number },
): Promise<void> {
  await trx
    .insertInto('orders_daily_totals')
    .values({
      store_id: order.store_id,
      day: utcDayOf(order.created_at),
      currency: order.currency,
      orders: delta.orders,
      cancelled: delta.cancelled,
      revenue_orders: delta.revenueOrders,
      revenue_minor: delta.revenueMinor,
    })
    .onConflict((conflict) =>
      conflict.columns(['store_id', 'day', 'currency']).doUpdateSet((eb) => ({
        orders: eb('orders_daily_totals.orders', '+', delta.orders),
        cancelled: eb('orders_daily_totals.cancelled', '+', delta.cancelled),
        revenue_orders: eb('orders_daily_totals.revenue_orders', '+', delta.revenueOrders),
        revenue_minor: eb('orders_daily_totals.revenue_minor', '+', delta.revenueMinor),
      })),
    )
    .execute();
  if (delta.orders === 0) return;
  await trx
    .insertInto('orders_store_totals')
    .values({ store_id: order.store_id, orders: delta.orders })
    .onConflict((conflict) =>
      conflict
        .column('store_id')
        .doUpdateSet((eb) => ({ orders: eb('orders_store_totals.orders', '+', delta.orders) })),
    )
    .execute();
}

/** Counts a new order in the summaries, in the transaction that inserted it. */
export function summarizePlacedOrder(trx: Transaction<OrdersDatabase>, order: OrderFacts): Promise<void> {
  const revenue = earnsRevenue(order.status);
  return addToSummaries(trx, order, {
    orders: 1,
    cancelled: order.status === 'cancelled' ? 1 : 0,
    revenueOrders: revenue ? 1 : 0,
    revenueMinor: revenue ? Number(order.total_amount) : 0,
  });
}

/**
 * Moves an order to its new status (`order.status`) in the summaries, in the transaction that
 * changed it. Only orders that earn revenue and are not cancelled can change status (`cancelled`
 * and `refunded` are final), so the change is decided by the new status alone.
 */
export function summarizeStatusChange(trx: Transaction<OrdersDatabase>, order: OrderFacts): Promise<void> {
  if (earnsRevenue(order.status)) return Promise.resolve();
  return addToSummaries(trx, order, {
    orders: 0,
    cancelled: order.status === 'cancelled' ? 1 : 0,
    revenueOrders: -1,
    revenueMinor: -Number(order.total_amount),
  });
}

/**
 * Recomputes the summary rows of one store, or of every store, from `orders`, in one transaction
 * that keeps order writers out meanwhile (`share row exclusive` on PostgreSQL; SQLite has one
 * writer at a time).
 */
export async function rebuildOrderSummaries(db: Kysely<OrdersDatabase>, storeId?: number): Promise<void> {
  const postgres = sqlDialectOf(db) === 'postgres';
  const day = postgres ? sql`date_trunc('day', created_at, 'UTC')` : sql`substr(created_at, 1, 10) || 'T00:00:00.000Z'`;
  const onlyStore = storeId === undefined ? sql`` : sql`where store_id = ${storeId}`;
  await inTransaction(db, async (trx) => {
    if (postgres) await sql`lock table orders in share row exclusive mode`.execute(trx);
    await trx
      .deleteFrom('orders_daily_totals')
      .$if(storeId !== undefined, (query) => query.where('store_id', '=', storeId!))
      .execute();
    await trx
      .deleteFrom('orders_store_totals')
      .$if(storeId !== undefined, (query) => query.where('store_id', '=', storeId!))
      .execute();
    await sql`
      insert into orders_daily_totals (store_id, day, currency, orders, cancelled, revenue_orders, revenue_minor)
      select store_id, ${day}, currency, count(*),
             count(*) filter (where status = 'cancelled'),
             count(*) filter (where status not in ('cancelled', 'refunded')),
             coalesce(sum(total_amount) filter (where status not in ('cancelled', 'refunded')), 0)
      from orders ${onlyStore} group by store_id, ${day}, currency`.execute(trx);
    await sql`insert into orders_store_totals (store_id, orders) select store_id, count(*) from orders ${onlyStore} group by store_id`.execute(
      trx,
    );
  });
}

/** A half-open range `[from, to)` of ISO timestamps. */
export interface TimeRange {
  from: string;
  to: string;
}

/**
 * Splits `[start, end)`, cut at `cuts`, into what the summary rows answer and what needs the
 * orders themselves: whole UTC days that no cut falls inside come from `orders_daily_totals`
 * (`days`, ranges of day starts), the rest, at most the days around each cut that is not at
 * midnight, from `orders` (`partial`, ranges of `created_at`).
 *
 * @example
 * ```ts
 * import { summaryPlan } from './order-summaries.js';
 *
 * summaryPlan(new Date('2026-10-02T00:00:00.000Z'), new Date('2026-11-01T12:00:00.000Z'), []);
 * // { days: [{ from: '2026-10-02T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' }],
 * //   partial: [{ from: '2026-11-01T00:00:00.000Z', to: '2026-11-01T12:00:00.000Z' }] }
 * ```
 */
export function summaryPlan(start: Date, end: Date, cuts: Date[]): { days: TimeRange[]; partial: TimeRange[] } {
  const startMs = start.getTime();
  const endMs = end.getTime();
  // the days some boundary falls inside (not on their midnight), in order
  const splitDays = [
    ...new Set(
      [startMs, endMs, ...cuts.map((cut) => cut.getTime())]
        .filter((boundary) => boundary >= startMs && boundary <= endMs && midnightOf(boundary) !== boundary)
        .map(midnightOf),
    ),
  ].sort((a, b) => a - b);
  const days: TimeRange[] = [];
  const partial: TimeRange[] = [];
  const push = (ranges: TimeRange[], fromMs: number, toMs: number) => {
    if (fromMs >= toMs) return;
    const last = ranges.at(-1);
    const from = new Date(fromMs).toISOString();
    if (last && last.to === from) last.to = new Date(toMs).toISOString();
    else ranges.push({ from, to: new Date(toMs).toISOString() });
  };
  // whole days run from the first midnight at or after the start to the last one at or before the
  // end, broken by the split days, which come from the orders instead
  let cursor = midnightOf(startMs) === startMs ? startMs : midnightOf(startMs) + dayMs;
  for (const day of splitDays) {
    push(partial, Math.max(day, startMs), Math.min(day + dayMs, endMs));
    if (day < cursor) continue;
    push(days, cursor, day);
    cursor = day + dayMs;
  }
  push(days, cursor, midnightOf(endMs));
  return { days, partial };
}
