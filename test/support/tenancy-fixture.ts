/**
 * Seeds platforms, merchants, stores and memberships through the real TenancyService for the
 * modules' differential tests, and keeps a plain copy of what it made so tests can compute the
 * expected numbers independently: stores on several platforms, inactive memberships, inactive
 * stores, and stores on no platform at all.
 */
import type { Kysely } from 'kysely';
import type { AnyDatabase } from '../../packages/contracts/src/index.js';
import { TenancyService } from '../../packages/tenancy/src/index.js';
import type { Random } from './random.js';

export interface TenancyFixture {
  platformIds: number[];
  stores: { id: number; merchantId: number; isActive: boolean }[];
  memberships: { storeId: number; platformId: number; isActive: boolean }[];
  /** Ids of the stores with an active membership in the platform. */
  activeStoreIds(platformId: number): Set<number>;
  /** One platform each store is actively on, for store dashboards; stores on none are left out. */
  storePlatform(storeId: number): number | undefined;
}

export async function seedTenancy(
  db: Kysely<AnyDatabase>,
  random: Random,
  sizes: { platforms?: number; merchants?: number; stores?: number } = {},
): Promise<TenancyFixture> {
  const tenancy = new TenancyService(db);
  const platformIds: number[] = [];
  for (let p = 0; p < (sizes.platforms ?? 3); p++) {
    platformIds.push((await tenancy.createPlatform({ code: `platform-${p + 1}`, name: `Platform ${p + 1}` })).id);
  }
  const merchantIds: number[] = [];
  for (let m = 0; m < (sizes.merchants ?? 6); m++) {
    merchantIds.push((await tenancy.createMerchant({ name: `Merchant ${m + 1}` })).id);
  }
  const stores: TenancyFixture['stores'] = [];
  const memberships: TenancyFixture['memberships'] = [];
  for (let s = 0; s < (sizes.stores ?? 24); s++) {
    const merchantId = random.pick(merchantIds);
    const store = await tenancy.createStore({
      merchantId,
      code: `store-${s + 1}`,
      name: `Store ${s + 1}`,
      defaultCurrency: 'EUR',
    });
    const isActive = !random.chance(0.1);
    if (!isActive) await tenancy.setStoreActive(store.id, false);
    stores.push({ id: store.id, merchantId, isActive });
    // the first store is on every platform, the last on none; the rest at random
    for (const platformId of platformIds) {
      const joins = s === 0 || (s < (sizes.stores ?? 24) - 1 && random.chance(0.55));
      if (!joins) continue;
      await tenancy.addStoreToPlatform(store.id, platformId);
      const membershipActive = s === 0 || !random.chance(0.15);
      if (!membershipActive) await tenancy.removeStoreFromPlatform(store.id, platformId);
      memberships.push({ storeId: store.id, platformId, isActive: membershipActive });
    }
  }
  return {
    platformIds,
    stores,
    memberships,
    activeStoreIds: (platformId) =>
      new Set(memberships.filter((m) => m.platformId === platformId && m.isActive).map((m) => m.storeId)),
    storePlatform: (storeId) => memberships.find((m) => m.storeId === storeId && m.isActive)?.platformId,
  };
}
