import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.js';
import { hasActiveStoreMembership, TenancyService } from '../src/index.js';
import { createTenancyTestDatabase, type TenancyTestDatabase } from './tenancy-test-database.js';

const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describeEachDatabase('TenancyService', (dialect) => {
  let database: TenancyTestDatabase;
  let tenancy: TenancyService;
  let sequence = 0;
  const unique = (prefix: string) => `${prefix}-${++sequence}`;

  beforeAll(async () => {
    database = await createTenancyTestDatabase(dialect);
    tenancy = new TenancyService(database.db);
  });
  afterAll(async () => {
    await database?.destroy();
  });

  async function newStore(overrides: { code?: string } = {}) {
    const merchant = await tenancy.createMerchant({ name: 'Acme' });
    return tenancy.createStore({
      merchantId: merchant.id,
      code: overrides.code ?? unique('store'),
      name: 'Acme Berlin',
      defaultCurrency: 'EUR',
    });
  }

  it('creates a platform and returns a plain camelCase object with a boolean and an ISO timestamp', async () => {
    const before = new Date().toISOString();
    const platform = await tenancy.createPlatform({ code: 'eu-west', name: ' Europe West ' });
    const after = new Date().toISOString();

    expect(platform).toEqual({
      id: expect.any(Number),
      code: 'eu-west',
      name: 'Europe West',
      isActive: true,
      createdAt: expect.stringMatching(isoTimestamp),
    });
    expect(platform.createdAt >= before && platform.createdAt <= after).toBe(true);
    expect(await tenancy.getPlatform(platform.id)).toEqual(platform);
    expect(await tenancy.getPlatformByCode('eu-west')).toEqual(platform);
    expect((await tenancy.listPlatforms()).map((p) => p.code)).toContain('eu-west');
  });

  it('rejects a second platform with the same code as ORION_ERR_CONFLICT', async () => {
    await tenancy.createPlatform({ code: 'dup-platform', name: 'First' });
    await expect(tenancy.createPlatform({ code: 'dup-platform', name: 'Second' })).rejects.toMatchObject({
      code: 'ORION_ERR_CONFLICT',
      details: { entity: 'Platform', field: 'code', value: 'dup-platform' },
      message: 'Platform with code "dup-platform" already exists.',
    });
  });

  it('lets the database decide between two concurrent creations of the same code', async () => {
    const results = await Promise.allSettled([
      tenancy.createPlatform({ code: 'race', name: 'One' }),
      tenancy.createPlatform({ code: 'race', name: 'Two' }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    expect(rejected?.reason).toMatchObject({ code: 'ORION_ERR_CONFLICT', details: { field: 'code', value: 'race' } });
  });

  it('rejects malformed input as ORION_ERR_VALIDATION naming the subject and the fields', async () => {
    await expect(tenancy.createPlatform({ code: 'Not A Code', name: '' })).rejects.toMatchObject({
      code: 'ORION_ERR_VALIDATION',
      details: {
        subject: 'platform',
        validationIssues: [expect.objectContaining({ path: 'code' }), expect.objectContaining({ path: 'name' })],
      },
    });
    await expect(
      tenancy.createPlatform({ code: 'ok', name: 'Ok', extra: true } as unknown as { code: string; name: string }),
    ).rejects.toMatchObject({ code: 'ORION_ERR_VALIDATION' });
    for (const id of [0, -1, 1.5, Number.NaN, 2 ** 31]) {
      await expect(tenancy.getStore(id)).rejects.toMatchObject({
        code: 'ORION_ERR_VALIDATION',
        details: { subject: 'storeId' },
      });
    }
    await expect(tenancy.getStore('1' as unknown as number)).rejects.toMatchObject({ code: 'ORION_ERR_VALIDATION' });
    await expect(tenancy.setPlatformActive(1, 'yes' as unknown as boolean)).rejects.toMatchObject({
      code: 'ORION_ERR_VALIDATION',
      details: { subject: 'isActive' },
    });
  });

  it('activates and deactivates platforms, and reports unknown ones as ORION_ERR_NOT_FOUND', async () => {
    const platform = await tenancy.createPlatform({ code: unique('toggle'), name: 'Toggle' });
    expect((await tenancy.setPlatformActive(platform.id, false)).isActive).toBe(false);
    expect((await tenancy.getPlatform(platform.id)).isActive).toBe(false);
    expect((await tenancy.setPlatformActive(platform.id, true)).isActive).toBe(true);
    await expect(tenancy.setPlatformActive(987_654, false)).rejects.toMatchObject({
      code: 'ORION_ERR_NOT_FOUND',
      details: { entity: 'Platform', id: 987_654 },
    });
    await expect(tenancy.getPlatform(987_654)).rejects.toMatchObject({ code: 'ORION_ERR_NOT_FOUND' });
    await expect(tenancy.getPlatformByCode('nowhere')).rejects.toMatchObject({
      code: 'ORION_ERR_NOT_FOUND',
      details: { entity: 'Platform', id: 'nowhere' },
    });
  });

  it('creates stores of existing merchants only, with unique codes and ISO currencies', async () => {
    const merchant = await tenancy.createMerchant({ name: 'Globex' });
    expect(merchant).toEqual({
      id: expect.any(Number),
      name: 'Globex',
      createdAt: expect.stringMatching(isoTimestamp),
    });
    expect(await tenancy.getMerchant(merchant.id)).toEqual(merchant);

    const store = await tenancy.createStore({
      merchantId: merchant.id,
      code: 'globex-paris',
      name: 'Paris',
      defaultCurrency: 'EUR',
    });
    expect(store).toEqual({
      id: expect.any(Number),
      merchantId: merchant.id,
      code: 'globex-paris',
      name: 'Paris',
      isActive: true,
      defaultCurrency: 'EUR',
      createdAt: expect.stringMatching(isoTimestamp),
    });
    expect(await tenancy.getStore(store.id)).toEqual(store);
    expect(await tenancy.getStoreByCode('globex-paris')).toEqual(store);
    expect(await tenancy.listMerchantStores(merchant.id)).toEqual([store]);

    await expect(
      tenancy.createStore({ merchantId: merchant.id, code: 'globex-paris', name: 'Again', defaultCurrency: 'EUR' }),
    ).rejects.toMatchObject({
      code: 'ORION_ERR_CONFLICT',
      details: { entity: 'Store', field: 'code', value: 'globex-paris' },
    });
    await expect(
      tenancy.createStore({ merchantId: 987_654, code: unique('orphan'), name: 'Orphan', defaultCurrency: 'EUR' }),
    ).rejects.toMatchObject({ code: 'ORION_ERR_NOT_FOUND', details: { entity: 'Merchant', id: 987_654 } });
    await expect(
      tenancy.createStore({ merchantId: merchant.id, code: unique('lower'), name: 'Lower', defaultCurrency: 'eur' }),
    ).rejects.toMatchObject({ code: 'ORION_ERR_VALIDATION', details: { subject: 'store' } });
    await expect(tenancy.getMerchant(987_654)).rejects.toMatchObject({
      code: 'ORION_ERR_NOT_FOUND',
      details: { entity: 'Merchant' },
    });
  });

  it('activates and deactivates stores', async () => {
    const store = await newStore();
    const inactive = await tenancy.setStoreActive(store.id, false);
    expect(inactive).toEqual({ ...store, isActive: false });
    expect((await tenancy.getStore(store.id)).isActive).toBe(false);
    expect((await tenancy.setStoreActive(store.id, true)).isActive).toBe(true);
    await expect(tenancy.setStoreActive(987_654, true)).rejects.toMatchObject({
      code: 'ORION_ERR_NOT_FOUND',
      details: { entity: 'Store', id: 987_654 },
    });
  });

  it('adds a store to a platform, deactivates the membership and reactivates the same row', async () => {
    const store = await newStore();
    const platform = await tenancy.createPlatform({ code: unique('members'), name: 'Members' });
    const other = await tenancy.createPlatform({ code: unique('members'), name: 'Other' });

    const membership = await tenancy.addStoreToPlatform(store.id, platform.id);
    expect(membership).toEqual({
      id: expect.any(Number),
      storeId: store.id,
      platformId: platform.id,
      isActive: true,
      createdAt: expect.stringMatching(isoTimestamp),
    });
    expect(await hasActiveStoreMembership(database.db, store.id, platform.id)).toBe(true);
    expect(await tenancy.addStoreToPlatform(store.id, platform.id)).toEqual(membership);

    const removed = await tenancy.removeStoreFromPlatform(store.id, platform.id);
    expect(removed).toEqual({ ...membership, isActive: false });
    expect(await hasActiveStoreMembership(database.db, store.id, platform.id)).toBe(false);
    expect(await tenancy.listPlatformStores(platform.id)).toEqual([]);

    const reactivated = await tenancy.addStoreToPlatform(store.id, platform.id);
    expect(reactivated).toEqual(membership);
    expect(await hasActiveStoreMembership(database.db, store.id, platform.id)).toBe(true);
    expect((await tenancy.listPlatformStores(platform.id)).map((s) => s.id)).toEqual([store.id]);

    await tenancy.addStoreToPlatform(store.id, other.id);
    expect(await tenancy.setMembershipActive(store.id, other.id, false)).toMatchObject({ isActive: false });
    expect(await tenancy.listStorePlatforms(store.id)).toEqual([
      membership,
      expect.objectContaining({ platformId: other.id, isActive: false }),
    ]);
    expect(await tenancy.setMembershipActive(store.id, other.id, true)).toMatchObject({ isActive: true });
  });

  it('reports unknown stores, platforms and memberships as ORION_ERR_NOT_FOUND', async () => {
    const store = await newStore();
    const platform = await tenancy.createPlatform({ code: unique('lonely'), name: 'Lonely' });
    await expect(tenancy.addStoreToPlatform(987_654, platform.id)).rejects.toMatchObject({
      code: 'ORION_ERR_NOT_FOUND',
      details: { entity: 'Store', id: 987_654 },
    });
    await expect(tenancy.addStoreToPlatform(store.id, 987_654)).rejects.toMatchObject({
      code: 'ORION_ERR_NOT_FOUND',
      details: { entity: 'Platform', id: 987_654 },
    });
    await expect(tenancy.removeStoreFromPlatform(store.id, platform.id)).rejects.toMatchObject({
      code: 'ORION_ERR_NOT_FOUND',
      details: { entity: 'Membership of store', storeId: store.id, platformId: platform.id },
      message: `Membership of store ${store.id} in platform ${platform.id} does not exist.`,
    });
    await expect(tenancy.listStorePlatforms(987_654)).rejects.toMatchObject({ code: 'ORION_ERR_NOT_FOUND' });
    await expect(tenancy.listPlatformStores(987_654)).rejects.toMatchObject({ code: 'ORION_ERR_NOT_FOUND' });
  });

  it('creates users with lower-cased unique e-mail addresses', async () => {
    const user = await tenancy.createUser({ email: ' Ada@Example.COM ', name: 'Ada' });
    expect(user).toEqual({
      id: expect.any(Number),
      email: 'ada@example.com',
      name: 'Ada',
      isActive: true,
      createdAt: expect.stringMatching(isoTimestamp),
    });
    expect(await tenancy.getUser(user.id)).toEqual(user);
    expect(await tenancy.getUserByEmail('ADA@example.com')).toEqual(user);
    await expect(tenancy.createUser({ email: 'ada@EXAMPLE.com', name: 'Ada again' })).rejects.toMatchObject({
      code: 'ORION_ERR_CONFLICT',
      details: { entity: 'User', field: 'email', value: 'ada@example.com' },
    });
    await expect(tenancy.createUser({ email: 'not-an-address', name: 'Nobody' })).rejects.toMatchObject({
      code: 'ORION_ERR_VALIDATION',
      details: { subject: 'user', validationIssues: [expect.objectContaining({ path: 'email' })] },
    });
    expect((await tenancy.setUserActive(user.id, false)).isActive).toBe(false);
    await expect(tenancy.getUser(987_654)).rejects.toMatchObject({
      code: 'ORION_ERR_NOT_FOUND',
      details: { entity: 'User' },
    });
  });

  it('manages a store team: conflict on an active member, reactivation with the new role', async () => {
    const store = await newStore();
    const user = await tenancy.createUser({ email: `${unique('grace')}@example.com`, name: 'Grace' });

    const member = await tenancy.addStoreUser({ storeId: store.id, userId: user.id, role: 'staff' });
    expect(member).toEqual({
      id: expect.any(Number),
      storeId: store.id,
      userId: user.id,
      role: 'staff',
      isActive: true,
      createdAt: expect.stringMatching(isoTimestamp),
    });
    await expect(tenancy.addStoreUser({ storeId: store.id, userId: user.id, role: 'admin' })).rejects.toMatchObject({
      code: 'ORION_ERR_CONFLICT',
      details: { field: 'userId', value: user.id, storeId: store.id },
    });

    expect(await tenancy.setStoreUserActive(store.id, user.id, false)).toEqual({ ...member, isActive: false });
    const back = await tenancy.addStoreUser({ storeId: store.id, userId: user.id, role: 'owner' });
    expect(back).toEqual({ ...member, role: 'owner' });
    expect(await tenancy.setStoreUserRole(store.id, user.id, 'admin')).toEqual({ ...member, role: 'admin' });
    expect(await tenancy.listStoreUsers(store.id)).toEqual([{ ...member, role: 'admin' }]);

    await expect(tenancy.addStoreUser({ storeId: store.id, userId: 987_654, role: 'staff' })).rejects.toMatchObject({
      code: 'ORION_ERR_NOT_FOUND',
      details: { entity: 'User', id: 987_654 },
    });
    await expect(tenancy.addStoreUser({ storeId: 987_654, userId: user.id, role: 'staff' })).rejects.toMatchObject({
      code: 'ORION_ERR_NOT_FOUND',
      details: { entity: 'Store', id: 987_654 },
    });
    const stranger = await tenancy.createUser({ email: `${unique('stranger')}@example.com`, name: 'Stranger' });
    await expect(tenancy.setStoreUserActive(store.id, stranger.id, false)).rejects.toMatchObject({
      code: 'ORION_ERR_NOT_FOUND',
      details: { entity: 'Team member', storeId: store.id, userId: stranger.id },
    });
    await expect(tenancy.addStoreUser({ storeId: store.id, userId: stranger.id, role: 'Boss!' })).rejects.toMatchObject(
      {
        code: 'ORION_ERR_VALIDATION',
        details: { subject: 'store user' },
      },
    );
  });

  it('lets exactly one of two concurrent additions of the same team member win', async () => {
    const store = await newStore();
    const user = await tenancy.createUser({ email: `${unique('twin')}@example.com`, name: 'Twin' });
    const results = await Promise.allSettled([
      tenancy.addStoreUser({ storeId: store.id, userId: user.id, role: 'staff' }),
      tenancy.addStoreUser({ storeId: store.id, userId: user.id, role: 'admin' }),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(results.find((result) => result.status === 'rejected')).toMatchObject({
      reason: { code: 'ORION_ERR_CONFLICT' },
    });
    expect(await tenancy.listStoreUsers(store.id)).toHaveLength(1);
  });

  it('adds lower-cased unique domains and verifies them', async () => {
    const store = await newStore();
    const otherStore = await newStore();
    const domain = await tenancy.addDomain({ storeId: store.id, domain: ' Shop.Example.COM' });
    expect(domain).toEqual({
      id: expect.any(Number),
      storeId: store.id,
      domain: 'shop.example.com',
      isVerified: false,
      createdAt: expect.stringMatching(isoTimestamp),
    });
    await expect(tenancy.addDomain({ storeId: otherStore.id, domain: 'shop.example.com' })).rejects.toMatchObject({
      code: 'ORION_ERR_CONFLICT',
      details: { entity: 'Store domain', field: 'domain', value: 'shop.example.com' },
    });
    expect(await tenancy.verifyDomain(domain.id)).toEqual({ ...domain, isVerified: true });
    expect(await tenancy.verifyDomain(domain.id)).toEqual({ ...domain, isVerified: true });
    expect(await tenancy.listStoreDomains(store.id)).toEqual([{ ...domain, isVerified: true }]);
    expect(await tenancy.listStoreDomains(otherStore.id)).toEqual([]);

    await expect(tenancy.verifyDomain(987_654)).rejects.toMatchObject({
      code: 'ORION_ERR_NOT_FOUND',
      details: { entity: 'Store domain', id: 987_654 },
    });
    await expect(tenancy.addDomain({ storeId: 987_654, domain: 'nowhere.example.com' })).rejects.toMatchObject({
      code: 'ORION_ERR_NOT_FOUND',
      details: { entity: 'Store' },
    });
    for (const bad of ['localhost', 'has space.example.com', '-bad.example.com', 'http://shop.example.com']) {
      await expect(tenancy.addDomain({ storeId: store.id, domain: bad })).rejects.toMatchObject({
        code: 'ORION_ERR_VALIDATION',
        details: { subject: 'store domain' },
      });
    }
  });
});
