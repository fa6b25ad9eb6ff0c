/**
 * Two Orion processes on one database (issue 14, item 3): the app and the `orion` CLI or a worker
 * writing the same file. On SQLite only one connection writes at a time; the other must wait for
 * the lock without failing (it used to answer 500 with `SQLITE_BUSY`). PostgreSQL runs the same
 * cases, for parity. Each worker is a real child process (see `worker.ts`).
 */
import { sql } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import { catalogModule } from '../../packages/catalog/src/index.js';
import { ordersModule } from '../../packages/orders/src/index.js';
import type { TestHost } from '../../packages/testing/src/index.js';
import { describeEachDatabase, useTestHosts } from '../../packages/testing/src/vitest.js';
import { runTogether, startWorker } from './processes.js';

describeEachDatabase('two processes writing one database', (dialect) => {
  const hosts = useTestHosts(dialect);
  let host: TestHost;
  let platformId: number;
  let storeId: number;

  beforeEach(async () => {
    host = await hosts.start({ modules: [ordersModule, catalogModule] });
    ({ platformId, storeId } = await host.seedTenancy());
  });

  it('enable and disable from two processes at once: every call succeeds, none answers 500', async () => {
    const calls = 60;
    const url = host.database.url;
    const results = await runTogether([
      startWorker('toggle', [url, platformId, calls]),
      startWorker('toggle', [url, platformId, calls]),
    ]);
    expect(results.flatMap((result) => result.failures)).toEqual([]);
    expect(results.map((result) => result.ok)).toEqual([calls, calls]);
  }, 120_000);

  it('batches of 25 orders from two processes at once: every batch commits, the counts are exact', async () => {
    const batches = 12;
    const size = 25;
    const url = host.database.url;
    const results = await runTogether([
      startWorker('orders', [url, storeId, batches, size]),
      startWorker('orders', [url, storeId, batches, size]),
    ]);
    expect(results.flatMap((result) => result.failures)).toEqual([]);
    expect(results.map((result) => result.ok)).toEqual([batches, batches]);

    const expectedOrders = 2 * batches * size;
    // quantities cycle 1, 2, 3 within a batch: each batch's items sum to this
    const quantityPerBatch = Array.from({ length: size }, (_, i) => 1 + (i % 3)).reduce((a, b) => a + b, 0);
    const counts = await sql<{ orders: number | string; items: number | string; quantity: number | string }>`
      select (select count(*) from orders where store_id = ${storeId}) as orders,
             (select count(*) from order_items) as items,
             (select sum(quantity) from order_items) as quantity`.execute(host.db);
    const row = counts.rows[0]!;
    expect(Number(row.orders)).toBe(expectedOrders);
    expect(Number(row.items)).toBe(expectedOrders);
    expect(Number(row.quantity)).toBe(2 * batches * quantityPerBatch);
    // the read-modify-write counter lost no update
    const totals = await host.db
      .selectFrom('orders_store_totals')
      .select('orders')
      .where('store_id', '=', storeId)
      .executeTakeFirst();
    expect(Number(totals?.orders)).toBe(expectedOrders);
  }, 120_000);
});
