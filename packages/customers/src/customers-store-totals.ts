/**
 * `customers_store_totals` (`customers_003_store_totals`): customers per store. The database keeps
 * it on every write to `customers`; the rebuild here is the repair tool behind
 * `orion rebuild customers`.
 */
import { sql, type Kysely } from 'kysely';
import { inTransaction, sqlDialectOf } from '@orion/contracts';
import type { CustomersDatabase } from './schema.js';

/**
 * Recomputes `customers_store_totals` from `customers`, and each activity row's previous order, in one transaction that keeps customer
 * writers out meanwhile (`share row exclusive` on PostgreSQL).
 */
export async function rebuildCustomersStoreTotals(db: Kysely<CustomersDatabase>): Promise<void> {
  await inTransaction(db, async (trx) => {
    if (sqlDialectOf(trx) === 'postgres') {
      await sql`lock table customers, customer_order_activity in share row exclusive mode`.execute(trx);
    }
    await sql`delete from customers_store_totals`.execute(trx);
    await sql`
      insert into customers_store_totals (store_id, customers)
      select store_id, count(*) from customers group by store_id`.execute(trx);
    // and each activity row's previous order (customers_004_activity_previous)
    await sql`
      update customer_order_activity set previous_placed_at = x.previous
      from (
        select id, lag(placed_at) over (partition by customer_id order by placed_at, id) as previous
        from customer_order_activity
      ) as x
      where customer_order_activity.id = x.id`.execute(trx);
  });
}
