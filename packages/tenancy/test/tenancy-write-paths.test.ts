/**
 * Every write path keeps the tenancy dashboards exact (issue 12), in particular the platform
 * figures, which the database keeps per platform (distinct team members; stores, active stores and
 * distinct merchants): seeded random team changes through the service and plain SQL (inserts,
 * activation, moves to another user or store, deletes, `COPY` on PostgreSQL), interleaved with
 * membership flips through the service and SQL (one row or several per statement, `COPY` on
 * PostgreSQL) and store changes (activation through the service and in SQL, several stores per
 * statement, moves to another merchant); then every figure of every store and platform dashboard is
 * compared with numbers computed in plain TypeScript from the rows the test wrote, and a rebuild
 * changes nothing.
 */
import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import type { AnyDatabase } from '../../../packages/contracts/src/index.js';
import { describeEachDatabase, useTestHosts, type TestDialect } from '../../../packages/testing/src/vitest.js';
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

  /**
   * The seeded run; `withoutTriggers` drops the triggers of `tenancy_004_platform_stores` first (the
   * run must then fail).
   */
  async function run(withoutTriggers: boolean): Promise<void> {
    const { orion } = await hosts.start({ modules: [] });
    const db = orion.db;
    if (withoutTriggers) await dropPlatformStoresTriggers(db, dialect);
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
    const merchantIds = [...new Set(fixture.stores.map((store) => store.merchantId))];
    merchantIds.push((await tenancy.createMerchant({ name: 'Merchant without stores' })).id);
    const done = new Set<number>();
    const postgresOnly = new Set([8]);

    for (let step = 0; step < 280; step++) {
      const op = random.int(0, 13);
      if (dialect !== 'postgres' && postgresOnly.has(op)) continue;
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
      } else if (op === 9) {
        const store = random.pick(fixture.stores);
        await tenancy.setStoreActive(store.id, !store.isActive);
        store.isActive = !store.isActive;
      } else if (op === 10) {
        // every store of one merchant at once
        const merchantId = random.pick(merchantIds);
        const isActive = random.chance(0.5);
        await db.updateTable('stores').set({ is_active: isActive }).where('merchant_id', '=', merchantId).execute();
        for (const store of fixture.stores) if (store.merchantId === merchantId) store.isActive = isActive;
      } else if (op === 11) {
        // a store moves to another merchant, sometimes activated or deactivated by the same statement
        const store = random.pick(fixture.stores);
        const merchantId = random.pick(merchantIds);
        const isActive = random.chance(0.3) ? !store.isActive : store.isActive;
        await db
          .updateTable('stores')
          .set({ merchant_id: merchantId, is_active: isActive })
          .where('id', '=', store.id)
          .execute();
        Object.assign(store, { merchantId, isActive });
      } else if (op === 12) {
        // several memberships of one platform per statement: (de)activated or deleted
        const platformId = random.pick(fixture.platformIds);
        const chosen = random
          .shuffle(storeIds.filter((id) => memberships.get(id, platformId) !== undefined))
          .slice(0, random.int(2, 5));
        if (chosen.length === 0) continue;
        const remove = random.chance(0.2);
        const isActive = random.chance(0.6);
        if (remove) {
          await db
            .deleteFrom('store_platforms')
            .where('platform_id', '=', platformId)
            .where('store_id', 'in', chosen)
            .execute();
        } else {
          await db
            .updateTable('store_platforms')
            .set({ is_active: isActive })
            .where('platform_id', '=', platformId)
            .where('store_id', 'in', chosen)
            .execute();
        }
        for (const id of chosen) memberships.set(id, platformId, remove ? undefined : isActive);
      } else if (op === 13) {
        const missing = fixture.platformIds.flatMap((platformId) =>
          storeIds.filter((id) => memberships.get(id, platformId) === undefined).map((id) => ({ id, platformId })),
        );
        const rows = random.shuffle(missing).slice(0, random.int(1, 5));
        if (rows.length === 0) continue;
        const active = rows.map(() => random.chance(0.8));
        // several memberships per statement: `COPY` on PostgreSQL, one `insert` on SQLite
        if (dialect === 'postgres') {
          await copyRows(
            db,
            'store_platforms',
            ['store_id', 'platform_id', 'is_active', 'created_at'],
            rows.map((r, i) => [r.id, r.platformId, active[i]!, new Date().toISOString()]),
          );
        } else {
          await db
            .insertInto('store_platforms')
            .values(
              rows.map((r, i) => ({
                store_id: r.id,
                platform_id: r.platformId,
                is_active: active[i]!,
                created_at: new Date().toISOString(),
              })),
            )
            .execute();
        }
        rows.forEach((r, i) => memberships.set(r.id, r.platformId, active[i]));
      } else {
        continue;
      }
      done.add(op);
    }
    expect(done.size).toBe(dialect === 'postgres' ? 14 : 13);

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
    // stores moved between merchants and (de)activated: the platform figures saw both
    const storeFigures = fixture.platformIds.map((id) => expected(memberships.activeStoreIds(id), 'platform'));
    expect(storeFigures.some(([total, active]) => active!.value > 0 && active!.value < total!.value)).toBe(true);
    expect(storeFigures.some(([total, , merchants]) => merchants!.value > 1 && merchants!.value < total!.value)).toBe(
      true,
    );

    // the platform's figures come from its rollup rows, found by their primary keys: no
    // store_users, store_platforms or stores read, however many stores and team rows the platform has
    const plan = await explainPlan(db, platformMetricsQuery(db, fixture.platformIds[0]!).compile());
    expect(plan).not.toMatch(/store_users|store_platforms|\bstores\b/);
    expect(plan).toMatch(
      dialect === 'postgres'
        ? /tenancy_platform_totals_pkey/
        : /tenancy_platform_totals USING (INTEGER PRIMARY KEY|.*INDEX)/,
    );
    expect(plan).toMatch(
      dialect === 'postgres'
        ? /tenancy_platform_stores_pkey/
        : /tenancy_platform_stores USING (INTEGER PRIMARY KEY|.*INDEX)/,
    );

    const rollup = async () => ({
      members: await db
        .selectFrom('tenancy_platform_team_members')
        .selectAll()
        .orderBy(['platform_id', 'user_id'])
        .execute(),
      totals: await db.selectFrom('tenancy_platform_totals').selectAll().orderBy('platform_id').execute(),
      merchants: await db
        .selectFrom('tenancy_platform_merchants')
        .selectAll()
        .orderBy(['platform_id', 'merchant_id'])
        .execute(),
      stores: await db.selectFrom('tenancy_platform_stores').selectAll().orderBy('platform_id').execute(),
    });
    const kept = await rollup();
    expect(kept.stores.length).toBeGreaterThan(0);
    await tenancy.rebuildPlatformTeamMembers();
    expect(await rollup()).toEqual(kept);
    await tenancy.rebuildPlatformStores();
    expect(await rollup()).toEqual(kept);
    await tenancyModule.rebuild!({ db }); // `orion rebuild tenancy`
    expect(await rollup()).toEqual(kept);
  }

  it('keeps every dashboard figure exact through services, SQL and COPY, and a rebuild changes nothing', async () => {
    await run(false);
  });

  it('fails without the per-platform store triggers', async () => {
    await expect(run(true)).rejects.toThrow(/platformId/);
  });
});

/** Drops the triggers of `tenancy_004_platform_stores` (and nothing else). */
async function dropPlatformStoresTriggers(db: Kysely<AnyDatabase>, dialect: TestDialect): Promise<void> {
  const { rows } =
    dialect === 'postgres'
      ? await sql<{ name: string; table: string }>`
          select t.tgname as name, c.relname as table
          from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
          where not t.tgisinternal and t.tgname like 'tenancy_platform_stores_%' and n.nspname = current_schema()`.execute(
          db,
        )
      : await sql<{ name: string; table: string }>`
          select name, tbl_name as "table" from sqlite_master
          where type = 'trigger' and name like 'tenancy_platform_stores_%'`.execute(db);
  expect(rows.length).toBe(5);
  for (const row of rows) {
    await sql.raw(`drop trigger ${row.name}${dialect === 'postgres' ? ` on ${row.table}` : ''}`).execute(db);
  }
}
