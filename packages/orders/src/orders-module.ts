import { databaseType, defineModule } from '@orion/contracts';
import packageJson from '../package.json' with { type: 'json' };
import { de } from './messages/de.js';
import { en } from './messages/en.js';
import { fr } from './messages/fr.js';
import { lb } from './messages/lb.js';
import { orders001CreateTables } from './migrations/orders-001-create-tables.js';
import { orders002CreateSummaries } from './migrations/orders-002-create-summaries.js';
import { orders003SummaryTriggers } from './migrations/orders-003-summary-triggers.js';
import { orderPlacedEventSchema } from './order-placed-event.js';
import { rebuildTotalsTask } from './rebuild-totals-task.js';
import { ordersPermissions, ordersRoutes } from './orders-routes.js';
import type { OrdersDatabase } from './schema.js';

/**
 * The orders module: orders and their items, placed and moved through their life cycle with
 * {@link OrdersService}, served over HTTP by its routes (the store's own orders on the store
 * frontend, a platform store's orders on the admin frontend), and the `orders.*` metrics on the
 * store and platform-admin dashboards (see the README for the routes and the metrics' definitions).
 * Menus, permissions and metrics are labelled in English, German, French and Luxembourgish. An
 * optional module; it requires tenancy.
 *
 * @example
 * ```ts
 * // package.json of @orion/orders: "orion": { "module": "./dist/index.js", "export": "ordersModule" }
 * import { createOrion } from '@orion/core';
 * import { ordersModule } from '@orion/orders';
 * const orion = await createOrion({ modules: [ordersModule] });
 * Object.keys(ordersModule.migrations); // ['orders_001_create_tables', 'orders_002_create_summaries', 'orders_003_summary_triggers']
 * ```
 */
export const ordersModule = defineModule({
  code: 'orders',
  name: 'Orders',
  description: 'Orders and their items, their life cycle from pending to delivered, and order and revenue metrics.',
  version: packageJson.version,
  requires: ['tenancy'],
  database: databaseType<OrdersDatabase>(),
  permissions: [
    {
      code: ordersPermissions.view,
      label: en['permission.orders.view'],
      description: 'See a store’s orders and their items.',
    },
    { code: ordersPermissions.place, label: en['permission.orders.place'] },
    {
      code: ordersPermissions.manage,
      label: en['permission.orders.manage'],
      description: 'Move orders through their life cycle: pay, ship, deliver, cancel and refund.',
    },
    {
      code: ordersPermissions.platformView,
      label: en['permission.orders.platform.view'],
      description: 'On the admin frontend: list the orders of any store on the platform.',
    },
  ],
  menuItems: [
    {
      id: 'orders.list',
      frontend: 'store',
      label: en['menu.orders.list'],
      path: '/orders',
      icon: 'shopping-cart',
      order: 20,
      permission: ordersPermissions.view,
    },
    {
      id: 'orders.store-orders',
      frontend: 'admin',
      label: en['menu.orders.store-orders'],
      path: '/orders',
      icon: 'receipt',
      order: 30,
      permission: ordersPermissions.platformView,
    },
  ],
  routes: ordersRoutes,
  messages: { en, de, fr, lb },
  events: { 'orders.placed': orderPlacedEventSchema },
  migrations: {
    orders_001_create_tables: orders001CreateTables,
    orders_002_create_summaries: orders002CreateSummaries,
    orders_003_summary_triggers: orders003SummaryTriggers,
  },
  tasks: [rebuildTotalsTask],
  // `orion rebuild orders`: the triggers keep the totals exact; this is the repair tool.
  rebuild: async ({ db }) => (await import('./order-totals.js')).rebuildOrderTotals(db),
  metricsProvider: async () => new (await import('./orders-metrics-provider.js')).OrdersMetricsProvider(),
});
