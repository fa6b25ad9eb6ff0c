import { randomUUID } from 'node:crypto';
import { TenancyService, type AnyDatabase } from '@orion/core';
import type { Kysely } from 'kysely';

/** Options of {@link seedTenancy}: every one has a default. */
export interface SeedTenancyOptions {
  /** Put the store on this existing platform instead of creating one. */
  platformId?: number;
  /** The new platform's code. Default: `platform-<random>`. */
  platformCode?: string;
  /** Give the store to this existing merchant instead of creating one. */
  merchantId?: number;
  /** The new store's code. Default: `store-<random>`. */
  storeCode?: string;
  /** The store's default currency. Default: `EUR`. */
  currency?: string;
  /** A user on the store's team with this role; `false` for no user. Default: `{ role: 'owner' }`. */
  user?: false | { email?: string; name?: string; role?: string };
}

/** The ids {@link seedTenancy} made (or was given). */
export interface SeededTenancy {
  platformId: number;
  merchantId: number;
  /** Active, with an active membership in `platformId`. */
  storeId: number;
  /** The store's team member; `undefined` with `user: false`. */
  userId: number | undefined;
}

/**
 * Seeds who sells where through the real `TenancyService`: a platform, a merchant, an active store
 * with an active membership in the platform and (unless `user: false`) an owner on its team.
 * Call it again with `platformId` for a second store on the same platform.
 *
 * @throws OrionError `ORION_ERR_CONFLICT` when a given code is taken, `ORION_ERR_NOT_FOUND` for an
 *   unknown `platformId` or `merchantId`, `ORION_ERR_VALIDATION` for an invalid code or currency.
 * @example
 * ```ts
 * import { createOrion } from '@orion/core';
 * import { seedTenancy } from '@orion/testing';
 *
 * const orion = await createOrion({ database: 'sqlite::memory:', modules: [] });
 * const { platformId, storeId } = await seedTenancy(orion.db);
 * const second = await seedTenancy(orion.db, { platformId, user: false });
 * console.log(storeId, second.storeId);
 * await orion.close();
 * ```
 */
export async function seedTenancy(db: Kysely<AnyDatabase>, options: SeedTenancyOptions = {}): Promise<SeededTenancy> {
  const tenancy = new TenancyService(db);
  const suffix = randomUUID().slice(0, 8);
  const platformId =
    options.platformId ??
    (await tenancy.createPlatform({ code: options.platformCode ?? `platform-${suffix}`, name: `Platform ${suffix}` }))
      .id;
  const merchantId = options.merchantId ?? (await tenancy.createMerchant({ name: `Merchant ${suffix}` })).id;
  const storeCode = options.storeCode ?? `store-${suffix}`;
  const store = await tenancy.createStore({
    merchantId,
    code: storeCode,
    name: `Store ${storeCode}`,
    defaultCurrency: options.currency ?? 'EUR',
  });
  await tenancy.addStoreToPlatform(store.id, platformId);
  let userId: number | undefined;
  if (options.user !== false) {
    const user = await tenancy.createUser({
      email: options.user?.email ?? `owner-${suffix}@example.com`,
      name: options.user?.name ?? `Owner ${suffix}`,
    });
    await tenancy.addStoreUser({ storeId: store.id, userId: user.id, role: options.user?.role ?? 'owner' });
    userId = user.id;
  }
  return { platformId, merchantId, storeId: store.id, userId };
}
