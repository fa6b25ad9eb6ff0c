/**
 * A store with active memberships in the given platforms, for route tests: the request handler
 * serves a store context only when its store is an active member of the context's platform.
 */
import type { Kysely } from 'kysely';
import type { AnyDatabase } from '../../packages/contracts/src/index.js';
import { TenancyService } from '../../packages/tenancy/src/index.js';

/** Creates a merchant and a store (id 1 on a fresh database) on `platformIds`; resolves to the store's id. */
export async function memberStore(db: Kysely<AnyDatabase>, ...platformIds: number[]): Promise<number> {
  const tenancy = new TenancyService(db);
  const merchantId = (await tenancy.createMerchant({ name: 'Test merchant' })).id;
  const code = `store-${Math.random().toString(36).slice(2, 10)}`;
  const storeId = (await tenancy.createStore({ merchantId, code, name: 'Test store', defaultCurrency: 'EUR' })).id;
  for (const platformId of platformIds) await tenancy.addStoreToPlatform(storeId, platformId);
  return storeId;
}
