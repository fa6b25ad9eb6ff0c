import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.js';
import { rejectionOf } from '../../../test/support/rejection.js';
import { callerStoreId, requirePlatformStore, TenancyService } from '../src/index.js';
import { createTenancyTestDatabase, type TenancyTestDatabase } from './tenancy-test-database.js';

it('callerStoreId returns the context’s store, or refuses naming the route’s permission', () => {
  expect(callerStoreId({ platformId: 1, storeId: 12, permissions: [] }, 'orders.view')).toBe(12);
  let refusal: unknown;
  try {
    callerStoreId({ platformId: 1, permissions: ['orders.view'] }, 'orders.view');
  } catch (error) {
    refusal = error;
  }
  expect(refusal).toMatchObject({ code: 'ORION_ERR_FORBIDDEN', details: { permission: 'orders.view' } });
});

describeEachDatabase('requirePlatformStore', (dialect) => {
  let database: TenancyTestDatabase;
  const ids = { platform: 0, other: 0, member: 0, former: 0, foreign: 0 };

  beforeAll(async () => {
    database = await createTenancyTestDatabase(dialect);
    const tenancy = new TenancyService(database.db);
    ids.platform = (await tenancy.createPlatform({ code: 'a', name: 'A' })).id;
    ids.other = (await tenancy.createPlatform({ code: 'b', name: 'B' })).id;
    const merchant = await tenancy.createMerchant({ name: 'M' });
    const store = async (code: string) =>
      (await tenancy.createStore({ merchantId: merchant.id, code, name: code, defaultCurrency: 'EUR' })).id;
    ids.member = await store('member');
    ids.former = await store('former');
    ids.foreign = await store('foreign');
    await tenancy.addStoreToPlatform(ids.member, ids.platform);
    await tenancy.addStoreToPlatform(ids.former, ids.platform);
    await tenancy.removeStoreFromPlatform(ids.former, ids.platform);
    await tenancy.addStoreToPlatform(ids.foreign, ids.other);
  });
  afterAll(() => database.destroy());

  it('lets a store with an active membership through, and reports every other store as not found', async () => {
    await expect(requirePlatformStore(database.db, ids.member, ids.platform)).resolves.toBeUndefined();
    for (const storeId of [ids.former, ids.foreign, 2_000_000_000, -1]) {
      const error = await rejectionOf(requirePlatformStore(database.db, storeId, ids.platform));
      expect(error).toMatchObject({ code: 'ORION_ERR_NOT_FOUND', details: { entity: 'Store', id: storeId } });
    }
  });
});
