import { TenancyService, type Orion } from '@orion/core';

/** A small deterministic random source, so every demo database looks the same. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const merchantNames = ['Maison Lëtzebuerg', 'Nordlicht Handel', 'Atelier Moselle', 'Kaffi Kultur', 'Velo Vert', 'Bijoux Ardennes'];
const storeKinds = ['Boutique', 'Outlet', 'Online', 'Corner', 'Studio'];
const currencies = ['EUR', 'EUR', 'EUR', 'CHF', 'GBP'];

/** What the seed made, for the demo to show. */
export interface DemoData {
  platforms: { id: number; code: string; name: string }[];
  stores: { id: number; code: string; name: string; platformIds: number[] }[];
}

/**
 * Seeds two platforms, six merchants and a few dozen stores (some on both platforms, some
 * memberships and stores inactive), with teams and domains. Skips the work when data is there.
 */
export async function seedDemo(orion: Orion, log: (line: string) => void): Promise<DemoData> {
  const tenancy = new TenancyService(orion.db);
  const existing = await tenancy.listPlatforms();
  if (existing.length === 0) {
    const next = random(20261122);
    const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
    const marketplace = await tenancy.createPlatform({ code: 'letzshop', name: 'Letzshop Marketplace' });
    const wholesale = await tenancy.createPlatform({ code: 'wholesale', name: 'Wholesale Portal' });
    log(`  platforms: ${marketplace.name}, ${wholesale.name}`);
    let storeCount = 0;
    let userCount = 0;
    for (const [index, merchantName] of merchantNames.entries()) {
      const merchant = await tenancy.createMerchant({ name: merchantName });
      const stores = 3 + Math.floor(next() * 4);
      for (let s = 0; s < stores; s++) {
        const slug = merchantName.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z]+/g, '-');
        const code = `${slug}-${s + 1}`;
        const store = await tenancy.createStore({
          merchantId: merchant.id,
          code,
          name: `${merchantName} ${pick(storeKinds)} ${s + 1}`,
          defaultCurrency: pick(currencies),
        });
        storeCount++;
        const roll = next();
        if (roll < 0.75) await tenancy.addStoreToPlatform(store.id, marketplace.id);
        if (roll > 0.45) await tenancy.addStoreToPlatform(store.id, wholesale.id);
        if (roll > 0.45 && roll < 0.5) await tenancy.removeStoreFromPlatform(store.id, wholesale.id);
        if (next() < 0.1) await tenancy.setStoreActive(store.id, false);
        const team = 1 + Math.floor(next() * 5);
        for (let u = 0; u < team; u++) {
          userCount++;
          const user = await tenancy.createUser({ email: `user${userCount}@merchant${index + 1}.example`, name: `User ${userCount}` });
          await tenancy.addStoreUser({ storeId: store.id, userId: user.id, role: u === 0 ? 'owner' : pick(['manager', 'staff', 'staff']) });
          if (next() < 0.1) await tenancy.setStoreUserActive(store.id, user.id, false);
        }
        const domains = Math.floor(next() * 3);
        for (let d = 0; d < domains; d++) {
          const domain = await tenancy.addDomain({ storeId: store.id, domain: `${code}${d === 0 ? '' : `-${d}`}.shop.example` });
          if (next() < 0.6) await tenancy.verifyDomain(domain.id);
        }
      }
      log(`  merchant ${index + 1}/${merchantNames.length}: ${merchantName}, ${stores} stores`);
    }
    log(`  ${storeCount} stores, ${userCount} users`);
  } else {
    log('  the database already holds demo data: reusing it');
  }
  const platforms = await tenancy.listPlatforms();
  const stores: DemoData['stores'] = [];
  for (const platform of platforms) {
    for (const store of await tenancy.listPlatformStores(platform.id)) {
      const known = stores.find((candidate) => candidate.id === store.id);
      if (known) known.platformIds.push(platform.id);
      else stores.push({ id: store.id, code: store.code, name: store.name, platformIds: [platform.id] });
    }
  }
  return { platforms: platforms.map(({ id, code, name }) => ({ id, code, name })), stores };
}
