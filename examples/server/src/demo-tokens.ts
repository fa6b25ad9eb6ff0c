import { TenancyService, isOrionError, type Orion } from '@orion/core';
import { AccessTokens } from './access/access-tokens.js';
import type { seedDemo } from './seed/seed-demo.js';

/** What the seed made, as {@link seedDemo} returns it. */
type DemoSeed = Awaited<ReturnType<typeof seedDemo>>;

/** A token the demo prints: its label, what it reaches, and the token itself (shown once). */
export interface DemoToken {
  label: string;
  kind: 'store' | 'platform';
  /** For people: `Admin of Letzshop Marketplace`, `Velo Vert Outlet 2 (on Letzshop Marketplace, Wholesale Portal)`. */
  description: string;
  token: string;
}

/**
 * Issues the demo's tokens: one per platform for its admin (a user `admin@<code>.demo.example`,
 * made on first start), and store tokens for the owners of a few stores, one of them a store on
 * several platforms. Tokens are stored only as hashes, so every start issues fresh ones under the
 * same labels, replacing the previous ones.
 */
export async function issueDemoTokens(orion: Orion, demo: DemoSeed): Promise<DemoToken[]> {
  const tenancy = new TenancyService(orion.db);
  const tokens = new AccessTokens(orion.db);
  const issued: DemoToken[] = [];
  const platformName = (id: number) => demo.platforms.find((platform) => platform.id === id)?.name ?? `platform ${id}`;

  for (const platform of demo.platforms) {
    const email = `admin@${platform.code}.demo.example`;
    const user = await tenancy.getUserByEmail(email).catch(async (error: unknown) => {
      if (!isOrionError(error, 'ORION_ERR_NOT_FOUND')) throw error;
      return tenancy.createUser({ email, name: `${platform.name} admin` });
    });
    const label = `admin:${platform.code}`;
    const token = await tokens.issue({ kind: 'platform', platformId: platform.id, userId: user.id, label });
    issued.push({ label, kind: 'platform', description: `Admin of ${platform.name}`, token });
  }

  const onPlatforms = demo.stores.filter((store) => store.platformIds.length > 0 && store.ownerUserId > 0);
  const chosen = [
    onPlatforms.find((store) => store.platformIds.length > 1),
    ...demo.platforms.map((platform) =>
      onPlatforms.find((store) => store.platformIds.length === 1 && store.platformIds[0] === platform.id),
    ),
  ].filter(
    (store, index, all): store is DemoSeed['stores'][number] => store !== undefined && all.indexOf(store) === index,
  );
  for (const store of chosen) {
    const label = `store:${store.code}`;
    const token = await tokens.issue({ kind: 'store', storeId: store.id, userId: store.ownerUserId, label });
    issued.push({
      label,
      kind: 'store',
      description: `${store.name} (${store.merchantName}; on ${store.platformIds.map(platformName).join(', ')})`,
      token,
    });
  }
  return issued;
}
