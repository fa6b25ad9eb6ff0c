import { databaseType, defineModule } from '@orion/contracts';
import packageJson from '../package.json' with { type: 'json' };
import { __camel__ConfigSchema } from './__code__-config.js';
import { __camel__Errors } from './__code__-errors.js';
import { __camel__Permissions, __camel__Routes } from './__code__-routes.js';
import { de } from './messages/de.js';
import { en } from './messages/en.js';
import { fr } from './messages/fr.js';
import { lb } from './messages/lb.js';
import { __camel__001CreateItems } from './migrations/__code__-001-create-items.js';
import type { __Pascal__Database } from './schema.js';

/**
 * The __code__ module: a store's items, a route to list, read and add them, a menu item on the store
 * frontend, and the `__code__.items` metric on the store and admin dashboards, in English, German,
 * French and Luxembourgish. The host finds it through the `orion` field of package.json.
 */
export const __camel__Module = defineModule({
  code: '__code__',
  name: '__Title__',
  description: 'A store’s items, with a count on the dashboards.',
  version: packageJson.version,
  requires: ['tenancy'],
  database: databaseType<__Pascal__Database>(),
  config: {
    schema: __camel__ConfigSchema,
    envPrefix: '__CONST___',
    defaults: { pageSize: 50 },
  },
  permissions: [
    { code: __camel__Permissions.view, label: en['permission.__code__.view'] },
    { code: __camel__Permissions.manage, label: en['permission.__code__.manage'] },
  ],
  menuItems: [
    {
      id: '__code__.items',
      frontend: 'store',
      label: en['menu.__code__.items'],
      path: '/__code__',
      icon: 'list',
      permission: __camel__Permissions.view,
    },
  ],
  routes: __camel__Routes,
  messages: { en, de, fr, lb },
  errors: __camel__Errors,
  migrations: {
    __snake___001_create_items: __camel__001CreateItems,
  },
  metricsProvider: async () => (await import('./__code__-metrics-provider.js')).__camel__MetricsProvider,
});
