/**
 * The demo seed: a believable year of a multi-tenant shop, written through the modules' own
 * services, for every installed module. Each step writes only what its module is missing, so a
 * second start writes nothing and a start interrupted half-way is completed by the next one.
 */
import { TenancyService, type Orion } from '@orion/core';
import { planOrders } from './demo-orders.js';
import { planProducts } from './demo-products.js';
import { readDemoStores } from './demo-stores.js';
import { elapsed, type SeedContext } from './seed-context.js';
import { seedCatalog } from './seed-catalog.js';
import { seedCms } from './seed-cms.js';
import { seedInventory } from './seed-inventory.js';
import { seedMarketplace } from './seed-marketplace.js';
import { seedOrders } from './seed-orders.js';
import { seedTenancy } from './seed-tenancy.js';

/** Options of {@link seedDemo}. */
export interface SeedOptions {
  /** Progress lines, a few per step. Default: none. */
  log?: (line: string) => void;
  /** How big the demo is: 1 (the default) for ~40,000 orders and ~1,500 products; tests pass e.g. 0.05. */
  scale?: number;
}

/** What the seed made, for the demo to show. */
export interface DemoData {
  /** false when the database already held the demo and nothing was written */
  seeded: boolean;
  platforms: { id: number; code: string; name: string }[];
  /**
   * Every store, by id, inactive ones and ones on no platform included; `platformIds` are the
   * platforms where the store has an active membership, `ownerUserId` its owner (0 if it has none).
   */
  stores: {
    id: number;
    code: string;
    name: string;
    merchantName: string;
    platformIds: number[];
    ownerUserId: number;
  }[];
}

/**
 * Seeds the demo, module by module, for the modules the app has installed:
 *
 * - tenancy: 2 platforms, 6 merchants, 35 stores in EUR, CHF and GBP (some on both platforms, a
 *   few memberships and stores inactive), owners, teams and domains;
 * - catalog: ~1,500 × scale products, some inactive, some featured;
 * - inventory: their stock in two or three locations per store, some low and some out of stock;
 * - orders: ~40,000 × scale orders over the past 365 days, items of the stores' products; with
 *   customers installed, each order records its customer (regulars order in many months), so
 *   new, active and returning customers are the orders' own;
 * - marketplace: imports of `data/sample-feed.csv` (with a few bad rows), some published;
 * - cms: a few pages per store and per platform (some drafts), PNG logos and banners for some
 *   stores, a theme for about one store in three.
 *
 * The data is the same on every run (seeded randomness), except that the year of orders ends at
 * the moment of seeding.
 *
 * @example
 * ```ts
 * import { createOrion } from '@orion/core';
 * import { seedDemo } from './seed/seed-demo.js';
 *
 * const orion = await createOrion({ database: 'sqlite:orion-demo.db' });
 * const demo = await seedDemo(orion, { log: (line) => console.log(line) });
 * demo.stores.find((store) => store.platformIds.length > 1); // a store on both platforms
 * ```
 */
export async function seedDemo(orion: Orion, options: SeedOptions = {}): Promise<DemoData> {
  const log = options.log ?? (() => {});
  const scale = options.scale ?? 1;
  if (!Number.isFinite(scale) || scale <= 0 || scale > 10)
    throw new RangeError(`scale must be above 0 and at most 10, not ${scale}`);
  const context: SeedContext = { orion, log, scale, now: new Date() };
  const started = performance.now();
  const installed = (code: string) => orion.registry.has(code);

  let seeded = await seedTenancy(context);
  const platforms = (await new TenancyService(orion.db).listPlatforms()).map(({ id, code, name }) => ({
    id,
    code,
    name,
  }));
  const stores = await readDemoStores(orion, context.now);
  const products = planProducts(stores, scale);
  if (installed('catalog') && (await seedCatalog(context, stores, products)) > 0) seeded = true;
  if (installed('inventory') && (await seedInventory(context, stores, products)) > 0) seeded = true;
  if (installed('orders') && (await seedOrders(context, stores, planOrders(stores, products, scale, context.now))) > 0)
    seeded = true;
  const letzshop = platforms.find((platform) => platform.code === 'letzshop');
  if (installed('marketplace') && (await seedMarketplace(context, stores, letzshop?.id)) > 0) seeded = true;
  if (installed('cms') && (await seedCms(context, stores, platforms)) > 0) seeded = true;

  // test/demo.test.ts looks for "reusing it".
  log(seeded ? `  demo seeded in ${elapsed(started)}` : '  the database already holds the demo: reusing it');
  return {
    seeded,
    platforms,
    stores: stores.map(({ id, code, name, merchantName, platformIds, ownerUserId }) => ({
      id,
      code,
      name,
      merchantName,
      platformIds,
      ownerUserId,
    })),
  };
}
