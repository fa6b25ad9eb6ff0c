import { databaseType, defineModule, inventoryStockWriterRef, provideService } from '@orion/contracts';
import packageJson from '../package.json' with { type: 'json' };
import { inventoryRoutes } from './inventory-routes.js';
import { InventoryStockWriterService } from './inventory-stock-writer-service.js';
import { de } from './messages/de.js';
import { en } from './messages/en.js';
import { fr } from './messages/fr.js';
import { lb } from './messages/lb.js';
import { inventory001CreateTables } from './migrations/inventory-001-create-tables.js';
import { inventory002CreateStoreTotals } from './migrations/inventory-002-create-store-totals.js';
import { inventory003StoreTotalsTriggers } from './migrations/inventory-003-store-totals-triggers.js';
import { inventory004PlatformTotals } from './migrations/inventory-004-platform-totals.js';
import { inventory005SeekTriggers } from './migrations/inventory-005-seek-triggers.js';
import type { InventoryDatabase } from './schema.js';

/**
 * The inventory module: stock per store, SKU and location, with reservations and low-stock
 * thresholds. Optional; requires tenancy.
 *
 * Use {@link InventoryService} to set, adjust, reserve and read stock, the store routes at
 * `/api/v1/store/inventory/items` (list, set and adjust stock), the `inventory.*` metrics of its
 * metrics provider on the dashboards (see the README for their definitions), and, from other
 * modules, the stock writer it provides under `inventoryStockWriterRef` from `@orion/contracts`.
 *
 * @example
 * ```ts
 * // package.json of @orion/inventory: "orion": { "module": "./dist/index.js", "export": "inventoryModule" }
 * import { inventoryModule } from '@orion/inventory';
 * inventoryModule.code; // 'inventory'
 * Object.keys(inventoryModule.migrations); // ['inventory_001_create_tables', 'inventory_002_create_store_totals', 'inventory_003_store_totals_triggers', 'inventory_004_platform_totals', 'inventory_005_seek_triggers']
 * ```
 */
export const inventoryModule = defineModule({
  code: 'inventory',
  name: 'Inventory',
  description: 'Stock per SKU and location: set, adjust and reserve it, with low-stock and out-of-stock metrics.',
  version: packageJson.version,
  requires: ['tenancy'],
  database: databaseType<InventoryDatabase>(),
  permissions: [
    { code: 'inventory.stock.view', label: 'View stock levels' },
    {
      code: 'inventory.stock.manage',
      label: 'Manage stock levels',
      description: 'Set and adjust on-hand quantities and low-stock thresholds.',
    },
    { code: 'inventory.reservations.manage', label: 'Reserve and release stock for orders' },
  ],
  menuItems: [
    {
      id: 'inventory.items',
      frontend: 'store',
      label: 'Inventory',
      path: '/inventory',
      icon: 'package',
      order: 40,
      permission: 'inventory.stock.view',
    },
  ],
  migrations: {
    inventory_001_create_tables: inventory001CreateTables,
    inventory_002_create_store_totals: inventory002CreateStoreTotals,
    inventory_003_store_totals_triggers: inventory003StoreTotalsTriggers,
    inventory_004_platform_totals: inventory004PlatformTotals,
    inventory_005_seek_triggers: inventory005SeekTriggers,
  },
  routes: inventoryRoutes,
  messages: { en, de, fr, lb },
  metricsProvider: async () => new (await import('./inventory-metrics-provider.js')).InventoryMetricsProvider(),
  // `orion rebuild inventory`: the triggers keep the per-store and per-platform totals exact; this is
  // the repair tool (the platform rows are summed from the store rows, so those go first).
  rebuild: async ({ db }) => {
    await (await import('./inventory-store-totals.js')).rebuildInventoryStoreTotals(db);
    await (await import('./migrations/inventory-004-platform-totals.js')).rebuildInventoryPlatformTotals(db);
  },
  provides: [provideService(inventoryStockWriterRef, () => new InventoryStockWriterService())],
});
