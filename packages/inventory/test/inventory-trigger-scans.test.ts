/**
 * The inventory triggers cost what a statement touches, never a whole table
 * (`inventory_005_seek_triggers`): on PostgreSQL, over 4,800 items of 40 stores with statistics
 * gathered, an insert of 400 items, updates (quantities, and items moved to another store), a delete
 * that empties a store and membership changes run their statement-level triggers without one
 * sequential scan of `inventory_items` or `inventory_store_totals` (counted in
 * `pg_stat_xact_user_tables`), and leave the store and platform totals exactly as
 * `orion rebuild inventory` computes them. With `inventory_005` down, the same insert scans the items
 * and the store totals again (the quadratic bulk load it fixed). On SQLite it changes nothing.
 */
import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { nowTimestamp } from '@orion/contracts';
import { seededRandom } from '../../../test/support/random.js';
import { seedTenancy } from '../../../test/support/tenancy-fixture.js';
import { inventoryModule, type InventoryDatabase } from '../src/index.js';

const scanned = ['inventory_items', 'inventory_store_totals'] as const;
const locations = ['default', 'north', 'south', 'east'];

describeEachDatabase('inventory trigger scans', (dialect) => {
  const hosts = useTestHosts(dialect);
  const seekTriggers = inventoryModule.migrations.inventory_005_seek_triggers!;

  async function seed() {
    const { orion } = await hosts.start({ modules: [inventoryModule] });
    const db = orion.db as Kysely<InventoryDatabase>;
    const random = seededRandom(20_261_203);
    const fixture = await seedTenancy(db, random, { platforms: 3, merchants: 3, stores: 40 });
    const storeIds = fixture.stores.map((store) => store.id);
    const now = nowTimestamp();
    const item = (storeId: number, sku: string) => ({
      store_id: storeId,
      sku,
      location: random.pick(locations),
      quantity: random.pick([-3, 0, 0, 1, 2, 4, 7, 15, 40]),
      low_stock_threshold: random.int(0, 5),
      updated_at: now,
    });
    // store after store, 120 items each: a store's items are together, as a bulk load leaves them
    for (let s = 0; s < storeIds.length; s += 8) {
      const rows = storeIds
        .slice(s, s + 8)
        .flatMap((storeId) => Array.from({ length: 120 }, (_, i) => item(storeId, `SKU-${i}`)));
      await db.insertInto('inventory_items').values(rows).execute();
    }
    await sql`vacuum analyze`.execute(db);
    // the id of the first item: store k's items are first + 120k onwards
    const { first } = await db
      .selectFrom('inventory_items')
      .select((eb) => eb.fn.min('id').as('first'))
      .executeTakeFirstOrThrow();
    let batch = 0;
    // 400 new items of random stores
    const items = () => {
      batch++;
      return Array.from({ length: 400 }, (_, i) => item(random.pick(storeIds), `NEW-${batch}-${i}`));
    };
    return { db, fixture, storeIds, items, first: Number(first) };
  }

  /**
   * Sequential scans of each table by `statement` and its triggers: the counts of its transaction so
   * far (`pg_stat_xact_user_tables`, this backend's only), before and after it.
   */
  async function seqScansOf(
    db: Kysely<InventoryDatabase>,
    statement: (db: Kysely<InventoryDatabase>) => Promise<unknown>,
  ) {
    return db.transaction().execute(async (trx) => {
      const counts = async () => {
        const { rows } = await sql<{ relname: string; seq_scan: string }>`
          select relname, seq_scan from pg_stat_xact_user_tables where relname in (${sql.join([...scanned])})`.execute(
          trx,
        );
        return Object.fromEntries(rows.map((row) => [row.relname, Number(row.seq_scan)]));
      };
      const before = await counts();
      await statement(trx);
      const after = await counts();
      return Object.fromEntries(scanned.map((table) => [table, after[table]! - before[table]!]));
    });
  }

  it.skipIf(dialect !== 'postgres')(
    'writes items and memberships without scanning the items or the store totals, exactly as the rebuild computes (scans again without inventory_005)',
    async () => {
      const { db, fixture, storeIds, items, first } = await seed();
      const none = { inventory_items: 0, inventory_store_totals: 0 };
      const [emptied, target] = [storeIds[3]!, storeIds[5]!];

      expect(await seqScansOf(db, (c) => c.insertInto('inventory_items').values(items()).execute())).toEqual(none);
      // quantities and thresholds of 60 items of a few stores
      expect(
        await seqScansOf(db, (c) =>
          c
            .updateTable('inventory_items')
            .set({ quantity: sql`quantity - 5`, low_stock_threshold: sql`low_stock_threshold + 1` })
            .where('id', '>=', first + 1_000)
            .where('id', '<', first + 1_060)
            .execute(),
        ),
      ).toEqual(none);
      // 20 items of one store moved to another (new SKUs there): both stores' totals change
      expect(
        await seqScansOf(db, (c) =>
          c
            .updateTable('inventory_items')
            .set({ store_id: target, sku: sql`sku || '-moved'` })
            .where('id', '>=', first + 2_000)
            .where('id', '<', first + 2_020)
            .execute(),
        ),
      ).toEqual(none);
      // all items of one store (its totals row goes), then 60 of others
      expect(
        await seqScansOf(db, (c) => c.deleteFrom('inventory_items').where('store_id', '=', emptied).execute()),
      ).toEqual(none);
      expect(
        await seqScansOf(db, (c) =>
          c
            .deleteFrom('inventory_items')
            .where('id', '>=', first + 3_000)
            .where('id', '<', first + 3_060)
            .execute(),
        ),
      ).toEqual(none);
      // memberships: a platform's flipped, another's deleted (their stores' totals read by key)
      const [flipped, removed] = fixture.platformIds;
      expect(
        await seqScansOf(db, (c) =>
          c
            .updateTable('store_platforms')
            .set({ is_active: sql`not is_active` })
            .where('platform_id', '=', flipped!)
            .execute(),
        ),
      ).toEqual(none);
      expect(
        await seqScansOf(db, (c) => c.deleteFrom('store_platforms').where('platform_id', '=', removed!).execute()),
      ).toEqual(none);

      // exact: the store and platform rows the rebuild computes from the items and memberships
      const totals = async () => ({
        stores: (await sql`select * from inventory_store_totals order by store_id`.execute(db)).rows,
        platforms: (await sql`select * from inventory_platform_totals order by platform_id`.execute(db)).rows,
      });
      const kept = await totals();
      expect(kept.stores.map((row) => (row as { store_id: number }).store_id)).not.toContain(emptied);
      expect(kept.stores).toHaveLength(storeIds.length - 1);
      expect(kept.platforms.length).toBeGreaterThan(0);
      await inventoryModule.rebuild!({ db });
      expect(await totals()).toEqual(kept);

      // the control: inventory_003's own triggers scan the items and the store totals per statement
      await seekTriggers.down!(db);
      const scans = await seqScansOf(db, (c) => c.insertInto('inventory_items').values(items()).execute());
      expect(scans.inventory_items).toBeGreaterThan(0);
      expect(scans.inventory_store_totals).toBeGreaterThan(0);
    },
    120_000,
  );

  it.skipIf(dialect !== 'sqlite')('changes nothing on SQLite, whose row-level triggers seek already', async () => {
    const { orion } = await hosts.start({ modules: [inventoryModule] });
    const schema = async () =>
      (await sql`select type, name, sql from sqlite_master order by type, name`.execute(orion.db)).rows;
    const before = await schema();
    await seekTriggers.down!(orion.db);
    expect(await schema()).toEqual(before);
    await seekTriggers.up(orion.db);
    expect(await schema()).toEqual(before);
  });
});
