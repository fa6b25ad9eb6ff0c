/**
 * The demo's stores as the other seed steps see them: read back from the database (so a step can
 * run on any later start) with a deterministic profile of how much each store sells and when.
 */
import { TenancyService, type Orion } from '@orion/core';
import type { TenancyDatabase } from '@orion/tenancy';
import type { Kysely } from 'kysely';
import { seededRandom } from '@orion/testing';

const dayMs = 86_400_000;

/** A store of the demo, with what the seed steps need to fill it. */
export interface DemoStore {
  id: number;
  code: string;
  name: string;
  merchantName: string;
  defaultCurrency: string;
  isActive: boolean;
  /** The platforms on which the store has an active membership. */
  platformIds: number[];
  /** The store's active owner (the merchant's owner in the demo); 0 when its team has none. */
  ownerUserId: number;
  /** How much it sells, relative to the other stores: a skewed law, so a few stores carry most orders. */
  weight: number;
  /** Its first day of trade, in ms: a year ago for most stores, later for the few opened this year. */
  opensAt: number;
  /** For a deactivated store, the day it stopped trading, in ms. */
  closesAt: number | undefined;
}

/**
 * Reads every store back, ordered by id, through the tenancy service where it has a method (one
 * read of `stores` with their merchants' names, where it has none), and gives each its profile.
 */
export async function readDemoStores(orion: Orion, now: Date): Promise<DemoStore[]> {
  const tenancy = new TenancyService(orion.db);
  const rows = await (orion.db as Kysely<TenancyDatabase>)
    .selectFrom('stores')
    .innerJoin('merchants', 'merchants.id', 'stores.merchant_id')
    .select(['stores.id', 'stores.code', 'stores.name', 'merchants.name as merchantName'])
    .orderBy('stores.id')
    .execute();
  const platformIdsOf = new Map<number, number[]>();
  for (const platform of await tenancy.listPlatforms()) {
    for (const store of await tenancy.listPlatformStores(platform.id)) {
      platformIdsOf.set(store.id, [...(platformIdsOf.get(store.id) ?? []), platform.id]);
    }
  }
  const stores: Omit<DemoStore, 'weight' | 'opensAt' | 'closesAt'>[] = [];
  for (const row of rows) {
    const store = await tenancy.getStore(row.id);
    const team = (await tenancy.listStoreUsers(row.id)).filter((member) => member.isActive);
    const owner = team.find((member) => member.role === 'owner') ?? team[0];
    stores.push({
      id: store.id,
      code: store.code,
      name: store.name,
      merchantName: row.merchantName,
      defaultCurrency: store.defaultCurrency,
      isActive: store.isActive,
      platformIds: platformIdsOf.get(store.id) ?? [],
      ownerUserId: owner?.userId ?? 0,
    });
  }
  return withProfiles(stores, now);
}

/**
 * Sizes follow a Zipf law over a seeded ranking in which web shops, capital-city stores and euro
 * stores tend to come first; four stores open during the year; deactivated stores stopped trading
 * one to six months ago.
 */
function withProfiles(stores: Omit<DemoStore, 'weight' | 'opensAt' | 'closesAt'>[], now: Date): DemoStore[] {
  const score = (store: Omit<DemoStore, 'weight' | 'opensAt' | 'closesAt'>) => {
    const own = seededRandom(`store-rank:${store.code}`);
    const boost = store.code.endsWith('-online') ? 4 : store.code.includes('luxembourg') ? 2 : 1;
    return boost * (store.defaultCurrency === 'EUR' ? 1 : 0.9) * (0.4 + own.next());
  };
  const ranking = [...stores]
    .sort((a, b) => score(b) - score(a) || a.code.localeCompare(b.code))
    .map((store) => store.code);
  // Stores opened this year: active ones from the middle and the tail of the ranking.
  const active = new Set(stores.filter((store) => store.isActive).map((store) => store.code));
  const late = new Set(ranking.filter((code, rank) => rank >= 8 && rank % 7 === 3 && active.has(code)).slice(0, 4));
  const yearAgo = now.getTime() - 366 * dayMs;
  return stores.map((store) => {
    const own = seededRandom(`store-profile:${store.code}`);
    const rank = ranking.indexOf(store.code) + 1;
    return {
      ...store,
      weight: (0.85 + 0.3 * own.next()) / rank ** 1.1,
      opensAt: late.has(store.code) ? now.getTime() - own.int(45, 260) * dayMs : yearAgo,
      closesAt: store.isActive ? undefined : now.getTime() - own.int(30, 180) * dayMs,
    };
  });
}
