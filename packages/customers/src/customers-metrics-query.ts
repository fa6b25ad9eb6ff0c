/** The one SQL statement behind the customers dashboards. */
import { windowBounds, type ResolvedMetricsContext } from '@orion/contracts';
import { activeStoreIdsInPlatform } from '@orion/tenancy';
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { CustomersDatabase } from './schema.js';

/** The stores a dashboard covers: one store, or the stores with an active membership in a platform. */
export type CustomersMetricsScope = { storeId: number } | { platformId: number };

/**
 * One row with every customers number of a dashboard, each a scalar subquery that reads one range
 * of an index: `total` (the scope's customers), `new_now`/`new_before` (created in the window and
 * the previous window, on `(store_id, created_at)`), `active_now`/`active_before` (distinct
 * customers with a recorded order in each window, on `(store_id, placed_at, customer_id)` alone)
 * and `returning` (those active now whose first recorded order is before the window).
 */
export function customersMetricsQuery(db: Kysely<CustomersDatabase>, scope: CustomersMetricsScope, context: ResolvedMetricsContext) {
  const { from, to, previousFrom, previousTo } = windowBounds(context);
  const inScope = (eb: ExpressionBuilder<CustomersDatabase, 'customers' | 'customer_order_activity'>, column: 'customers.store_id' | 'customer_order_activity.store_id') =>
    'storeId' in scope ? eb(column, '=', scope.storeId) : eb(column, 'in', activeStoreIdsInPlatform(db, scope.platformId));

  const customers = (from?: string, to?: string) =>
    db
      .selectFrom('customers')
      .where((eb) => inScope(eb, 'customers.store_id'))
      .$if(from !== undefined, (query) => query.where('customers.created_at', '>=', from!).where('customers.created_at', '<', to!))
      .select((eb) => eb.fn.countAll<number | string>().as('n'));

  const active = (from: string, to: string) =>
    db
      .selectFrom('customer_order_activity')
      .where((eb) => inScope(eb, 'customer_order_activity.store_id'))
      .where('customer_order_activity.placed_at', '>=', from)
      .where('customer_order_activity.placed_at', '<', to)
      .select((eb) => eb.fn.count<number | string>('customer_order_activity.customer_id').distinct().as('n'));

  const returning = active(from, to)
    .innerJoin('customers', 'customers.id', 'customer_order_activity.customer_id')
    .where('customers.first_order_at', '<', from);

  return db.selectNoFrom([
    customers().as('total'),
    customers(from, to).as('new_now'),
    customers(previousFrom, previousTo).as('new_before'),
    active(from, to).as('active_now'),
    active(previousFrom, previousTo).as('active_before'),
    returning.as('returning'),
  ]);
}
