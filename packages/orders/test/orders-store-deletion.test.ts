/**
 * Deleting a store, a merchant's stores or a platform keeps every orders dashboard exact (issue 12).
 * `orders.store_id` restricts `stores` (orders are records to keep), so a store with orders is
 * refused and goes only after its orders, in the same transaction; its memberships then go by the
 * cascade, with no order left to subtract twice or miss. See `describeStoreDeletion`.
 */
import { describeStoreDeletion } from '../../../test/support/store-deletion.js';
import { ordersModule } from '../src/index.js';
import { expectedMetrics, type OracleOrder } from './orders-oracle.js';

const DAY = 86_400_000;

describeStoreDeletion('orders store deletion', () => {
  const orders = new Map<number, OracleOrder & { storeId: number }>();
  return {
    modules: [ordersModule],
    category: 'orders',
    rollupTables: [
      'orders_daily_totals',
      'orders_hourly_totals',
      'orders_store_totals',
      'orders_platform_daily_totals',
      'orders_platform_hourly_totals',
      'orders_platform_totals',
    ],
    cascadeTables: [],
    async seed(db, fixture, random, now) {
      let serial = 0;
      for (const store of fixture.stores) {
        const rows = Array.from({ length: random.int(3, 8) }, () => ({
          store_id: store.id,
          order_number: `O-${++serial}`,
          customer_email: `buyer${serial}@example.com`,
          status: random.pick(['pending', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded']),
          currency: random.pick(['EUR', 'EUR', 'USD', 'JPY']),
          total_amount: random.int(0, 99_999),
          created_at: new Date(now - random.int(0, 25 * DAY)).toISOString(),
        }));
        const inserted = await db.insertInto('orders').values(rows).returning('id').execute();
        for (const [index, { id }] of inserted.entries()) {
          const row = rows[index]!;
          orders.set(Number(id), {
            storeId: store.id,
            status: row.status,
            currency: row.currency,
            totalAmount: row.total_amount,
            createdAt: Date.parse(row.created_at),
          });
          await db
            .insertInto('order_items')
            .values({ order_id: Number(id), sku: `SKU-${index}`, quantity: 1, unit_price: row.total_amount })
            .execute();
        }
      }
    },
    async clearRestrictingRows(db, storeIds) {
      await db.deleteFrom('orders').where('store_id', 'in', storeIds).execute();
    },
    forgetStore(storeId) {
      for (const [id, order] of orders) if (order.storeId === storeId) orders.delete(id);
    },
    expected: (window) => (storeIds) =>
      expectedMetrics(
        [...orders.values()].filter((order) => storeIds.has(order.storeId)),
        window,
        true,
      ),
    rebuild: (db) => ordersModule.rebuild!({ db }),
  };
});
