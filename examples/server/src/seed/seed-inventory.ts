/**
 * Seeds inventory: stock of every planned product in two or three locations per store, through
 * `InventoryService`, one transaction per store, with some items low and some out of stock.
 */
import { isOrionError } from '@orion/core';
import { InventoryService } from '@orion/inventory';
import type { DemoProduct } from './demo-products.js';
import type { DemoStore } from './demo-stores.js';
import { count, elapsed, type SeedContext } from './seed-context.js';
import { seededRandom, type SeededRandom } from '@orion/testing';

/** Every store keeps its stock here first. */
const warehouse = 'central-warehouse';

/** The locations of a store: the warehouse, the shop floor of a shop, a fulfilment partner for the web shop and some shops. */
function locationsOf(store: DemoStore, random: SeededRandom): string[] {
  if (store.code.endsWith('-online')) return [warehouse, 'fulfilment-partner'];
  return random.chance(0.3) ? [warehouse, 'shop-floor', 'fulfilment-partner'] : [warehouse, 'shop-floor'];
}

/** On-hand units and the low-stock threshold of one item. */
function stockOf(
  product: DemoProduct,
  location: string,
  random: SeededRandom,
): { quantity: number; lowStockThreshold: number } {
  const threshold = location === warehouse ? 10 : location === 'shop-floor' ? 3 : 6;
  if (!product.isActive) return { quantity: location === warehouse ? random.int(0, 2) : 0, lowStockThreshold: 0 };
  const roll = random.next();
  if (roll < 0.05) return { quantity: 0, lowStockThreshold: threshold };
  if (roll < 0.14) return { quantity: random.int(1, threshold), lowStockThreshold: threshold };
  const depth = location === warehouse ? 400 : location === 'shop-floor' ? 25 : 150;
  const quantity =
    threshold + 1 + Math.round(depth * product.popularity * (0.3 + random.next() * 1.2) + random.int(0, depth / 10));
  return { quantity, lowStockThreshold: threshold };
}

/**
 * Sets the stock of each store whose first planned product has no warehouse item yet (a store's
 * stock is written in one transaction). Returns how many items it wrote.
 */
export async function seedInventory(
  { orion, log }: SeedContext,
  stores: readonly DemoStore[],
  products: ReadonlyMap<number, DemoProduct[]>,
): Promise<number> {
  const started = performance.now();
  const inventory = new InventoryService(orion.db);
  let written = 0;
  let low = 0;
  let out = 0;
  const locations = new Set<string>();
  for (const store of stores) {
    const planned = products.get(store.id) ?? [];
    if (planned.length === 0 || (await hasItem(inventory, store.id, planned[0]!.sku))) continue;
    const random = seededRandom(`inventory:${store.code}`);
    const places = locationsOf(store, random);
    await orion.db.transaction().execute(async (trx) => {
      const writer = new InventoryService(trx);
      for (const product of planned) {
        for (const location of places) {
          // Every product is in the warehouse; most are on the shelves elsewhere too.
          if (location !== warehouse && (!product.isActive || random.chance(0.3))) continue;
          const stock = stockOf(product, location, random);
          await writer.setStock({ storeId: store.id, sku: product.sku, location, ...stock });
          written++;
          locations.add(location);
          if (stock.quantity <= 0) out++;
          else if (stock.quantity <= stock.lowStockThreshold) low++;
        }
      }
    });
  }
  if (written === 0) log('  inventory: every store has its stock already');
  else
    log(
      `  inventory: ${count(written)} stock items in ${locations.size} kinds of location, ${low} low on stock, ${out} out of stock (${elapsed(started)})`,
    );
  return written;
}

async function hasItem(inventory: InventoryService, storeId: number, sku: string): Promise<boolean> {
  try {
    await inventory.getItem({ storeId, sku, location: warehouse });
    return true;
  } catch (error) {
    if (isOrionError(error, 'ORION_ERR_NOT_FOUND')) return false;
    throw error;
  }
}
