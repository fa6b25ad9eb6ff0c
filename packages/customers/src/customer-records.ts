/** The customers module's records: plain objects with camelCase fields, the same on SQLite and PostgreSQL. */
import { toBoolean, toIsoTimestamp, toNumber } from '@orion/contracts';
import type { Selectable } from 'kysely';
import type { CustomersTable } from './schema.js';

/**
 * A store's customer as the service and the routes answer it. Timestamps are ISO-8601 UTC.
 *
 * @example
 * ```ts
 * import type { Customer } from '@orion/customers';
 * const label = (customer: Customer) => `${customer.firstName ?? ''} ${customer.lastName ?? ''} <${customer.email}>`;
 * ```
 */
export interface Customer {
  id: number;
  storeId: number;
  /** Trimmed and lower-case; unique within the store. */
  email: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  locale: string | null;
  isActive: boolean;
  /** The first and last recorded order, `null` before the first. */
  firstOrderAt: string | null;
  lastOrderAt: string | null;
  ordersCount: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * One page of a store's customers, newest first. `nextBefore` is the cursor of the next page
 * (`before` of {@link ListCustomersInput}), `null` on the last page.
 *
 * @example
 * ```ts
 * import type { CustomersPage } from '@orion/customers';
 * const emails = (page: CustomersPage) => page.items.map((customer) => customer.email);
 * ```
 */
export interface CustomersPage {
  items: Customer[];
  limit: number;
  nextBefore: number | null;
}

/** A `customers` row as a {@link Customer}. */
export function toCustomer(row: Selectable<CustomersTable>): Customer {
  return {
    id: row.id,
    storeId: row.store_id,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    phone: row.phone,
    locale: row.locale,
    isActive: toBoolean(row.is_active),
    firstOrderAt: row.first_order_at === null ? null : toIsoTimestamp(row.first_order_at),
    lastOrderAt: row.last_order_at === null ? null : toIsoTimestamp(row.last_order_at),
    ordersCount: toNumber(row.orders_count),
    createdAt: toIsoTimestamp(row.created_at),
    updatedAt: toIsoTimestamp(row.updated_at),
  };
}

/** The lower-case `"first last"` that the name search reads. */
export function nameKey(firstName: string | null | undefined, lastName: string | null | undefined): string {
  return [firstName, lastName]
    .filter((part): part is string => !!part)
    .join(' ')
    .toLowerCase();
}
