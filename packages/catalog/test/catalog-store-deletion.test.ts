/**
 * Deleting a store, a merchant's stores or a platform keeps every catalog dashboard exact (issue 12):
 * the store's products, its `catalog_store_totals` row and its memberships go by cascades, in any
 * order, and its products leave the platform rollups exactly once. See `describeStoreDeletion`.
 */
import { expectedTrend } from '../../../test/support/metric-oracle.js';
import { describeStoreDeletion } from '../../../test/support/store-deletion.js';
import { catalogModule } from '../src/index.js';

const DAY = 86_400_000;

interface Product {
  storeId: number;
  createdAt: number;
  isActive: boolean;
  isFeatured: boolean;
}

describeStoreDeletion('catalog store deletion', () => {
  const products = new Map<number, Product>();
  return {
    modules: [catalogModule],
    category: 'catalog',
    rollupTables: ['catalog_store_totals', 'catalog_platform_daily_totals', 'catalog_platform_totals'],
    cascadeTables: ['products', 'catalog_store_totals'],
    async seed(db, fixture, random, now) {
      let serial = 0;
      for (const store of fixture.stores) {
        const rows = Array.from({ length: random.int(3, 8) }, () => ({
          store_id: store.id,
          sku: `P-${++serial}`,
          title: 'Product',
          price: random.int(0, 9_999),
          currency: 'EUR',
          is_active: random.chance(0.7),
          is_featured: random.chance(0.4),
          created_at: new Date(now - random.int(0, 25 * DAY)).toISOString(),
          updated_at: new Date(now).toISOString(),
        }));
        const inserted = await db.insertInto('products').values(rows).returning('id').execute();
        inserted.forEach(({ id }, index) => {
          const row = rows[index]!;
          products.set(Number(id), {
            storeId: store.id,
            createdAt: Date.parse(row.created_at),
            isActive: row.is_active,
            isFeatured: row.is_featured,
          });
        });
      }
    },
    forgetStore(storeId) {
      for (const [id, product] of products) if (product.storeId === storeId) products.delete(id);
    },
    expected: (window) => (storeIds) => {
      const mine = [...products.values()].filter((p) => storeIds.has(p.storeId));
      const between = (from: number, to: number) => mine.filter((p) => p.createdAt >= from && p.createdAt < to).length;
      const [from, to] = [window.dateFrom.getTime(), window.dateTo.getTime()];
      const current = between(from, to);
      return [
        { key: 'catalog.products', value: mine.length },
        { key: 'catalog.active_products', value: mine.filter((p) => p.isActive).length },
        { key: 'catalog.featured_products', value: mine.filter((p) => p.isActive && p.isFeatured).length },
        { key: 'catalog.new_products', value: current, ...expectedTrend(current, between(from - (to - from), from)) },
      ];
    },
    rebuild: (db) => catalogModule.rebuild!({ db }),
  };
});
