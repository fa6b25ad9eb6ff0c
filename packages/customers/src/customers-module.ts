import { customerActivityRecorderRef, databaseType, defineModule } from '@orion/contracts';
import packageJson from '../package.json' with { type: 'json' };
import { customerCreatedEventSchema } from './customer-created-event.js';
import { customersConfigSchema } from './customers-config.js';
import { customersErrors } from './customers-errors.js';
import { customersKit } from './customers-kit.js';
import { customersPermissions, customersRoutes } from './customers-routes.js';
import { CustomersService } from './customers-service.js';
import { de } from './messages/de.js';
import { en } from './messages/en.js';
import { fr } from './messages/fr.js';
import { lb } from './messages/lb.js';
import { customers001CreateTables } from './migrations/customers-001-create-tables.js';
import { customers002FirstOrderIndex } from './migrations/customers-002-first-order-index.js';
import { customers003StoreTotals } from './migrations/customers-003-store-totals.js';
import { customers004ActivityPrevious } from './migrations/customers-004-activity-previous.js';
import { customers005PlatformRollups } from './migrations/customers-005-platform-rollups.js';
import { customers006SeekTriggers } from './migrations/customers-006-seek-triggers.js';
import type { CustomersDatabase } from './schema.js';

/**
 * The customers module: a store's customers (unique e-mail per store, profile, active or not) and
 * their order activity, managed with {@link CustomersService}, served by its routes (the store's own
 * customers on the store frontend, a platform store's customers on the admin frontend), and the
 * `customers.*` metrics on the store and platform-admin dashboards (see the README for their
 * definitions). It provides `customerActivityRecorderRef` (from `@orion/contracts`), through which
 * an orders module records each placed order without importing this package. A core module: always
 * enabled where installed; it requires tenancy only.
 *
 * @example
 * ```ts
 * // package.json of @orion/customers: "orion": { "module": "./dist/index.js", "export": "customersModule" }
 * import { createOrion } from '@orion/core';
 * import { customersModule } from '@orion/customers';
 * const orion = await createOrion({ modules: [customersModule] });
 * Object.keys(customersModule.migrations); // ['customers_001_create_tables', 'customers_002_first_order_index', 'customers_003_store_totals', 'customers_004_activity_previous', 'customers_005_platform_rollups', 'customers_006_seek_triggers']
 * ```
 */
export const customersModule = defineModule({
  code: 'customers',
  name: 'Customers',
  description: 'A store’s customers, their profiles and order activity, and customer metrics.',
  version: packageJson.version,
  isCore: true,
  requires: ['tenancy'],
  database: databaseType<CustomersDatabase>(),
  config: {
    schema: customersConfigSchema,
    envPrefix: 'CUSTOMERS_',
    defaults: { pageSize: 50 },
  },
  permissions: [
    {
      code: customersPermissions.view,
      label: en['permission.customers.view'],
      description: 'See a store’s customers.',
    },
    {
      code: customersPermissions.manage,
      label: en['permission.customers.manage'],
      description: 'Add, change and deactivate a store’s customers.',
    },
    {
      code: customersPermissions.platformView,
      label: en['permission.customers.platform.view'],
      description: 'On the admin frontend: list the customers of any store on the platform.',
    },
  ],
  menuItems: [
    {
      id: 'customers.list',
      frontend: 'store',
      label: en['menu.customers.list'],
      path: '/customers',
      icon: 'users',
      order: 25,
      permission: customersPermissions.view,
    },
    {
      id: 'customers.store-customers',
      frontend: 'admin',
      label: en['menu.customers.store-customers'],
      path: '/customers',
      icon: 'users',
      order: 35,
      permission: customersPermissions.platformView,
    },
  ],
  routes: customersRoutes,
  messages: { en, de, fr, lb },
  errors: customersErrors,
  events: { 'customers.created': customerCreatedEventSchema },
  provides: [
    customersKit.provideService(customerActivityRecorderRef, ({ db, events }) => new CustomersService(db, { events })),
  ],
  migrations: {
    customers_001_create_tables: customers001CreateTables,
    customers_002_first_order_index: customers002FirstOrderIndex,
    customers_003_store_totals: customers003StoreTotals,
    customers_004_activity_previous: customers004ActivityPrevious,
    customers_005_platform_rollups: customers005PlatformRollups,
    customers_006_seek_triggers: customers006SeekTriggers,
  },
  metricsProvider: async () => (await import('./customers-metrics-provider.js')).customersMetricsProvider,
  // `orion rebuild customers`: the triggers keep the per-store totals, each order's previous order and
  // the per-platform rollups exact; this is the repair tool (the rollups read the previous orders).
  rebuild: async ({ db }) => {
    await (await import('./customers-store-totals.js')).rebuildCustomersStoreTotals(db);
    await (await import('./migrations/customers-005-platform-rollups.js')).rebuildCustomersPlatformRollups(db);
  },
});
