/**
 * Every write path keeps the tenancy dashboards exact (issue 12), in particular the platform's
 * distinct team members, which the database keeps per platform: seeded random team changes through
 * the service and plain SQL (inserts, activation, moves to another user or store, deletes, `COPY` on
 * PostgreSQL), interleaved with membership flips through the service and SQL; then every figure of
 * every store and platform dashboard is compared with numbers computed in plain TypeScript from the
 * rows the test wrote, and a rebuild changes nothing.
 */
import { expect, it } from 'vitest';
import { describeEachDatabase, useTestHosts } from '../../../packages/testing/src/vitest.js';
import type { ComparableMetric } from '../../../test/support/metric-oracle.js';
import { seededRandom } from '../../../test/support/random.js';
import { seedTenancy } from '../../../test/support/tenancy-fixture.js';
import { compareDashboards, copyRows, flipMembership, MembershipModel } from '../../../test/support/write-paths.js';
import { explainPlan } from '../../../test/support/explain.js';
import { TenancyService, tenancyModule } from '../src/index.js';
import { platformMetricsQuery } from '../src/tenancy-metrics-provider.js';

interface TeamRow {
  storeId: number;
  userId: number;
  isActive: boolean;
}

describeEachDatabase('tenancy write paths', (dialect) => {
  const hosts = useTestHosts(dialect);

  it('keeps every dashboard figure exact through services, SQL and COPY, and a rebuild changes nothing', async () => {
    const { orion } = await hosts.start({ modules: [] });
    const db = orion.db;
    const random = seededRandom(20_261_203);
    const fixture = await seedTenancy(db, random, { platforms: 3, merchants: 4, stores: 12 });
    const memberships = new MembershipModel(fixture);
    const tenancy = new TenancyService(db);
    const userIds: number[] = [];
    for (let i = 0; i < 10; i++) {
      userIds.push((await tenancy.createUser({ email: `user${i}@example.com`, name: `User ${i}` })).id);
    }
    const team = new Map<string, TeamRow>();
    const keyOf = (storeId: number, userId: number) => `${storeId}|${userId}`;
    const storeIds = fixture.stores.map((store) => store.id);
    const freePair = () => {
      for (let attempt = 0; attempt < 40; attempt++) {
        const pair = { storeId: random.pick(storeIds), userId: random.pick(userIds) };
        if (!team.has(keyOf(pair.storeId, pair.userId))) return pair;
      }
      return undefined;
    };
    const pickRow = () => (team.size ? random.pick([...team.values()]) : undefined);
    const done = new Set<number>();

    for (let step = 0; step < 200; step++) {
      const op = random.int(0, dialect === 'postgres' ? 8 : 7);
      const row = pickRow();
      if (op === 0) {
        const pair = freePair();
        if (!pair) continue;
        await tenancy.addStoreUser({ ...pair, role: 'staff' });
        team.set(keyOf(pair.storeId, pair.userId), { ...pair, isActive: true });
      } else if (op === 1 && row) {
        const next = !row.isActive;
        await tenancy.setStoreUserActive(row.storeId, row.userId, next);
        row.isActive = next;
      } else if (op === 2) {
        const rows = new Map<string, TeamRow>();
        for (let i = random.int(1, 6); i > 0; i--) {
          const pair = freePair();
          if (pair) rows.set(keyOf(pair.storeId, pair.userId), { ...pair, isActive: random.chance(0.8) });
        }
        if (rows.size === 0) continue;
        await db
          .insertInto('store_users')
          .values(
            [...rows.values()].map((r) => ({
              store_id: r.storeId,
              user_id: r.userId,
              role: 'staff',
              is_active: r.isActive,
              created_at: new Date().toISOString(),
            })),
          )
          .execute();
        for (const [key, r] of rows) team.set(key, r);
      } else if (op === 3 && row) {
        // every row of one store at once
        const isActive = random.chance(0.5);
        await db.updateTable('store_users').set({ is_active: isActive }).where('store_id', '=', row.storeId).execute();
        for (const other of team.values()) if (other.storeId === row.storeId) other.isActive = isActive;
      } else if (op === 4 && row) {
        const next = random.chance(0.5)
          ? { storeId: row.storeId, userId: random.pick(userIds) }
          : { storeId: random.pick(storeIds), userId: row.userId };
        if (team.has(keyOf(next.storeId, next.userId))) continue;
        await db
          .updateTable('store_users')
          .set({ store_id: next.storeId, user_id: next.userId })
          .where('store_id', '=', row.storeId)
          .where('user_id', '=', row.userId)
          .execute();
        team.delete(keyOf(row.storeId, row.userId));
        Object.assign(row, next);
        team.set(keyOf(row.storeId, row.userId), row);
      } else if (op === 5 && row) {
        const all = random.chance(0.3);
        await db
          .deleteFrom('store_users')
          .where('user_id', '=', row.userId)
          .$if(!all, (query) => query.where('store_id', '=', row.storeId))
          .execute();
        for (const [key, other] of team) {
          if (other.userId === row.userId && (all || other.storeId === row.storeId)) team.delete(key);
        }
      } else if (op === 6 || op === 7) {
        await flipMembership(db, random, fixture, memberships);
      } else if (op === 8) {
        const rows = new Map<string, TeamRow>();
        for (let i = random.int(1, 8); i > 0; i--) {
          const pair = freePair();
          if (pair) rows.set(keyOf(pair.storeId, pair.userId), { ...pair, isActive: random.chance(0.8) });
        }
        if (rows.size === 0) continue;
        await copyRows(
          db,
          'store_users',
          ['store_id', 'user_id', 'role', 'is_active', 'created_at'],
          [...rows.values()].map((r) => [r.storeId, r.userId, 'staff', r.isActive, new Date().toISOString()]),
        );
        for (const [key, r] of rows) team.set(key, r);
      } else {
        continue;
      }
      done.add(op);
    }
    expect(done.size).toBe(dialect === 'postgres' ? 9 : 8);

    const expected = (storeIds: Set<number>, level: 'store' | 'platform'): ComparableMetric[] => {
      const active = [...team.values()].filter((r) => r.isActive && storeIds.has(r.storeId));
      if (level === 'store') {
        return [
          { key: 'tenancy.team_members', value: active.length },
          { key: 'tenancy.domains', value: 0 },
          { key: 'tenancy.verified_domains', value: 0 },
        ];
      }
      const stores = fixture.stores.filter((store) => storeIds.has(store.id));
      return [
        { key: 'tenancy.total_stores', value: stores.length },
        { key: 'tenancy.active_stores', value: stores.filter((store) => store.isActive).length },
        { key: 'tenancy.merchants', value: new Set(stores.map((store) => store.merchantId)).size },
        { key: 'tenancy.team_members', value: new Set(active.map((r) => r.userId)).size },
      ];
    };
    const context = { dateFrom: new Date(Date.now() - 86_400_000), dateTo: new Date(), includeTrends: true };
    expect(await compareDashboards(orion, 'tenancy', fixture, memberships, context, expected)).toBeGreaterThan(30);
    const platformFigures = fixture.platformIds.map((id) => expected(memberships.activeStoreIds(id), 'platform')[3]!);
    expect(platformFigures.some((figure) => figure.value > 3)).toBe(true);

    // the platform's team members come from its one rollup row, found by the primary key: no
    // store_users read, however many team rows the platform has
    const plan = await explainPlan(db, platformMetricsQuery(db, fixture.platformIds[0]!).compile());
    expect(plan).not.toMatch(/store_users/);
    expect(plan).toMatch(
      dialect === 'postgres'
        ? /tenancy_platform_totals_pkey/
        : /tenancy_platform_totals USING (INTEGER PRIMARY KEY|.*INDEX)/,
    );

    const rollup = async () => ({
      members: await db
        .selectFrom('tenancy_platform_team_members')
        .selectAll()
        .orderBy(['platform_id', 'user_id'])
        .execute(),
      totals: await db.selectFrom('tenancy_platform_totals').selectAll().orderBy('platform_id').execute(),
    });
    const kept = await rollup();
    await tenancy.rebuildPlatformTeamMembers();
    expect(await rollup()).toEqual(kept);
    await tenancyModule.rebuild!({ db }); // `orion rebuild tenancy`
    expect(await rollup()).toEqual(kept);
  });
});
