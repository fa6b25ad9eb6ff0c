/**
 * Seeds orders: the planned year of orders through `OrdersService`, placed with their past
 * `createdAt` and moved along their life cycle, 1,000 orders per transaction. Where customers is
 * installed, each order goes through its activity recorder too (as `POST /orders` does), so the
 * stores' customers, and their first and last orders, are the orders' own.
 */
import { customerActivityRecorderRef, inTransaction, TenancyService } from '@orion/core';
import { OrdersService } from '@orion/orders';
import type { PlannedOrder } from './demo-orders.js';
import type { DemoStore } from './demo-stores.js';
import { chunks, count, elapsed, type SeedContext } from './seed-context.js';

/** Orders per transaction: big enough that commits cost little, small enough to show progress. */
const ordersPerTransaction = 1_000;
/** A small seed (a test's) commits at least this often, so that it too reports and resumes in steps. */
const transactionsAtLeast = 20;

/**
 * Places the planned orders each store does not have yet. Batches commit whole and in plan order,
 * so a store's orders in the database are the first ones of its plan: an interrupted seed goes on
 * where it stopped. Returns how many orders it placed.
 */
export async function seedOrders(
  { orion, log }: SeedContext,
  stores: readonly DemoStore[],
  plan: readonly PlannedOrder[],
): Promise<number> {
  const started = performance.now();
  const reader = new OrdersService(orion.db);
  const existing = new Map<number, number>();
  for (const store of stores)
    existing.set(store.id, (await reader.listStoreOrders({ storeId: store.id, limit: 1 })).total);
  const seen = new Map<number, number>();
  const missing = plan.filter((order) => {
    const index = (seen.get(order.storeId) ?? 0) + 1;
    seen.set(order.storeId, index);
    return index > existing.get(order.storeId)!;
  });
  const had = [...existing.values()].reduce((sum, n) => sum + n, 0);
  if (missing.length === 0) {
    log(`  orders: the stores have their ${count(had)} orders already`);
    return 0;
  }
  if (had > 0) log(`  orders: ${count(had)} orders there already; placing the other ${count(missing.length)}`);
  // The recorder is the same on every platform (customers is core); a store on no platform records too.
  const [platform] = await new TenancyService(orion.db).listPlatforms();
  const customers =
    platform === undefined
      ? undefined
      : await orion.services.get(customerActivityRecorderRef, { platformId: platform.id });

  // One lane on both databases. Every order a transaction places updates its platforms' summary
  // rows (kept by the orders triggers) and holds them until it commits, so batches of different
  // stores on one platform wait for each other anyway, and side by side they deadlock on PostgreSQL.
  const lanes = lanesOf(missing, 1);
  const perTransaction = Math.max(50, Math.min(ordersPerTransaction, Math.ceil(missing.length / transactionsAtLeast)));
  const step = Math.max(perTransaction, Math.ceil(missing.length / 10 / perTransaction) * perTransaction);
  let placed = 0;
  let reported = 0;
  let failed = false;
  const outcomes = await Promise.allSettled(
    lanes
      .map(async (lane) => {
        for (const batch of chunks(lane, perTransaction)) {
          if (failed) return;
          // inTransaction runs a batch again when PostgreSQL aborts it to break a deadlock: the
          // lanes' batches update the same platform summary rows (kept by triggers) in other orders.
          await inTransaction(orion.db, async (trx) => {
            const orders = new OrdersService(trx, { customers });
            for (const order of batch) {
              const { id } = await orders.placeOrder({
                storeId: order.storeId,
                orderNumber: order.orderNumber,
                customerEmail: order.customerEmail,
                currency: order.currency,
                items: order.items,
                createdAt: order.createdAt,
              });
              for (const status of order.path) await orders.changeStatus(id, status);
            }
          });
          placed += batch.length;
          if (placed - reported >= step || placed === missing.length) {
            reported = placed;
            log(`  orders: ${count(placed)} / ${count(missing.length)} (${elapsed(started)})`);
          }
        }
      })
      .map((lane) =>
        lane.catch((error: unknown) => {
          failed = true; // the other lanes stop after their current batch
          throw error;
        }),
      ),
  );
  const failure = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failure) throw failure.reason;
  return placed;
}

/**
 * Splits the orders into `laneCount` lanes by store, each store's orders in plan order in one lane,
 * the lanes about equally long (the biggest stores first, each to the shortest lane).
 */
function lanesOf(orders: readonly PlannedOrder[], laneCount: number): PlannedOrder[][] {
  const byStore = new Map<number, PlannedOrder[]>();
  for (const order of orders) {
    const storeOrders = byStore.get(order.storeId);
    if (storeOrders) storeOrders.push(order);
    else byStore.set(order.storeId, [order]);
  }
  const lanes: PlannedOrder[][] = Array.from({ length: laneCount }, () => []);
  for (const storeOrders of [...byStore.values()].sort((a, b) => b.length - a.length)) {
    lanes.reduce((shortest, lane) => (lane.length < shortest.length ? lane : shortest)).push(...storeOrders);
  }
  return lanes.filter((lane) => lane.length > 0);
}
