/** The one SQL statement behind the customers dashboards. */
import { windowBounds, type ResolvedMetricsContext } from '@orion/contracts';
import { activeStoreIdsInPlatform } from '@orion/tenancy';
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { CustomersDatabase } from './schema.js';

/** The stores a dashboard covers: one store, or the stores with an active membership in a platform. */
/** `customers_store_totals` (`customers_003_store_totals`): customers per store, kept by triggers. */
interface StoreTotalsDatabase extends CustomersDatabase {
  customers_store_totals: { store_id: number; customers: number };
}

export type CustomersMetricsScope = { storeId: number } | { platformId: number };

/**
 * One row with every customers number of a dashboard, each a scalar subquery that reads one range
 * of an index: `total` (the scope's customers), `new_now`/`new_before` (created in the window and
 * the previous window, on `(store_id, created_at)`), `active_now`/`active_before` (distinct
 * customers with a recorded order in each window, on `(store_id, placed_at, customer_id)` alone)
 * and `first_now` (customers whose first recorded order is in the window, on
 * `(store_id, first_order_at)`): the returning customers, those active now whose first recorded
 * order is before the window, are `active_now − first_now`.
 */
export function customersMetricsQuery(
  db: Kysely<CustomersDatabase>,
  scope: CustomersMetricsScope,
  context: ResolvedMetricsContext,
) {
  const { from, to, previousFrom, previousTo } = windowBounds(context);
  const inScope = (
    eb: ExpressionBuilder<CustomersDatabase, 'customers' | 'customer_order_activity'>,
    column: 'customers.store_id' | 'customer_order_activity.store_id',
  ) =>
    'storeId' in scope
      ? eb(column, '=', scope.storeId)
      : eb(column, 'in', activeStoreIdsInPlatform(db, scope.platformId));

  const customers = (from?: string, to?: string) =>
    db
      .selectFrom('customers')
      .where((eb) => inScope(eb, 'customers.store_id'))
      .$if(from !== undefined, (query) =>
        query.where('customers.created_at', '>=', from!).where('customers.created_at', '<', to!),
      )
      .select((eb) => eb.fn.countAll<number | string>().as('n'));

  const active = (from: string, to: string) =>
    db
      .selectFrom('customer_order_activity')
      .where((eb) => inScope(eb, 'customer_order_activity.store_id'))
      .where('customer_order_activity.placed_at', '>=', from)
      .where('customer_order_activity.placed_at', '<', to)
      .select((eb) => eb.fn.count<number | string>('customer_order_activity.customer_id').distinct().as('n'));

  // Returning = active_now − first_now (the provider subtracts): `first_order_at` is the earliest
  // recorded order, so an active customer whose first order is not before `from` had it in the
  // window, and one whose first order is in the window is active in it. No lookup per activity row.
  const firstOrdering = db
    .selectFrom('customers')
    .where((eb) => inScope(eb, 'customers.store_id'))
    .where('customers.first_order_at', '>=', from)
    .where('customers.first_order_at', '<', to)
    .select((eb) => eb.fn.countAll<number | string>().as('n'));

  // all-time customers: the per-store counts the database keeps (customers_003_store_totals), one
  // row per store instead of one index entry per customer
  const totals = db as unknown as Kysely<StoreTotalsDatabase>;
  const total = totals
    .selectFrom('customers_store_totals')
    .where((eb) =>
      'storeId' in scope
        ? eb('customers_store_totals.store_id', '=', scope.storeId)
        : eb('customers_store_totals.store_id', 'in', activeStoreIdsInPlatform(db, scope.platformId)),
    )
    .select((eb) => eb.fn.sum<number | string | null>('customers_store_totals.customers').as('n'));

  return db.selectNoFrom([
    total.as('total'),
    customers(from, to).as('new_now'),
    customers(previousFrom, previousTo).as('new_before'),
    active(from, to).as('active_now'),
    active(previousFrom, previousTo).as('active_before'),
    firstOrdering.as('first_now'),
  ]);
}
