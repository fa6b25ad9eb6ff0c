/**
 * Issue 14 item 13 (issue 12): a store with 186,608 orders placed today, timed on the default window
 * (30 days ending now). Generates `size` into a scratch location (never the cached dataset), inserts
 * the day's orders in SQL through the orders triggers, then times the orders provider alone.
 *
 * `pnpm --filter @orion/bench exec tsx src/orders-busy-day.ts sqlite|postgres [size]`
 */
import { createOrion, metricsContextSchema, resolveMetricsContext, type Logger } from '@orion/core';
import { ordersModule, type OrdersDatabase } from '@orion/orders';
import { sql, type Kysely } from 'kysely';
import { benchModules } from './bench-modules.js';
import { datasetLocation, type BenchDialect, type DatasetSize } from './dataset.js';
import { generateDataset } from './generate.js';

const [dialect = 'sqlite', size = '100k'] = process.argv.slice(2) as [BenchDialect?, DatasetSize?];
const location = datasetLocation(dialect, size, {
  name: dialect === 'sqlite' ? `orion-busy-day-${size}.db` : `orion_busy_day_${size}`,
});
const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => quiet } as unknown as Logger;
await generateDataset({ location, size, log: () => {} });
const orion = await createOrion({ modules: benchModules, database: location.url, logger: quiet });
const db = orion.db;
const storeId = 7;
const wanted = 186_608;
const now = Date.now();
const midnight = now - (now % 86_400_000);
const started = performance.now();
for (let i = 0; i < wanted; i += 500) {
  const rows = Array.from({ length: Math.min(500, wanted - i) }, (_, k) => ({
    store_id: storeId,
    order_number: `TODAY-${i + k}`,
    customer_email: 'busy@example.com',
    status: ['pending', 'paid', 'cancelled', 'refunded'][(i + k) % 4],
    currency: 'EUR',
    total_amount: 1000 + ((i + k) % 5000),
    created_at: new Date(midnight + Math.floor(((i + k) / wanted) * (now - midnight))).toISOString(),
  }));
  await db.insertInto('orders').values(rows).execute();
}
console.log(
  `${dialect}: ${wanted} orders placed today inserted in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
await (dialect === 'postgres' ? sql`vacuum analyze orders` : sql`analyze`).execute(db);
const provider = await ordersModule.metricsProvider!();
/** The host's database holds the orders module's tables: ordersModule is one of benchModules. */
const ordersDb = db as Kysely<OrdersDatabase>;
for (const includeTrends of [false, true]) {
  const times: number[] = [];
  for (let i = 0; i < 55; i++) {
    const context = resolveMetricsContext(metricsContextSchema.parse({ period: '30d', includeTrends }));
    const start = performance.now();
    await provider.getStoreMetrics(ordersDb, storeId, context);
    if (i >= 5) times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${dialect}: orders provider, store ${storeId}, 30 days to now, trends ${includeTrends}: p50 ${times[25]!.toFixed(2)} ms, p90 ${times[45]!.toFixed(2)} ms`,
  );
}
await orion.close();
