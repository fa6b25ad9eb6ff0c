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

/** `customer_order_activity.previous_placed_at` (`customers_004_activity_previous`), kept by triggers. */
interface ActivityPreviousDatabase extends CustomersDatabase {
  customer_order_activity: CustomersDatabase['customer_order_activity'] & { previous_placed_at: string | Date | null };
}

export type CustomersMetricsScope = { storeId: number } | { platformId: number };

/**
 * One row with every customers number of a dashboard, each a scalar subquery that reads one range
 * of an index: `total` (the scope's customers), `new_now`/`new_before` (created in the window and
 * the previous window, on `(store_id, created_at)`), `active_now`/`active_before` (customers
 * with a recorded order in each window: the rows that are a customer's first order in the window,
 * on `(store_id, placed_at, previous_placed_at)` alone) and `returning_now` (of those, the ones with
 * an earlier order).
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

  // A customer is active in [from, to) through exactly one row: its first order in the window, the
  // one whose previous order (customers_004_activity_previous) is before `from`, or that has none. So
  // a count(*) over the (store_id, placed_at, previous_placed_at) index range, no distinct.
  const activity = db as unknown as Kysely<ActivityPreviousDatabase>;
  // One scan of the activity of both windows, three counts: active now and before (first orders in
  // each window), and returning now (those of the window with an earlier order, necessarily before
  // `from`): customers active in the window whose first order is before it, on any write path.
  const activityCounts = activity
    .selectFrom('customer_order_activity')
    .where((eb) =>
      'storeId' in scope
        ? eb('customer_order_activity.store_id', '=', scope.storeId)
        : eb('customer_order_activity.store_id', 'in', activeStoreIdsInPlatform(db, scope.platformId)),
    )
    .where('customer_order_activity.placed_at', '>=', previousFrom < from ? previousFrom : from)
    .where('customer_order_activity.placed_at', '<', to)
    .select((eb) => {
      const placed = (start: string, end: string) =>
        eb.and([
          eb('customer_order_activity.placed_at', '>=', start),
          eb('customer_order_activity.placed_at', '<', end),
        ]);
      const first = (start: string) =>
        eb.or([
          eb('customer_order_activity.previous_placed_at', 'is', null),
          eb('customer_order_activity.previous_placed_at', '<', start),
        ]);
      return [
        eb.fn
          .countAll<number | string>()
          .filterWhere(eb.and([placed(from, to), first(from)]))
          .as('active_now'),
        eb.fn
          .countAll<number | string>()
          .filterWhere(eb.and([placed(previousFrom, previousTo), first(previousFrom)]))
          .as('active_before'),
        eb.fn
          .countAll<number | string>()
          .filterWhere(eb.and([placed(from, to), eb('customer_order_activity.previous_placed_at', '<', from)]))
          .as('returning_now'),
      ];
    });

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

  return db
    .selectFrom(activityCounts.as('a'))
    .select([
      total.as('total'),
      customers(from, to).as('new_now'),
      customers(previousFrom, previousTo).as('new_before'),
      'a.active_now',
      'a.active_before',
      'a.returning_now',
    ]);
}
