import { CompiledQuery, sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.js';
import {
  activeStoreIdsInPlatform,
  hasActiveStoreMembership,
  isActiveStoreInPlatform,
  storePlatformAccess,
  platformExists,
  TenancyService,
  type TenancyDatabase,
} from '../src/index.js';
import { createTenancyTestDatabase, type TenancyTestDatabase } from './tenancy-test-database.js';

/** What another module's schema looks like to the helper: its own table with a `store_id`. */
interface OrdersDatabase extends TenancyDatabase {
  test_orders: { id: number; store_id: number; total: number };
}

describeEachDatabase('active store memberships', (dialect) => {
  let database: TenancyTestDatabase;
  let orders: Kysely<OrdersDatabase>;
  const ids = {
    platformA: 0,
    platformB: 0,
    inactivePlatform: 0,
    storeOnBoth: 0,
    storeOnA: 0,
    storeLeftA: 0,
    storeOnB: 0,
  };

  beforeAll(async () => {
    database = await createTenancyTestDatabase(dialect);
    orders = database.db as Kysely<OrdersDatabase>;
    const tenancy = new TenancyService(database.db);
    ids.platformA = (await tenancy.createPlatform({ code: 'a', name: 'A' })).id;
    ids.platformB = (await tenancy.createPlatform({ code: 'b', name: 'B' })).id;
    ids.inactivePlatform = (await tenancy.createPlatform({ code: 'off', name: 'Off' })).id;
    await tenancy.setPlatformActive(ids.inactivePlatform, false);
    const merchant = await tenancy.createMerchant({ name: 'M' });
    const store = async (code: string) =>
      (await tenancy.createStore({ merchantId: merchant.id, code, name: code, defaultCurrency: 'EUR' })).id;
    ids.storeOnBoth = await store('both');
    ids.storeOnA = await store('only-a');
    ids.storeLeftA = await store('left-a');
    ids.storeOnB = await store('only-b');
    await tenancy.addStoreToPlatform(ids.storeOnBoth, ids.platformA);
    await tenancy.addStoreToPlatform(ids.storeOnBoth, ids.platformB);
    await tenancy.addStoreToPlatform(ids.storeOnA, ids.platformA);
    await tenancy.addStoreToPlatform(ids.storeLeftA, ids.platformA);
    await tenancy.removeStoreFromPlatform(ids.storeLeftA, ids.platformA);
    await tenancy.addStoreToPlatform(ids.storeOnB, ids.platformB);

    await database.db.schema
      .createTable('test_orders')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('store_id', 'integer', (c) => c.notNull())
      .addColumn('total', 'integer', (c) => c.notNull())
      .execute();
    let id = 0;
    const rows = [
      ...[10, 20, 30].map((total) => ({ store_id: ids.storeOnBoth, total })),
      ...[1, 2].map((total) => ({ store_id: ids.storeOnA, total })),
      ...[100, 200].map((total) => ({ store_id: ids.storeLeftA, total })),
      ...[1000].map((total) => ({ store_id: ids.storeOnB, total })),
    ];
    await orders
      .insertInto('test_orders')
      .values(rows.map((row) => ({ id: ++id, ...row })))
      .execute();
  });
  afterAll(async () => {
    await database?.destroy();
  });

  async function orderTotals(platformId: number) {
    const row = await orders
      .selectFrom('test_orders')
      .where('test_orders.store_id', 'in', activeStoreIdsInPlatform(orders, platformId))
      .select((eb) => [
        eb.fn.countAll().as('count'),
        eb.fn.sum<number | string | null>('test_orders.total').as('total'),
      ])
      .executeTakeFirstOrThrow();
    return { count: Number(row.count), total: Number(row.total ?? 0) };
  }

  it('scopes another module’s aggregate to the active stores of a platform, without duplicating rows', async () => {
    expect(await orderTotals(ids.platformA)).toEqual({ count: 5, total: 63 });
    expect(await orderTotals(ids.platformB)).toEqual({ count: 4, total: 1060 });
    expect(await orderTotals(ids.inactivePlatform)).toEqual({ count: 0, total: 0 });
    expect(await orderTotals(987_654)).toEqual({ count: 0, total: 0 });
  });

  it('selects each active member store once', async () => {
    const rows = await activeStoreIdsInPlatform(database.db, ids.platformA).orderBy('store_id').execute();
    expect(rows).toEqual([{ store_id: ids.storeOnBoth }, { store_id: ids.storeOnA }]);
  });

  it('rejects a malformed platform id as ORION_ERR_VALIDATION', () => {
    expect(() => activeStoreIdsInPlatform(database.db, 0)).toThrow(
      expect.objectContaining({ code: 'ORION_ERR_VALIDATION' }),
    );
    expect(() => activeStoreIdsInPlatform(database.db, 1.5)).toThrow(
      expect.objectContaining({ code: 'ORION_ERR_VALIDATION' }),
    );
  });

  async function orderTotalsPerRow(platformId: number, store: Parameters<typeof isActiveStoreInPlatform>[0]) {
    const row = await orders
      .selectFrom('test_orders as o')
      .where(isActiveStoreInPlatform(store, platformId))
      .select((eb) => [eb.fn.countAll().as('count'), eb.fn.sum<number | string | null>('o.total').as('total')])
      .executeTakeFirstOrThrow();
    return { count: Number(row.count), total: Number(row.total ?? 0) };
  }

  it('checks each outer row’s store for an active membership, as the in-list does', async () => {
    for (const store of ['o.store_id', sql<number>`+o.store_id`]) {
      expect(await orderTotalsPerRow(ids.platformA, store)).toEqual({ count: 5, total: 63 });
      expect(await orderTotalsPerRow(ids.platformB, store)).toEqual({ count: 4, total: 1060 });
      expect(await orderTotalsPerRow(ids.inactivePlatform, store)).toEqual({ count: 0, total: 0 });
      expect(await orderTotalsPerRow(987_654, store)).toEqual({ count: 0, total: 0 });
    }
    for (const bad of [0, -3, 1.5, Number.NaN]) {
      expect(() => isActiveStoreInPlatform('o.store_id', bad)).toThrow(
        expect.objectContaining({ code: 'ORION_ERR_VALIDATION' }),
      );
    }
  });

  // SQLite's plan: PostgreSQL joins tables this small however the query is written; its per-row
  // seeks are checked at size by the plan tests of the modules that use the helper.
  it.skipIf(dialect !== 'sqlite')(
    'checks each outer row with one seek of store_platforms, every key column an equality (SQLite)',
    async () => {
      const query = orders
        .selectFrom('test_orders as o')
        .where(isActiveStoreInPlatform('o.store_id', ids.platformA))
        .select((eb) => eb.fn.countAll().as('count'))
        .compile();
      const result = await database.db.executeQuery<{ detail: string }>(
        CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]),
      );
      const lines = result.rows.map((row) => row.detail);
      const seek = lines.filter((line) => /\bstore_platforms\b/.test(line));
      expect(seek, lines.join('\n')).toHaveLength(1);
      expect(seek[0], lines.join('\n')).toMatch(
        /^SEARCH store_platforms (EXISTS )?USING (COVERING )?INDEX \w+ \((\w+=\? AND )*\w+=\?\)$/,
      );
      expect(seek[0]).toContain('store_id=?');
    },
  );

  it('answers whether a store is an active member of a platform', async () => {
    expect(await hasActiveStoreMembership(database.db, ids.storeOnBoth, ids.platformA)).toBe(true);
    expect(await hasActiveStoreMembership(database.db, ids.storeOnBoth, ids.platformB)).toBe(true);
    expect(await hasActiveStoreMembership(database.db, ids.storeOnA, ids.platformB)).toBe(false);
    expect(await hasActiveStoreMembership(database.db, ids.storeLeftA, ids.platformA)).toBe(false);
    expect(await hasActiveStoreMembership(database.db, 987_654, ids.platformA)).toBe(false);
    for (const bad of [0, -3, 1.5, Number.NaN, 2 ** 40]) {
      expect(await hasActiveStoreMembership(database.db, bad, ids.platformA)).toBe(false);
      expect(await hasActiveStoreMembership(database.db, ids.storeOnA, bad)).toBe(false);
    }
  });

  it('answers platform existence and active membership in one call', async () => {
    expect(await storePlatformAccess(database.db, ids.storeOnBoth, ids.platformB)).toEqual({
      platformExists: true,
      activeMember: true,
    });
    expect(await storePlatformAccess(database.db, ids.storeLeftA, ids.platformA)).toEqual({
      platformExists: true,
      activeMember: false,
    });
    expect(await storePlatformAccess(database.db, ids.storeOnA, 987_654)).toEqual({
      platformExists: false,
      activeMember: false,
    });
    expect(await storePlatformAccess(database.db, -1, ids.platformA)).toEqual({
      platformExists: true,
      activeMember: false,
    });
    expect(await storePlatformAccess(database.db, ids.storeOnA, 0)).toEqual({
      platformExists: false,
      activeMember: false,
    });
  });

  it('answers whether a platform exists, active or not', async () => {
    expect(await platformExists(database.db, ids.platformA)).toBe(true);
    expect(await platformExists(database.db, ids.inactivePlatform)).toBe(true);
    expect(await platformExists(database.db, 987_654)).toBe(false);
    for (const bad of [0, -3, 1.5, Number.NaN, 2 ** 40]) expect(await platformExists(database.db, bad)).toBe(false);
  });

  it('is answered from the (platform_id, is_active, store_id) index', async () => {
    const query = activeStoreIdsInPlatform(database.db, ids.platformA).compile();
    const explain = (prefix: string) => CompiledQuery.raw(`${prefix} ${query.sql}`, [...query.parameters]);
    let plan: string;
    if (dialect === 'sqlite') {
      const result = await database.db.executeQuery<{ detail: string }>(explain('explain query plan'));
      plan = result.rows.map((row) => row.detail).join('\n');
    } else {
      // The tables are tiny, so forbid sequential scans to see which index the planner would use.
      plan = await database.db.connection().execute(async (connection) => {
        await sql`set enable_seqscan = off`.execute(connection);
        try {
          const result = await connection.executeQuery<{ 'QUERY PLAN': string }>(explain('explain'));
          return result.rows.map((row) => row['QUERY PLAN']).join('\n');
        } finally {
          await sql`reset enable_seqscan`.execute(connection);
        }
      });
    }
    expect(plan).toContain('store_platforms_platform_active_store_idx');
  });
});
