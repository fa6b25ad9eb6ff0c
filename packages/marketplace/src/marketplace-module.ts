import { databaseType, defineModule } from '@orion/contracts';
import packageJson from '../package.json' with { type: 'json' };
import { importFeedTask } from './import-feed-task.js';
import { marketplaceConfigSchema } from './marketplace-config.js';
import { marketplaceRoutes } from './marketplace-routes.js';
import { startImportRecovery, stopImportRecovery } from './import-recovery.js';
import { de } from './messages/de.js';
import { en } from './messages/en.js';
import { fr } from './messages/fr.js';
import { lb } from './messages/lb.js';
import { marketplace001CreateTables } from './migrations/marketplace-001-create-tables.js';
import { marketplace002ImportLeases } from './migrations/marketplace-002-import-leases.js';
import { marketplace003StagedTotals } from './migrations/marketplace-003-staged-totals.js';
import { marketplace004PlatformRollups } from './migrations/marketplace-004-platform-rollups.js';
import { marketplace005StoreDeletion } from './migrations/marketplace-005-store-deletion.js';
import type { MarketplaceDatabase } from './schema.js';

/**
 * The marketplace module: imports a store's marketplace product feed into staging and publishes
 * it into inventory (which it requires) and into the catalog where that is installed and enabled,
 * through their service contracts.
 *
 * Store routes at `/api/v1/store/marketplace/…` upload a feed (streamed to `uploadDir`, then
 * imported by the `import-feed` task), list import jobs, show one with its row errors, and publish.
 * Configuration: `MARKETPLACE_UPLOAD_DIR` (default: beside the SQLite file, or per PostgreSQL
 * database), `MARKETPLACE_MAX_FEED_BYTES` (default 1 GiB) and `MARKETPLACE_LEASE_SECONDS` (default 30).
 *
 * @example
 * ```ts
 * // package.json of @orion/marketplace: "orion": { "module": "./dist/index.js", "export": "marketplaceModule" }
 * import { marketplaceModule } from '@orion/marketplace';
 * marketplaceModule.requires; // ['inventory']
 * ```
 */
export const marketplaceModule = defineModule({
  code: 'marketplace',
  name: 'Marketplace',
  description: 'Imports marketplace product feeds into staging and publishes them into inventory and the catalog.',
  version: packageJson.version,
  requires: ['inventory'],
  features: ['feed-import', 'staging', 'publish'],
  permissions: [
    { code: 'marketplace.imports.view', label: 'View feed imports and their row errors' },
    { code: 'marketplace.imports.create', label: 'Upload product feeds' },
    { code: 'marketplace.products.publish', label: 'Publish or reject staged products' },
  ],
  menuItems: [
    {
      id: 'marketplace.imports',
      frontend: 'store',
      label: 'Marketplace imports',
      path: '/marketplace/imports',
      icon: 'upload',
      order: 50,
      permission: 'marketplace.imports.view',
    },
    {
      id: 'marketplace.overview',
      frontend: 'admin',
      label: 'Marketplace',
      path: '/marketplace',
      icon: 'upload',
      order: 50,
      permission: 'marketplace.imports.view',
    },
  ],
  database: databaseType<MarketplaceDatabase>(),
  config: { schema: marketplaceConfigSchema, envPrefix: 'MARKETPLACE_' },
  migrations: {
    marketplace_001_create_tables: marketplace001CreateTables,
    marketplace_002_import_leases: marketplace002ImportLeases,
    marketplace_003_staged_totals: marketplace003StagedTotals,
    marketplace_004_platform_rollups: marketplace004PlatformRollups,
    marketplace_005_store_deletion: marketplace005StoreDeletion,
  },
  metricsProvider: async () => new (await import('./marketplace-metrics-provider.js')).MarketplaceMetricsProvider(),
  // `orion rebuild marketplace`: the triggers keep the staged totals and the platform rollups exact;
  // this is the repair tool.
  rebuild: async ({ db }) => {
    await (await import('./marketplace-staged-totals.js')).rebuildMarketplaceStagedTotals(db);
    await (await import('./migrations/marketplace-004-platform-rollups.js')).rebuildMarketplacePlatformRollups(db);
  },
  routes: marketplaceRoutes,
  tasks: [importFeedTask],
  messages: { en, de, fr, lb },
  // only jobs whose lease ran out: another live process's upload or import is never touched
  onStartup: ({ db, logger, config }) => startImportRecovery({ db, logger, leaseSeconds: config.leaseSeconds }),
  onShutdown: ({ db }) => stopImportRecovery(db),
});
