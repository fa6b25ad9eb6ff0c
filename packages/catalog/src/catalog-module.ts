import { catalogProductWriterRef, databaseType, defineModule, provideService } from '@orion/contracts';
import packageJson from '../package.json' with { type: 'json' };
import { CatalogProductWriterService } from './catalog-product-writer-service.js';
import { catalogPermissions, catalogRoutes } from './catalog-routes.js';
import { de } from './messages/de.js';
import { en } from './messages/en.js';
import { fr } from './messages/fr.js';
import { lb } from './messages/lb.js';
import { catalog001CreateTables } from './migrations/catalog-001-create-tables.js';
import { catalog002CreateStoreTotals } from './migrations/catalog-002-create-store-totals.js';
import { catalog003StoreTotalsTriggers } from './migrations/catalog-003-store-totals-triggers.js';
import { catalog004PlatformRollups } from './migrations/catalog-004-platform-rollups.js';
import { catalog005StoreDeletion } from './migrations/catalog-005-store-deletion.js';
import type { CatalogDatabase } from './schema.js';

/**
 * The catalog module: the products each store sells, with SKU, title, price and the active and
 * featured flags. Optional; requires `tenancy`.
 *
 * Use {@link CatalogService} to manage products; stores manage their own over HTTP through the
 * module's store routes (`/api/v1/store/catalog/products…`, see the README). Other modules write products through the service
 * it provides under `catalogProductWriterRef` (from `@orion/contracts`), which the host hands out
 * only on platforms where the catalog is enabled. Its metrics provider fills the `catalog`
 * category on both dashboards (see the README for the definitions).
 *
 * @example
 * ```ts
 * // package.json of @orion/catalog: "orion": { "module": "./dist/index.js", "export": "catalogModule" }
 * import { createOrion } from '@orion/core';
 * import { catalogModule } from '@orion/catalog';
 * const orion = await createOrion({ modules: [catalogModule] });
 * Object.keys(catalogModule.migrations); // ['catalog_001_create_tables', 'catalog_002_create_store_totals', 'catalog_003_store_totals_triggers', 'catalog_004_platform_rollups', 'catalog_005_store_deletion']
 * ```
 */
export const catalogModule = defineModule({
  code: 'catalog',
  name: 'Catalog',
  description:
    'Products of each store: SKU, title, price, active and featured flags; a product writer for other modules.',
  version: packageJson.version,
  requires: ['tenancy'],
  database: databaseType<CatalogDatabase>(),
  permissions: [
    { code: catalogPermissions.view, label: en['permission.catalog.products.view'] },
    {
      code: catalogPermissions.manage,
      label: en['permission.catalog.products.manage'],
      description: 'Create products, change their title, SKU and price, activate, deactivate and feature them.',
    },
  ],
  menuItems: [
    {
      id: 'catalog.products',
      frontend: 'store',
      label: en['menu.catalog.products'],
      path: '/catalog/products',
      icon: 'package',
      order: 30,
      permission: catalogPermissions.view,
    },
  ],
  routes: catalogRoutes,
  messages: { en, de, fr, lb },
  migrations: {
    catalog_001_create_tables: catalog001CreateTables,
    catalog_002_create_store_totals: catalog002CreateStoreTotals,
    catalog_003_store_totals_triggers: catalog003StoreTotalsTriggers,
    catalog_004_platform_rollups: catalog004PlatformRollups,
    catalog_005_store_deletion: catalog005StoreDeletion,
  },
  metricsProvider: async () => new (await import('./catalog-metrics-provider.js')).CatalogMetricsProvider(),
  // `orion rebuild catalog`: the triggers keep the per-store totals and the platform rollups exact;
  // this is the repair tool.
  rebuild: async ({ db }) => {
    await (await import('./catalog-store-totals.js')).rebuildCatalogStoreTotals(db);
    await (await import('./migrations/catalog-004-platform-rollups.js')).rebuildCatalogPlatformRollups(db);
  },
  provides: [provideService(catalogProductWriterRef, () => new CatalogProductWriterService())],
});
