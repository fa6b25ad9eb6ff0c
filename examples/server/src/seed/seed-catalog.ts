/**
 * Seeds the catalog: every store's products from the demo plan, through `CatalogService`, one
 * transaction per store.
 */
import { isOrionError } from '@orion/core';
import { CatalogService } from '@orion/catalog';
import type { DemoProduct } from './demo-products.js';
import type { DemoStore } from './demo-stores.js';
import { count, elapsed, type SeedContext } from './seed-context.js';

/**
 * Creates the planned products of each store that has none of them yet (a store's products are
 * written in one transaction, so a store has all of them or none). Returns how many it created.
 */
export async function seedCatalog(
  { orion, log }: SeedContext,
  stores: readonly DemoStore[],
  products: ReadonlyMap<number, DemoProduct[]>,
): Promise<number> {
  const started = performance.now();
  const catalog = new CatalogService(orion.db);
  let created = 0;
  let inactive = 0;
  let featured = 0;
  let skipped = 0;
  for (const store of stores) {
    const planned = products.get(store.id) ?? [];
    if (planned.length === 0 || (await hasProduct(catalog, store.id, planned[0]!.sku))) {
      skipped++;
      continue;
    }
    await orion.db.transaction().execute(async (trx) => {
      const writer = new CatalogService(trx);
      for (const product of planned) {
        await writer.createProduct({
          storeId: store.id,
          sku: product.sku,
          title: product.title,
          price: product.price,
          currency: store.defaultCurrency,
          isActive: product.isActive,
          isFeatured: product.isFeatured,
        });
      }
    });
    created += planned.length;
    inactive += planned.filter((product) => !product.isActive).length;
    featured += planned.filter((product) => product.isFeatured).length;
  }
  if (created === 0) log(`  catalog: every store has its products already`);
  else {
    const reused = skipped > 0 ? `; ${skipped} stores had theirs already` : '';
    log(
      `  catalog: ${count(created)} products in ${stores.length - skipped} stores, ${inactive} inactive, ${featured} featured${reused} (${elapsed(started)})`,
    );
  }
  return created;
}

async function hasProduct(catalog: CatalogService, storeId: number, sku: string): Promise<boolean> {
  try {
    await catalog.getProductBySku(storeId, sku);
    return true;
  } catch (error) {
    if (isOrionError(error, 'ORION_ERR_NOT_FOUND')) return false;
    throw error;
  }
}
