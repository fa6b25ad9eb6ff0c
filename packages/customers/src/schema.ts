/**
 * Kysely table interfaces for the tables the customers module owns, for `Kysely<CustomersDatabase>`:
 * a misspelt table or column in a route, the service or the metrics provider is a compile error.
 *
 * Read counts with `toNumber`, booleans with `toBoolean` and timestamps with `toIsoTimestamp` from
 * `@orion/contracts`: PostgreSQL returns `bigint` as a string and `timestamptz` as a `Date`, SQLite
 * returns numbers and ISO text.
 */
import type { StoredBoolean, StoredTimestamp, TenancyDatabase } from '@orion/tenancy';
import type { ColumnType, Generated } from 'kysely';

/**
 * `customers`: one customer of one store; `email` is unique per store, trimmed and lower-case.
 * `name_key` is the lower-case `"first last"` the name search reads. The order columns are kept by
 * the activity recorder: `orders_count` recorded orders, the first and the last at
 * `first_order_at`/`last_order_at` (null before the first).
 *
 * @example
 * ```ts
 * import type { CustomersTable } from '@orion/customers';
 * import type { Selectable } from 'kysely';
 * type CustomerRow = Selectable<CustomersTable>;
 * ```
 */
export interface CustomersTable {
  id: Generated<number>;
  store_id: number;
  email: string;
  first_name: string | null;
  last_name: string | null;
  name_key: string;
  phone: string | null;
  locale: string | null;
  is_active: StoredBoolean;
  first_order_at: StoredTimestamp | null;
  last_order_at: StoredTimestamp | null;
  orders_count: ColumnType<number | string, number | undefined, number>;
  created_at: StoredTimestamp;
  updated_at: StoredTimestamp;
}

/**
 * `customer_order_activity`: one row per order recorded for a customer (`placed_at`), the rows the
 * active and returning customer metrics count. Deleted with the customer.
 *
 * @example
 * ```ts
 * import type { CustomerOrderActivityTable } from '@orion/customers';
 * import type { Selectable } from 'kysely';
 * type ActivityRow = Selectable<CustomerOrderActivityTable>;
 * ```
 */
export interface CustomerOrderActivityTable {
  id: Generated<number>;
  store_id: number;
  customer_id: number;
  placed_at: StoredTimestamp;
}

/**
 * The customers module's tables together with the tenancy tables they refer to, for
 * `Kysely<CustomersDatabase>`.
 *
 * @example
 * ```ts
 * import type { Kysely } from 'kysely';
 * import type { CustomersDatabase } from '@orion/customers';
 * const typed = db as Kysely<CustomersDatabase>;
 * ```
 */
export interface CustomersDatabase extends TenancyDatabase {
  customers: CustomersTable;
  customer_order_activity: CustomerOrderActivityTable;
}
