/** The optional modules every benchmark host runs with (tenancy is added by the host). */
import { catalogModule } from '@orion/catalog';
import { cmsModule } from '@orion/cms';
import type { ModuleDefinition } from '@orion/core';
import { customersModule } from '@orion/customers';
import { inventoryModule } from '@orion/inventory';
import { marketplaceModule } from '@orion/marketplace';
import { ordersModule } from '@orion/orders';

export const benchModules: ModuleDefinition[] = [
  ordersModule,
  catalogModule,
  inventoryModule,
  marketplaceModule,
  customersModule,
  cmsModule,
];
