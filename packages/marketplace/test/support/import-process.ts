/**
 * A second Orion process for the marketplace's multi-process tests, run with `fork` (through tsx):
 * it starts a host on the database the parent names and does one thing, talking over IPC.
 *
 * - `import <storeId> <rows> <pauseAfter>`: imports a generated feed of `rows` rows; after
 *   `pauseAfter` rows it reports `{ type: 'paused', jobId }` and waits for `go` (or to be killed).
 * - `upload <platformId> <storeId> <pauseAfterBytes>`: uploads a feed through the route; after
 *   `pauseAfterBytes` it reports `{ type: 'paused' }` and waits to be killed.
 * - `start`: starts a host (its start-up recovery runs), reports `{ type: 'started' }` and stops.
 *
 * The database comes from ORION_TEST_DATABASE_URL and ORION_TEST_DATABASE_DIALECT; the
 * marketplace's configuration from the MARKETPLACE_ variables of the environment.
 */
import { inventoryModule } from '@orion/inventory';
import { startTestHost, type TestDialect } from '@orion/testing';
import { MarketplaceService, marketplaceModule } from '../../src/index.js';

const [mode = '', ...args] = process.argv.slice(2);
const send = (message: unknown) => new Promise<void>((resolve) => process.send!(message, () => resolve()));
const nextMessage = () => new Promise<unknown>((resolve) => process.once('message', resolve));

const host = await startTestHost({
  modules: [inventoryModule, marketplaceModule],
  database: {
    dialect: process.env.ORION_TEST_DATABASE_DIALECT as TestDialect,
    url: process.env.ORION_TEST_DATABASE_URL!,
    drop: async () => {},
  },
  env: process.env,
  migrate: false,
});

const feedHeader = 'id\ttitle\tprice\tquantity\n';
const feedRow = (index: number) => `P-${index}\tProduct ${index}\t${(index % 50) + 1}.99 EUR\t${index % 7}\n`;

try {
  if (mode === 'import') {
    const [storeId, rows, pauseAfter] = args.map(Number) as [number, number, number];
    const marketplace = new MarketplaceService(host.db, host.orion.services, {
      leaseSeconds: Number(process.env.MARKETPLACE_LEASE_SECONDS ?? 30),
    });
    async function* feed() {
      yield feedHeader;
      for (let index = 1; index <= rows; index++) {
        if (index === pauseAfter + 1) {
          const [job] = await marketplace.listImportJobs(storeId, { limit: 1 });
          await send({ type: 'paused', jobId: job!.id });
          await nextMessage();
        }
        yield feedRow(index);
      }
    }
    const job = await marketplace.importFeed({ storeId, source: 'second-process.tsv', feed: feed() });
    await send({ type: 'done', job });
  } else if (mode === 'upload') {
    const [platformId, storeId, pauseAfterBytes] = args.map(Number) as [number, number, number];
    const encoder = new TextEncoder();
    let sent = 0;
    let index = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent >= pauseAfterBytes) {
          await send({ type: 'paused' });
          await new Promise(() => {}); // until killed
        }
        const chunk = encoder.encode((index === 0 ? feedHeader : '') + feedRow(++index));
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const handler = host.orion.createRequestHandler({
      resolveContext: () => ({ platformId, storeId, permissions: ['marketplace.imports.create'] }),
    });
    const response = await handler(
      new Request('http://orion.test/api/v1/store/marketplace/imports?source=killed.tsv', {
        method: 'POST',
        body,
        duplex: 'half',
      }),
    );
    await send({ type: 'done', status: response.status });
  } else if (mode === 'start') {
    await send({ type: 'started' });
  } else {
    throw new Error(`unknown mode "${mode}"`);
  }
} finally {
  await host.stop();
}
