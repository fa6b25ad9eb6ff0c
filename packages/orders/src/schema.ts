/**
 * Kysely table interfaces for the tables the orders module owns.
 *
 * Read money and counts with `toNumber` and timestamps with `toIsoTimestamp` from
 * `@orion/contracts`: PostgreSQL returns `bigint` as a string and `timestamptz` as a `Date`,
 * SQLite returns numbers and ISO text.
 */
import type { ColumnType, Generated } from 'kysely';
import type { StoredTimestamp, TenancyDatabase } from '@orion/tenancy';
import type { OrderStatus } from './order-status.js';

/**
 * A money column: integer minor units (cents for EUR, yen for JPY) in a `bigint`. Written as a
 * JavaScript safe integer; read back as a number on SQLite and as a string on PostgreSQL.
 *
 * @example
 * ```ts
 * import { toNumber } from '@orion/contracts';
 *
 * const row = await db.selectFrom('orders').select('total_amount').executeTakeFirstOrThrow();
 * const totalAmount = toNumber(row.total_amount); // 2598
 * ```
 */
export type StoredMinorUnits = ColumnType<number | string, number, number>;

/**
 * `orders`: one order placed in a store. `order_number` is unique per store; `total_amount` is
 * the sum of its items' `quantity × unit_price`, in minor units of `currency`.
 *
 * @example
 * ```ts
 * import type { OrdersTable } from '@orion/orders';
 * import type { Selectable } from 'kysely';
 * type OrderRow = Selectable<OrdersTable>;
 * ```
 */
export interface OrdersTable {
  id: Generated<number>;
  store_id: number;
  order_number: string;
  /** Trimmed and lower-case. */
  customer_email: string;
  status: OrderStatus;
  /** ISO 4217 code, such as `EUR`. */
  currency: string;
  total_amount: StoredMinorUnits;
  created_at: StoredTimestamp;
}

/**
 * `order_items`: one line of an order, deleted with its order.
 *
 * @example
 * ```ts
 * import type { OrderItemsTable } from '@orion/orders';
 * import type { Selectable } from 'kysely';
 * type OrderItemRow = Selectable<OrderItemsTable>;
 * ```
 */
export interface OrderItemsTable {
  id: Generated<number>;
  order_id: number;
  sku: string;
  quantity: number;
  /** Price of one unit, in minor units of the order's currency. */
  unit_price: StoredMinorUnits;
}

/**
 * The columns every per-currency orders totals table shares (daily and hourly, per store and per
 * platform): in `currency`, how many orders were placed, how many of them are cancelled, how many
 * earn revenue (neither cancelled nor refunded) and their total in minor units.
 *
 * @example
 * ```ts
 * import type { OrdersCurrencyTotalsColumns } from '@orion/orders';
 * import type { Selectable } from 'kysely';
 * type CurrencyTotals = Selectable<OrdersCurrencyTotalsColumns>;
 * ```
 */
export interface OrdersCurrencyTotalsColumns {
  currency: string;
  orders: ColumnType<number | string, number, number>;
  cancelled: ColumnType<number | string, number, number>;
  revenue_orders: ColumnType<number | string, number, number>;
  revenue_minor: StoredMinorUnits;
}

/**
 * `orders_daily_totals`: {@link OrdersCurrencyTotalsColumns} per store, UTC day (`day`, its
 * midnight) and currency. Kept by the database's triggers on every write to `orders`; read by the
 * dashboards.
 */
export interface OrdersDailyTotalsTable extends OrdersCurrencyTotalsColumns {
  store_id: number;
  day: StoredTimestamp;
}

/** `orders_store_totals`: each store's number of orders, all time. Kept by the database's triggers. */
export interface OrdersStoreTotalsTable {
  store_id: number;
  orders: ColumnType<number | string, number, number>;
}

/** `orders_hourly_totals`: as {@link OrdersDailyTotalsTable}, per UTC hour (`hour`, its start). Kept by the database's triggers. */
export interface OrdersHourlyTotalsTable extends OrdersCurrencyTotalsColumns {
  store_id: number;
  hour: StoredTimestamp;
}

/**
 * `orders_platform_daily_totals`: as {@link OrdersDailyTotalsTable}, per platform, over the stores
 * with an active membership in it. Kept by the database's triggers on `orders` and `store_platforms`.
 */
export interface OrdersPlatformDailyTotalsTable extends OrdersCurrencyTotalsColumns {
  platform_id: number;
  day: StoredTimestamp;
}

/** `orders_platform_hourly_totals`: as {@link OrdersPlatformDailyTotalsTable}, per UTC hour. */
export interface OrdersPlatformHourlyTotalsTable extends OrdersCurrencyTotalsColumns {
  platform_id: number;
  hour: StoredTimestamp;
}

/** `orders_platform_totals`: each platform's number of orders (of its active member stores), all time. */
export interface OrdersPlatformTotalsTable {
  platform_id: number;
  orders: ColumnType<number | string, number, number>;
}

/**
 * The orders module's tables together with the tenancy tables they refer to, for
 * `Kysely<OrdersDatabase>`.
 *
 * @example
 * ```ts
 * import type { Kysely } from 'kysely';
 * import type { OrdersDatabase } from '@orion/orders';
 * const typed = db as Kysely<OrdersDatabase>;
 * ```
 */
export interface OrdersDatabase extends TenancyDatabase {
  orders: OrdersTable;
  order_items: OrderItemsTable;
  orders_daily_totals: OrdersDailyTotalsTable;
  orders_store_totals: OrdersStoreTotalsTable;
  orders_hourly_totals: OrdersHourlyTotalsTable;
  orders_platform_daily_totals: OrdersPlatformDailyTotalsTable;
  orders_platform_hourly_totals: OrdersPlatformHourlyTotalsTable;
  orders_platform_totals: OrdersPlatformTotalsTable;
}
