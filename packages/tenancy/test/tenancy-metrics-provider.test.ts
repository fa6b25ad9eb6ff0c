import type { Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { metricsContextSchema, metricValueSchema, resolveMetricsContext, type MetricValue } from '@orion/contracts';
import { QueryCounter } from '../../../test/support/query-counter.js';
import { seededRandom } from '../../../test/support/random.js';
import { describeEachDatabase } from '../../../test/support/databases.js';
import { TenancyService, tenancyModule } from '../src/index.js';
import { TenancyMetricsProvider } from '../src/tenancy-metrics-provider.js';
import type { TenancyDatabase } from '../src/schema.js';
import { createTenancyTestDatabase, type TenancyTestDatabase } from './tenancy-test-database.js';

/** What the test wrote, kept in plain TypeScript to compute the expected metrics independently. */
interface Model {
  platformIds: number[];
  stores: { id: number; merchantId: number; isActive: boolean }[];
  /** `${storeId}:${platformId}` → active */
  memberships: Map<string, boolean>;
  /** `${storeId}:${userId}` → active */
  storeUsers: Map<string, boolean>;
  domains: { storeId: number; isVerified: boolean }[];
  counters: Record<'reactivatedMemberships' | 'reactivatedStoreUsers' | 'inactiveUsers', number>;
}

const SEED = 20_261_122;

async function seed(tenancy: TenancyService): Promise<Model> {
  const source = seededRandom(SEED);
  const random = () => source.next();
  const chance = (p: number) => random() < p;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const model: Model = {
    platformIds: [],
    stores: [],
    memberships: new Map(),
    storeUsers: new Map(),
    domains: [],
    counters: { reactivatedMemberships: 0, reactivatedStoreUsers: 0, inactiveUsers: 0 },
  };

  for (let p = 0; p < 5; p++) {
    model.platformIds.push((await tenancy.createPlatform({ code: `platform-${p}`, name: `Platform ${p}` })).id);
  }
  // An inactive platform still counts its stores: platform activity is not part of any metric.
  await tenancy.setPlatformActive(model.platformIds[3]!, false);
  // The last platform gets no stores at all.
  const populated = model.platformIds.slice(0, 4);

  const merchantIds: number[] = [];
  for (let m = 0; m < 6; m++) merchantIds.push((await tenancy.createMerchant({ name: `Merchant ${m}` })).id);

  for (let s = 0; s < 30; s++) {
    const store = await tenancy.createStore({
      merchantId: pick(merchantIds),
      code: `store-${s}`,
      name: `Store ${s}`,
      defaultCurrency: pick(['EUR', 'USD', 'GBP']),
    });
    const isActive = !chance(0.2);
    if (!isActive) await tenancy.setStoreActive(store.id, false);
    model.stores.push({ id: store.id, merchantId: store.merchantId, isActive });

    for (const platformId of populated) {
      if (!chance(0.45)) continue;
      await tenancy.addStoreToPlatform(store.id, platformId);
      let active = true;
      if (chance(0.25)) {
        await tenancy.removeStoreFromPlatform(store.id, platformId);
        active = false;
        if (chance(0.3)) {
          await tenancy.addStoreToPlatform(store.id, platformId);
          active = true;
          model.counters.reactivatedMemberships++;
        }
      }
      model.memberships.set(`${store.id}:${platformId}`, active);
    }

    for (let d = Math.floor(random() * 4); d > 0; d--) {
      const domain = await tenancy.addDomain({ storeId: store.id, domain: `d${d}.store-${s}.example.com` });
      const isVerified = chance(0.5);
      if (isVerified) await tenancy.verifyDomain(domain.id);
      model.domains.push({ storeId: store.id, isVerified });
    }
  }

  for (let u = 0; u < 40; u++) {
    const user = await tenancy.createUser({ email: `user-${u}@example.com`, name: `User ${u}` });
    // A deactivated user keeps their team places: the metrics count store_users rows.
    if (chance(0.1)) {
      await tenancy.setUserActive(user.id, false);
      model.counters.inactiveUsers++;
    }
    const storeCount = Math.floor(random() * 5);
    const joined = new Set<number>();
    for (let i = 0; i < storeCount; i++) joined.add(pick(model.stores).id);
    for (const storeId of joined) {
      await tenancy.addStoreUser({ storeId, userId: user.id, role: pick(['owner', 'admin', 'staff']) });
      let active = true;
      if (chance(0.25)) {
        await tenancy.setStoreUserActive(storeId, user.id, false);
        active = false;
        if (chance(0.3)) {
          await tenancy.addStoreUser({ storeId, userId: user.id, role: 'staff' });
          active = true;
          model.counters.reactivatedStoreUsers++;
        }
      }
      model.storeUsers.set(`${storeId}:${user.id}`, active);
    }
  }
  return model;
}

function expectedStoreMetrics(model: Model, storeId: number): Record<string, number> {
  const activeTeam = [...model.storeUsers].filter(([key, active]) => active && key.startsWith(`${storeId}:`));
  const domains = model.domains.filter((domain) => domain.storeId === storeId);
  return {
    'tenancy.team_members': activeTeam.length,
    'tenancy.domains': domains.length,
    'tenancy.verified_domains': domains.filter((domain) => domain.isVerified).length,
  };
}

function memberStoresOf(model: Model, platformId: number) {
  return model.stores.filter((store) => model.memberships.get(`${store.id}:${platformId}`) === true);
}

function expectedPlatformMetrics(model: Model, platformId: number): Record<string, number> {
  const stores = memberStoresOf(model, platformId);
  const storeIds = new Set(stores.map((store) => store.id));
  const users = new Set<string>();
  for (const [key, active] of model.storeUsers) {
    const [storeId, userId] = key.split(':');
    if (active && storeIds.has(Number(storeId))) users.add(userId!);
  }
  return {
    'tenancy.total_stores': stores.length,
    'tenancy.active_stores': stores.filter((store) => store.isActive).length,
    'tenancy.merchants': new Set(stores.map((store) => store.merchantId)).size,
    'tenancy.team_members': users.size,
  };
}

function byKey(metrics: MetricValue[]): Record<string, number | string> {
  return Object.fromEntries(metrics.map((metric) => [metric.key, metric.value]));
}

describeEachDatabase('TenancyMetricsProvider', (dialect) => {
  let database: TenancyTestDatabase;
  let model: Model;
  const provider = new TenancyMetricsProvider();
  const context = resolveMetricsContext(metricsContextSchema.parse({ includeTrends: true }));

  beforeAll(async () => {
    database = await createTenancyTestDatabase(dialect);
    model = await seed(new TenancyService(database.db));
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it('generated data that exercises every rule the metrics depend on', () => {
    const inactiveMemberships = [...model.memberships.values()].filter((active) => !active).length;
    const inactiveStoreUsers = [...model.storeUsers.values()].filter((active) => !active).length;
    expect(inactiveMemberships).toBeGreaterThan(0);
    expect(model.counters.reactivatedMemberships).toBeGreaterThan(0);
    expect(inactiveStoreUsers).toBeGreaterThan(0);
    expect(model.counters.reactivatedStoreUsers).toBeGreaterThan(0);
    expect(model.counters.inactiveUsers).toBeGreaterThan(0);
    expect(
      model.stores.some((store) => !store.isActive && memberStoresOf(model, model.platformIds[0]!).includes(store)),
    ).toBe(true);
    expect(model.domains.some((domain) => domain.isVerified)).toBe(true);
    expect(model.domains.some((domain) => !domain.isVerified)).toBe(true);
    const populated = model.platformIds.slice(0, 4).map((platformId) => expectedPlatformMetrics(model, platformId));
    for (const expected of populated) {
      // Distinct merchants must differ from stores, or a missing DISTINCT would pass.
      expect(expected['tenancy.total_stores']).toBeGreaterThan(expected['tenancy.merchants']!);
    }
    expect(populated.some((expected) => expected['tenancy.total_stores']! > expected['tenancy.active_stores']!)).toBe(
      true,
    );
    expect(new Set(populated.map((expected) => expected['tenancy.total_stores'])).size).toBeGreaterThan(1);
    const teamRowsOnPlatform0 = [...model.storeUsers].filter(([key, active]) => {
      const storeId = Number(key.split(':')[0]);
      return active && model.memberships.get(`${storeId}:${model.platformIds[0]}`) === true;
    }).length;
    expect(teamRowsOnPlatform0).toBeGreaterThan(
      expectedPlatformMetrics(model, model.platformIds[0]!)['tenancy.team_members']!,
    );
  });

  it('matches the independently computed store metrics for every store', async () => {
    for (const store of model.stores) {
      const metrics = await provider.getStoreMetrics(database.db, store.id, context);
      expect(metrics.map((metric) => metric.key)).toEqual([
        'tenancy.team_members',
        'tenancy.domains',
        'tenancy.verified_domains',
      ]);
      expect({ storeId: store.id, ...byKey(metrics) }).toEqual({
        storeId: store.id,
        ...expectedStoreMetrics(model, store.id),
      });
    }
    const totals = model.stores.map((store) => expectedStoreMetrics(model, store.id));
    expect(totals.reduce((sum, expected) => sum + expected['tenancy.team_members']!, 0)).toBeGreaterThan(0);
    expect(totals.reduce((sum, expected) => sum + expected['tenancy.verified_domains']!, 0)).toBeGreaterThan(0);
  });

  it('matches the independently computed platform metrics for every platform, empty and unknown ones included', async () => {
    for (const platformId of [...model.platformIds, 987_654]) {
      const metrics = await provider.getPlatformMetrics(database.db, platformId, context);
      expect(metrics.map((metric) => metric.key)).toEqual([
        'tenancy.total_stores',
        'tenancy.active_stores',
        'tenancy.merchants',
        'tenancy.team_members',
      ]);
      expect({ platformId, ...byKey(metrics) }).toEqual({ platformId, ...expectedPlatformMetrics(model, platformId) });
    }
    expect(byKey(await provider.getPlatformMetrics(database.db, model.platformIds[4]!, context))).toEqual({
      'tenancy.total_stores': 0,
      'tenancy.active_stores': 0,
      'tenancy.merchants': 0,
      'tenancy.team_members': 0,
    });
  });

  it('returns valid, described, current-state metric values of category tenancy', async () => {
    const metrics = [
      ...(await provider.getStoreMetrics(database.db, model.stores[0]!.id, context)),
      ...(await provider.getPlatformMetrics(database.db, model.platformIds[0]!, context)),
    ];
    for (const metric of metrics) {
      expect(metricValueSchema.parse(metric)).toEqual(metric);
      expect(metric).toMatchObject({ category: 'tenancy', label: expect.any(String), icon: expect.any(String) });
      expect(typeof metric.value).toBe('number');
      expect(metric.description?.length).toBeGreaterThan(10);
      expect(metric.trend).toBeUndefined();
      expect(metric.trendValue).toBeUndefined();
    }
    expect(provider.metricsCategory).toBe('tenancy');
  });

  it('computes each level with a single SQL statement', async () => {
    const counter = new QueryCounter();
    const counted: Kysely<TenancyDatabase> = database.db.withPlugin(counter);
    await provider.getPlatformMetrics(counted, model.platformIds[0]!, context);
    expect(counter.count).toBe(1);
    await provider.getStoreMetrics(counted, model.stores[0]!.id, context);
    expect(counter.count).toBe(2);
  });

  it('is what the module definition loads', async () => {
    const loaded = await tenancyModule.metricsProvider!();
    expect(loaded.metricsCategory).toBe('tenancy');
    expect(byKey(await loaded.getPlatformMetrics(database.db, model.platformIds[1]!, context))).toEqual(
      expectedPlatformMetrics(model, model.platformIds[1]!),
    );
  });
});
