/**
 * The store-deletion tests of the trigger-kept rollups (issue 12): deleting a store cascades (foreign
 * keys `on delete cascade`) into tenancy's `store_platforms` and into a module's rows and per-store
 * totals, and the module's triggers on both sides must take the store out of its platforms' rollups
 * exactly once, whatever order the cascades run in. {@link describeStoreDeletion} runs the same three
 * cases for a module on both databases:
 *
 * - stores deleted with the real cascade, then with the cascades forced into each order that matters
 *   ({@link cascadeOrders}; {@link deleteStoreInCascadeOrder});
 * - a merchant with stores (refused by `stores.merchant_id`, then deleted after its stores);
 * - a platform (cascading into its memberships);
 *
 * and after each step compares every store and platform dashboard figure of the module with numbers
 * the test computes in plain TypeScript from the rows left, and checks that the module's `rebuild`
 * changes no rollup row.
 */
import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDatabase, useTestHosts, type TestDialect } from '../../packages/testing/src/vitest.js';
import { sqlDialectOf, type AnyDatabase, type ModuleDefinition } from '../../packages/contracts/src/index.js';
import { TenancyService } from '../../packages/tenancy/src/index.js';
import type { ComparableMetric } from './metric-oracle.js';
import { seededRandom, type Random } from './random.js';
import type { TenancyFixture } from './tenancy-fixture.js';
import { compareDashboards, MembershipModel } from './write-paths.js';

const DAY = 86_400_000;

/** A dashboard window the checks read: one on whole hours, one whose edges fall inside days. */
export interface DeletionWindow {
  dateFrom: Date;
  dateTo: Date;
}

/** What {@link describeStoreDeletion} needs of a module; one per test, with its own model of the rows. */
export interface DeletionSubject {
  /** The modules to host: the module and those it requires (none for tenancy, which every host has). */
  modules: ModuleDefinition[];
  /** The dashboard category compared. */
  category: string;
  /** The tables kept by the module's triggers, compared before and after `rebuild`. */
  rollupTables: string[];
  /** The module's tables with a `store_id` foreign key `on delete cascade` to `stores`. */
  cascadeTables: string[];
  /** Writes the module's rows for every store of the fixture, with creation times inside `window`s. */
  seed(db: Kysely<AnyDatabase>, fixture: TenancyFixture, random: Random, now: number): Promise<void>;
  /**
   * Deletes what keeps the stores from being deleted (orders restrict `stores`) in the same
   * transaction, and forgets it in the model.
   */
  clearRestrictingRows?(db: Kysely<AnyDatabase>, storeIds: number[]): Promise<void>;
  /** Forgets the store's rows in the model (the cascade deleted them). */
  forgetStore(storeId: number): void;
  /** The expected figures of the stores `storeIds` (one store, or a platform's active stores). */
  expected(
    window: DeletionWindow,
    fixture: TenancyFixture,
  ): (storeIds: Set<number>, level: 'store' | 'platform') => ComparableMetric[];
  /** The module's `rebuild` hook (`orion rebuild <module>`). */
  rebuild(db: Kysely<AnyDatabase>): void | Promise<void>;
}

/**
 * The cascade orders worth testing for a module's `tables`: `store_platforms` placed before, between
 * and after them, with the module's tables in creation order and reversed. (Tenancy's memberships
 * fire first with the default schema on both databases; the other positions are what a restored or
 * rebuilt schema can give.)
 */
export function cascadeOrders(tables: string[]): string[][] {
  const orders = new Map<string, string[]>();
  for (const base of [tables, [...tables].reverse()]) {
    for (let at = 0; at <= base.length; at++) {
      const order = [...base.slice(0, at), 'store_platforms', ...base.slice(at)];
      orders.set(order.join(), order);
    }
  }
  return [...orders.values()];
}

/**
 * Deletes store `storeId` so that the cascades into `order` (tables referencing `stores` with
 * `on delete cascade`) run in that order, the store row being gone already, as in a real cascade.
 *
 * PostgreSQL runs the real cascade: it fires a table's referential triggers in name order, and a
 * foreign key re-created gets new trigger names that sort last, so the keys are re-created in
 * `order` (in the deleting transaction) and the resulting firing order is asserted. SQLite runs its
 * cascades in an order fixed by the schema, so the cascade is written out: with foreign keys off,
 * the store row is deleted, then its rows table by table in `order`, each row firing its triggers
 * as a cascaded delete does; `foreign_key_check` confirms nothing was left behind.
 */
export async function deleteStoreInCascadeOrder(
  db: Kysely<AnyDatabase>,
  storeId: number,
  order: string[],
): Promise<void> {
  if (sqlDialectOf(db) === 'postgres') {
    await db.transaction().execute(async (trx) => {
      for (const table of order) {
        const key = await sql<{ name: string }>`
          select conname as name from pg_constraint
          where conrelid = ${table}::regclass and confrelid = 'stores'::regclass and contype = 'f'`.execute(trx);
        expect(key.rows).toHaveLength(1);
        const name = key.rows[0]!.name;
        await sql
          .raw(
            `alter table ${table} drop constraint ${name},
             add constraint ${name} foreign key (store_id) references stores (id) on delete cascade`,
          )
          .execute(trx);
      }
      const firing = await sql<{ child: string }>`
        select c.conrelid::regclass::text as child from pg_trigger t join pg_constraint c on c.oid = t.tgconstraint
        where t.tgrelid = 'stores'::regclass and t.tgfoid = 'pg_catalog."RI_FKey_cascade_del"'::regproc
        order by t.tgname collate "C"`.execute(trx);
      expect(firing.rows.map((row) => row.child).filter((child) => order.includes(child))).toEqual(order);
      await trx.deleteFrom('stores').where('id', '=', storeId).execute();
    });
    return;
  }
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('stores').where('id', '=', storeId).execute();
      for (const table of order) await trx.deleteFrom(table).where('store_id', '=', storeId).execute();
    });
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
  expect((await sql`pragma foreign_key_check`.execute(db)).rows).toEqual([]);
}

/** Every row of `tables`, each table's rows sorted, values as strings: what a rebuild must not change. */
async function snapshot(db: Kysely<AnyDatabase>, tables: string[]): Promise<Record<string, string[]>> {
  const result: Record<string, string[]> = {};
  for (const table of tables) {
    const { rows } = await sql.raw<Record<string, unknown>>(`select * from ${table}`).execute(db);
    result[table] = rows
      .map((row) =>
        JSON.stringify(
          Object.entries(row).map(([column, value]) => [
            column,
            value instanceof Date ? value.toISOString() : String(value),
          ]),
        ),
      )
      .sort();
  }
  return result;
}

/** Two platforms, three merchants, `stores` stores: on both platforms, on the first (and inactive on the second), on the second. */
async function seedStores(
  db: Kysely<AnyDatabase>,
  stores: number,
): Promise<TenancyFixture & { merchantIds: number[] }> {
  const tenancy = new TenancyService(db);
  const platformIds: number[] = [];
  for (const code of ['north', 'south']) platformIds.push((await tenancy.createPlatform({ code, name: code })).id);
  const merchantIds: number[] = [];
  for (let m = 0; m < 3; m++) merchantIds.push((await tenancy.createMerchant({ name: `Merchant ${m + 1}` })).id);
  const fixture: TenancyFixture & { merchantIds: number[] } = {
    platformIds,
    merchantIds,
    stores: [],
    memberships: [],
    activeStoreIds: (platformId) =>
      new Set(fixture.memberships.filter((m) => m.platformId === platformId && m.isActive).map((m) => m.storeId)),
    storePlatform: (storeId) => fixture.memberships.find((m) => m.storeId === storeId && m.isActive)?.platformId,
  };
  for (let s = 0; s < stores; s++) {
    const merchantId = merchantIds[s % merchantIds.length]!;
    const store = await tenancy.createStore({
      merchantId,
      code: `store-${s + 1}`,
      name: `Store ${s + 1}`,
      defaultCurrency: 'EUR',
    });
    const isActive = s % 5 !== 4;
    if (!isActive) await tenancy.setStoreActive(store.id, false);
    fixture.stores.push({ id: store.id, merchantId, isActive });
    const memberships: [number, boolean][] =
      s % 3 === 0
        ? [
            [platformIds[0]!, true],
            [platformIds[1]!, true],
          ]
        : s % 3 === 1
          ? [
              [platformIds[0]!, true],
              [platformIds[1]!, false],
            ]
          : [[platformIds[1]!, true]];
    for (const [platformId, membershipActive] of memberships) {
      await tenancy.addStoreToPlatform(store.id, platformId);
      if (!membershipActive) await tenancy.removeStoreFromPlatform(store.id, platformId);
      fixture.memberships.push({ storeId: store.id, platformId, isActive: membershipActive });
    }
  }
  return fixture;
}

/**
 * Declares, for both databases, the store, merchant and platform deletion tests of the module that
 * `subject()` describes (a fresh subject, with an empty model, per test).
 */
export function describeStoreDeletion(title: string, subject: (dialect: TestDialect) => DeletionSubject): void {
  describeEachDatabase(title, (dialect) => {
    const hosts = useTestHosts(dialect);

    const start = async (stores: number) => {
      const module = subject(dialect);
      const { orion } = await hosts.start({ modules: module.modules });
      const db = orion.db;
      const fixture = await seedStores(db, stores);
      const model = new MembershipModel(fixture);
      const now = Math.ceil(Date.now() / 3_600_000) * 3_600_000 + DAY;
      await module.seed(db, fixture, seededRandom(20_261_212), now);
      const cutTo = new Date(now - 7 * 3_600_000 - 12_345);
      const windows: DeletionWindow[] = [
        { dateFrom: new Date(now - 10 * DAY), dateTo: new Date(now) },
        { dateFrom: new Date(cutTo.getTime() - 9 * DAY - 13 * 3_600_000 - 678), dateTo: cutTo },
      ];
      /** Every figure against the model, then `rebuild` changes no rollup row. */
      const check = async () => {
        let figures = 0;
        for (const window of windows) {
          const context = { ...window, includeTrends: true };
          figures += await compareDashboards(
            orion,
            module.category,
            fixture,
            model,
            context,
            module.expected(window, fixture),
          );
        }
        const kept = await snapshot(db, module.rollupTables);
        await module.rebuild(db);
        expect(await snapshot(db, module.rollupTables)).toEqual(kept);
        return figures;
      };
      const forgetStores = (storeIds: number[]) => {
        for (const storeId of storeIds) {
          module.forgetStore(storeId);
          fixture.stores.splice(
            fixture.stores.findIndex((store) => store.id === storeId),
            1,
          );
          for (const platformId of fixture.platformIds) model.set(storeId, platformId, undefined);
        }
      };
      return { module, db, fixture, model, check, forgetStores };
    };

    it('takes a deleted store out of its platforms exactly once, whatever order the cascades run in', async () => {
      const probe = subject(dialect);
      const orders = cascadeOrders(probe.cascadeTables);
      const { module, db, fixture, check, forgetStores } = await start(orders.length + 4);
      expect(await check()).toBeGreaterThan(20);

      // the real cascade, as the schema orders it
      const first = fixture.stores[0]!.id;
      if (module.clearRestrictingRows) {
        await expect(db.deleteFrom('stores').where('id', '=', first).execute()).rejects.toThrow(/foreign key/i);
        await check();
      }
      await db.transaction().execute(async (trx) => {
        await module.clearRestrictingRows?.(trx, [first]);
        await trx.deleteFrom('stores').where('id', '=', first).execute();
      });
      forgetStores([first]);
      await check();

      for (const order of orders) {
        const storeId = fixture.stores[0]!.id;
        await module.clearRestrictingRows?.(db, [storeId]);
        await deleteStoreInCascadeOrder(db, storeId, order);
        forgetStores([storeId]);
        await check().catch((error: Error) => {
          throw new Error(`after the cascades in the order ${order.join(' → ')}: ${error.message}`, { cause: error });
        });
      }
    });

    it('takes the stores of a deleted merchant out of their platforms', async () => {
      const { module, db, fixture, check, forgetStores } = await start(9);
      const merchantId = fixture.merchantIds[0]!;
      const storeIds = fixture.stores.filter((store) => store.merchantId === merchantId).map((store) => store.id);
      expect(storeIds.length).toBeGreaterThan(1);
      // `stores.merchant_id` restricts: a merchant goes after its stores
      await expect(db.deleteFrom('merchants').where('id', '=', merchantId).execute()).rejects.toThrow(/foreign key/i);
      await check();
      await db.transaction().execute(async (trx) => {
        await module.clearRestrictingRows?.(trx, storeIds);
        await trx.deleteFrom('stores').where('merchant_id', '=', merchantId).execute();
        await trx.deleteFrom('merchants').where('id', '=', merchantId).execute();
      });
      forgetStores(storeIds);
      expect(await check()).toBeGreaterThan(10);
    });

    it('takes every store out of a deleted platform and leaves the others exact', async () => {
      const { db, fixture, model, check } = await start(9);
      const platformId = fixture.platformIds[0]!;
      await db.deleteFrom('platforms').where('id', '=', platformId).execute();
      for (const store of fixture.stores) model.set(store.id, platformId, undefined);
      fixture.platformIds.splice(0, 1);
      expect(await check()).toBeGreaterThan(10);
    });
  });
}
