/**
 * Seeds the marketplace: real imports of `data/sample-feed.csv` (which has a few bad rows on
 * purpose) through `MarketplaceService`, for three stores on the Letzshop platform; some imports
 * are published into inventory and the catalog, some left in staging with a few rows rejected,
 * and one upload of the wrong file fails.
 */
import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MarketplaceService, type FeedSource, type ImportJob } from '@orion/marketplace';
import type { DemoStore } from './demo-stores.js';
import { elapsed, type SeedContext } from './seed-context.js';

/** The sample feed: a Luxembourg delicatessen's product feed in the common merchant-feed shape. */
export const sampleFeedFile = fileURLToPath(new URL('../../data/sample-feed.csv', import.meta.url));

/** What a merchant uploads by mistake: a spreadsheet export without the feed's columns. */
const wrongFile = 'Article;Designation;Stock\nML-0001;Riesling Grand Premier Cru;12\nML-0002;Crémant brut;30\n';

/**
 * Imports the sample feed for up to three active euro stores on the platform `letzshop` (the
 * delicatessen's stores first), skipping stores that have import jobs already. Returns how many
 * import jobs it ran.
 */
export async function seedMarketplace(
  { orion, log }: SeedContext,
  stores: readonly DemoStore[],
  letzshopId: number | undefined,
): Promise<number> {
  if (letzshopId === undefined || !(await orion.modules.isEnabled(letzshopId, 'marketplace'))) {
    log('  marketplace: not enabled on the Letzshop platform: no imports');
    return 0;
  }
  const started = performance.now();
  const marketplace = new MarketplaceService(orion.db, orion.services);
  const importers = stores
    .filter((store) => store.isActive && store.defaultCurrency === 'EUR' && store.platformIds.includes(letzshopId))
    .sort(
      (a, b) =>
        Number(b.merchantName === 'Maison Lëtzebuerg') - Number(a.merchantName === 'Maison Lëtzebuerg') ||
        b.weight - a.weight,
    )
    .slice(0, 3);
  const waiting: DemoStore[] = [];
  for (const store of importers) {
    if ((await marketplace.listImportJobs(store.id, { limit: 1 })).length === 0) waiting.push(store);
  }
  if (waiting.length === 0) {
    log('  marketplace: the importing stores have their import jobs already');
    return 0;
  }
  const canPublish = await orion.modules.isEnabled(letzshopId, 'inventory');
  const jobs: ImportJob[] = [];
  let published = 0;
  let rejected = 0;
  const run = async (store: DemoStore, source: string, feed: FeedSource = createReadStream(sampleFeedFile)) => {
    const job = await marketplace.importFeed({ storeId: store.id, source, feed });
    jobs.push(job);
    return job;
  };
  const publish = async (store: DemoStore, job: ImportJob) => {
    if (canPublish)
      published += (await marketplace.publish({ storeId: store.id, platformId: letzshopId, importJobId: job.id }))
        .published;
  };
  const scenarios: ((store: DemoStore) => Promise<void>)[] = [
    // October's feed is published; November's waits in review, where four rows were turned down.
    async (store) => {
      await publish(store, await run(store, 'letzshop-feed-october.csv'));
      await run(store, 'letzshop-feed-november.csv');
      const staged = await marketplace.listStagedProducts(store.id, { limit: 4 });
      if (staged.length > 0)
        rejected += await marketplace.rejectStagedProducts(
          store.id,
          staged.map((product) => product.id),
        );
    },
    async (store) => publish(store, await run(store, 'letzshop-feed.csv')),
    // A spreadsheet export uploaded by mistake fails; the feed itself waits in review.
    async (store) => {
      await run(store, 'article-export.csv', [wrongFile]);
      await run(store, 'letzshop-feed.csv');
    },
  ];
  for (const [index, store] of importers.entries()) {
    if (waiting.includes(store)) await scenarios[index]!(store);
  }
  const completed = jobs.filter((job) => job.status === 'completed');
  const badRows = completed.reduce((sum, job) => sum + job.errorRows, 0);
  const failed = jobs.length - completed.length;
  log(
    `  marketplace: ${jobs.length} import jobs for ${waiting.length} stores: ${completed.length} completed with ${badRows} bad rows, ` +
      `${failed} failed; ${published} products published, ${rejected} rejected in review (${elapsed(started)})`,
  );
  return jobs.length;
}
