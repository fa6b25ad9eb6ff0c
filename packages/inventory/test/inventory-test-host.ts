/**
 * The inventory tests' host: the inventory module on this test's database, with one merchant's two
 * stores (Berlin, Paris); `hosts` starts more hosts on the same database.
 */
import { TenancyService } from '@orion/tenancy';
import type { TestDialect, TestHost } from '@orion/testing';
import { useTestHosts } from '@orion/testing/vitest';
import { InventoryService, inventoryModule } from '../src/index.js';

/** The host, as the kit starts it. */
type Orion = TestHost['orion'];

export function useInventoryHost(dialect: TestDialect) {
  const hosts = useTestHosts(dialect);
  async function start(): Promise<{
    orion: Orion;
    inventory: InventoryService;
    storeId: number;
    otherStoreId: number;
  }> {
    const { orion } = await hosts.start({ modules: [inventoryModule] });
    const tenancy = new TenancyService(orion.db);
    const merchant = await tenancy.createMerchant({ name: 'Acme' });
    const store = await tenancy.createStore({
      merchantId: merchant.id,
      code: 'acme-berlin',
      name: 'Berlin',
      defaultCurrency: 'EUR',
    });
    const other = await tenancy.createStore({
      merchantId: merchant.id,
      code: 'acme-paris',
      name: 'Paris',
      defaultCurrency: 'EUR',
    });
    return { orion, inventory: new InventoryService(orion.db), storeId: store.id, otherStoreId: other.id };
  }
  return { hosts, start };
}
