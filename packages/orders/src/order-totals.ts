/**
 * The orders totals rows (see `orders_002_create_summaries` and `orders_003_summary_triggers`):
 * kept by the database's own triggers in the transaction of every write to `orders` and
 * `store_platforms`, read by the dashboards, rebuilt from `orders` on demand (a repair tool:
 * `orion rebuild orders`).
 */
import { sql, type Kysely } from 'kysely';
import { inTransaction, sqlDialectOf } from '@orion/contracts';
import type { OrdersDatabase } from './schema.js';

const hourMs = 3_600_000;
const dayMs = 86_400_000;

/** The start of the UTC `unit` (a day or an hour) that holds the instant `ms`. */
function floorTo(ms: number, unit: number): number {
  return ms - (((ms % unit) + unit) % unit);
}

/** The first start of a UTC `unit` at or after the instant `ms`. */
function ceilTo(ms: number, unit: number): number {
  const floor = floorTo(ms, unit);
  return floor === ms ? ms : floor + unit;
}

const revenue = sql.raw(`status not in ('cancelled', 'refunded')`);
const sums = sql`count(*), count(*) filter (where o.status = 'cancelled'), count(*) filter (where o.${revenue}),
  coalesce(sum(o.total_amount) filter (where o.${revenue}), 0)`;

/**
 * Recomputes all the orders totals (per store and per platform, daily, hourly and all-time) from
 * `orders` and the active memberships, in one transaction that keeps order and membership writers
 * out meanwhile (`share row exclusive` on PostgreSQL; SQLite has one writer at a time). With
 * `storeId`, that store's rows and those of the platforms it is an active member of. The triggers
 * keep the totals exact; this is a repair tool (after a `TRUNCATE`, or triggers dropped by hand).
 */
export async function rebuildOrderTotals(db: Kysely<OrdersDatabase>, storeId?: number): Promise<void> {
  const postgres = sqlDialectOf(db) === 'postgres';
  const start = (grain: 'day' | 'hour') =>
    postgres
      ? sql.raw(`date_trunc('${grain}', o.created_at, 'UTC')`)
      : sql.raw(
          grain === 'day'
            ? `substr(o.created_at, 1, 10) || 'T00:00:00.000Z'`
            : `substr(o.created_at, 1, 13) || ':00:00.000Z'`,
        );
  const active = sql.raw(postgres ? 'sp.is_active' : 'sp.is_active = 1');
  await inTransaction(db, async (trx) => {
    if (postgres) {
      await sql`lock table orders in share row exclusive mode`.execute(trx);
      await sql`lock table store_platforms in share row exclusive mode`.execute(trx);
    }
    const stores = storeId === undefined ? sql`true` : sql`o.store_id = ${storeId}`;
    const platformIds =
      storeId === undefined
        ? undefined
        : (
            await trx
              .selectFrom('store_platforms')
              .select('platform_id')
              .where('store_id', '=', storeId)
              .where('is_active', '=', true)
              .execute()
          ).map((row) => row.platform_id);
    const platforms =
      platformIds === undefined
        ? sql`true`
        : platformIds.length === 0
          ? sql`false`
          : sql`sp.platform_id in (${sql.join(platformIds)})`;
    const storeKey = storeId === undefined ? sql`true` : sql`store_id = ${storeId}`;
    const platformKey =
      platformIds === undefined
        ? sql`true`
        : platformIds.length === 0
          ? sql`false`
          : sql`platform_id in (${sql.join(platformIds)})`;

    for (const [table, grain] of [
      ['orders_daily_totals', 'day'],
      ['orders_hourly_totals', 'hour'],
    ] as const) {
      await sql`delete from ${sql.table(table)} where ${storeKey}`.execute(trx);
      await sql`insert into ${sql.table(table)} (store_id, ${sql.ref(grain)}, currency, orders, cancelled, revenue_orders, revenue_minor)
        select o.store_id, ${start(grain)}, o.currency, ${sums} from orders as o where ${stores} group by 1, 2, 3`.execute(
        trx,
      );
    }
    await sql`delete from orders_store_totals where ${storeKey}`.execute(trx);
    await sql`insert into orders_store_totals (store_id, orders)
      select o.store_id, count(*) from orders as o where ${stores} group by 1`.execute(trx);

    for (const [table, grain] of [
      ['orders_platform_daily_totals', 'day'],
      ['orders_platform_hourly_totals', 'hour'],
    ] as const) {
      await sql`delete from ${sql.table(table)} where ${platformKey}`.execute(trx);
      await sql`insert into ${sql.table(table)} (platform_id, ${sql.ref(grain)}, currency, orders, cancelled, revenue_orders, revenue_minor)
        select sp.platform_id, ${start(grain)}, o.currency, ${sums}
        from orders as o join store_platforms as sp on sp.store_id = o.store_id and ${active}
        where ${platforms} group by 1, 2, 3`.execute(trx);
    }
    await sql`delete from orders_platform_totals where ${platformKey}`.execute(trx);
    await sql`insert into orders_platform_totals (platform_id, orders)
      select sp.platform_id, count(*) from orders as o join store_platforms as sp on sp.store_id = o.store_id and ${active}
      where ${platforms} group by 1`.execute(trx);
  });
}

/** Where one part of a dashboard's numbers comes from: day rows, hour rows, or the orders themselves. */
export type TotalsSource = 'day' | 'hour' | 'orders';

/**
 * One range read of a dashboard: the rows of `source` in `[from, to)` (ISO timestamps), added
 * (`sign` 1) or taken away (-1), counted in the window (`current` true) or the previous one.
 */
export interface TotalsPart {
  source: TotalsSource;
  from: string;
  to: string;
  sign: 1 | -1;
  current: boolean;
}

/** A window `[from, to)` in milliseconds, and whether it is the dashboard's window or the previous one. */
export interface PlannedWindow {
  from: number;
  to: number;
  current: boolean;
}

/**
 * Splits each window into range reads that add up to exactly its orders: whole UTC days from the
 * day rows, whole UTC hours (of the days a boundary falls inside) from the hour rows, and the part
 * of an hour that a boundary cuts from the orders themselves. For that part it reads whichever
 * side of the boundary is shorter: `[hour, boundary)` added, or the hour row added and
 * `[boundary, next hour)` taken away. So each boundary not on an hour reads at most half an hour
 * of orders (a window ending now reads the orders after now: normally none), and a dashboard at
 * most two runs of day rows, four of hour rows and six of orders, however many orders a day holds.
 *
 * @example
 * ```ts
 * import { totalsParts } from './order-totals.js';
 *
 * const from = Date.parse('2026-10-02T00:00:00.000Z');
 * totalsParts([{ from, to: Date.parse('2026-10-04T05:50:00.000Z'), current: true }]);
 * // day [10-02, 10-04), hour [10-04T00, 10-04T06), orders [10-04T05:50, 10-04T06) taken away
 * ```
 */
export function totalsParts(windows: PlannedWindow[]): TotalsPart[] {
  const parts: TotalsPart[] = [];
  const iso = (ms: number) => new Date(ms).toISOString();
  for (const { from, to, current } of windows) {
    if (from >= to) continue;
    const push = (source: TotalsSource, a: number, b: number, sign: 1 | -1 = 1) => {
      if (a < b) parts.push({ source, from: iso(a), to: iso(b), sign, current });
    };
    let hourFrom = ceilTo(from, hourMs);
    let hourTo = floorTo(to, hourMs);
    if (hourFrom > hourTo) {
      // both ends inside one hour: the orders between them, or the hour minus the orders around them
      const hour = floorTo(from, hourMs);
      if (to - from <= hourMs - (to - from)) push('orders', from, to);
      else {
        push('hour', hour, hour + hourMs);
        push('orders', hour, from, -1);
        push('orders', to, hour + hourMs, -1);
      }
      continue;
    }
    if (from < hourFrom) {
      if (hourFrom - from <= from - (hourFrom - hourMs)) push('orders', from, hourFrom);
      else {
        hourFrom -= hourMs;
        push('orders', hourFrom, from, -1);
      }
    }
    if (hourTo < to) {
      if (to - hourTo <= hourTo + hourMs - to) push('orders', hourTo, to);
      else {
        push('orders', to, hourTo + hourMs, -1);
        hourTo += hourMs;
      }
    }
    const dayFrom = ceilTo(hourFrom, dayMs);
    const dayTo = floorTo(hourTo, dayMs);
    if (dayFrom >= dayTo) push('hour', hourFrom, hourTo);
    else {
      push('hour', hourFrom, dayFrom);
      push('day', dayFrom, dayTo);
      push('hour', dayTo, hourTo);
    }
  }
  return parts;
}
