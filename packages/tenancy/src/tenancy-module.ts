import { databaseType, defineModule } from '@orion/contracts';
import packageJson from '../package.json' with { type: 'json' };
import { de } from './messages/de.js';
import { en } from './messages/en.js';
import { fr } from './messages/fr.js';
import { lb } from './messages/lb.js';
import { tenancy001CreateTables } from './migrations/tenancy-001-create-tables.js';
import { tenancy002PlatformTeamMembers } from './migrations/tenancy-002-platform-team-members.js';
import { tenancy003StoreDeletion } from './migrations/tenancy-003-store-deletion.js';
import { tenancy004PlatformStores } from './migrations/tenancy-004-platform-stores.js';
import type { TenancyDatabase } from './schema.js';

/**
 * The tenancy module: platforms, merchants, stores and their platform memberships, users, store
 * teams and store domains. A core module, so it is always enabled and every other module may
 * require it.
 *
 * Use {@link TenancyService} to change tenancy data, {@link activeStoreIdsInPlatform} to scope a
 * module's own platform metrics to the platform's stores, and the `tenancy.*` metrics of
 * its metrics provider on the dashboards (see the README for their definitions). Its permissions,
 * its admin menu item (**Stores**) and its metrics are labelled in English, German, French and
 * Luxembourgish.
 *
 * @example
 * ```ts
 * // package.json of @orion/tenancy: "orion": { "module": "./dist/index.js", "export": "tenancyModule" }
 * import { tenancyModule } from '@orion/tenancy';
 * tenancyModule.code; // 'tenancy'
 * Object.keys(tenancyModule.migrations); // ['tenancy_001_create_tables', 'tenancy_002_platform_team_members', 'tenancy_003_store_deletion', 'tenancy_004_platform_stores']
 * ```
 */
export const tenancyModule = defineModule({
  code: 'tenancy',
  name: 'Tenancy',
  description: 'Platforms, merchants, stores and their platform memberships, users, store teams and domains.',
  version: packageJson.version,
  isCore: true,
  database: databaseType<TenancyDatabase>(),
  permissions: [
    { code: 'tenancy.platforms.view', label: en['permission.tenancy.platforms.view'] },
    { code: 'tenancy.platforms.manage', label: en['permission.tenancy.platforms.manage'] },
    { code: 'tenancy.stores.view', label: en['permission.tenancy.stores.view'] },
    {
      code: 'tenancy.stores.manage',
      label: en['permission.tenancy.stores.manage'],
      description: 'Create stores, activate or deactivate them, add them to or remove them from platforms.',
    },
    {
      code: 'tenancy.team.manage',
      label: en['permission.tenancy.team.manage'],
      description: 'Add users to a store, change roles, remove them.',
    },
    {
      code: 'tenancy.domains.manage',
      label: en['permission.tenancy.domains.manage'],
      description: 'Add domains to a store and verify them.',
    },
  ],
  menuItems: [
    {
      id: 'tenancy.stores',
      frontend: 'admin',
      label: en['menu.tenancy.stores'],
      path: '/stores',
      icon: 'store',
      order: 10,
      permission: 'tenancy.stores.view',
    },
  ],
  messages: { en, de, fr, lb },
  migrations: {
    tenancy_001_create_tables: tenancy001CreateTables,
    tenancy_002_platform_team_members: tenancy002PlatformTeamMembers,
    tenancy_003_store_deletion: tenancy003StoreDeletion,
    tenancy_004_platform_stores: tenancy004PlatformStores,
  },
  metricsProvider: async () => new (await import('./tenancy-metrics-provider.js')).TenancyMetricsProvider(),
  // `orion rebuild tenancy`: the triggers keep the per-platform team members and stores exact; this
  // is the repair tool.
  rebuild: async ({ db }) => {
    await (await import('./platform-team-members.js')).rebuildPlatformTeamMembers(db);
    await (await import('./platform-stores.js')).rebuildPlatformStores(db);
  },
});
