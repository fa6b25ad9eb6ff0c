/**
 * The customers triggers cost what a statement touches, never a whole table (`customers_006_seek_triggers`):
 * on PostgreSQL, over 3,000 activity rows of 1,500 customers with statistics gathered, an insert of
 * 400 orders (some before their customer's others, so previous orders move), an update and a delete
 * run their statement-level triggers without one sequential scan of `customer_order_activity` or
 * `customers` (counted in `pg_stat_xact_user_tables`), and leave the previous orders and the platform
 * rollups exactly as `orion rebuild customers` computes them. With `customers_006` down, the same
 * insert scans the activity again (the quadratic bulk load it fixed). On SQLite it changes nothing.
 */
import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { seededRandom } from '../../../test/support/random.js';
import { seedTenancy } from '../../../test/support/tenancy-fixture.js';
import { customersModule, type CustomersDatabase } from '../src/index.js';

const DAY = 86_400_000;
const scanned = ['customer_order_activity', 'customers'] as const;

describeEachDatabase('customers trigger scans', (dialect) => {
  const hosts = useTestHosts(dialect);
  const seekTriggers = customersModule.migrations.customers_006_seek_triggers!;

  async function seed() {
    const { orion } = await hosts.start({ modules: [customersModule] });
    const db = orion.db as Kysely<CustomersDatabase>;
    const random = seededRandom(20_261_201);
    const fixture = await seedTenancy(db, random, { platforms: 2, merchants: 2, stores: 8 });
    const storeIds = fixture.stores.map((store) => store.id);
    const now = Date.parse('2026-06-01T00:00:00.000Z');
    const at = (days: number) => new Date(now - days * DAY + random.int(0, DAY - 1)).toISOString();
    const customers = Array.from({ length: 1_500 }, (_, i) => {
      const createdAt = at(random.int(40, 60));
      return {
        store_id: random.pick(storeIds),
        email: `customer${i}@example.com`,
        first_name: null,
        last_name: null,
        name_key: '',
        phone: null,
        locale: null,
        is_active: true,
        first_order_at: null,
        last_order_at: null,
        orders_count: 0,
        created_at: createdAt,
        updated_at: createdAt,
      };
    });
    for (let i = 0; i < customers.length; i += 500)
      await db
        .insertInto('customers')
        .values(customers.slice(i, i + 500))
        .execute();
    const ids = await db.selectFrom('customers').select(['id', 'store_id']).orderBy('id').execute();
    const activity = ids.flatMap((row) =>
      [0, 1].map(() => ({ store_id: row.store_id, customer_id: row.id, placed_at: at(random.int(5, 30)) })),
    );
    for (let i = 0; i < activity.length; i += 1_000)
      await db
        .insertInto('customer_order_activity')
        .values(activity.slice(i, i + 1_000))
        .execute();
    await sql`vacuum analyze`.execute(db);
    // 400 orders of known customers: 300 after their others, 100 before (their previous orders move)
    const orders = () =>
      Array.from({ length: 400 }, (_, i) => {
        const customer = random.pick(ids);
        return {
          store_id: customer.store_id,
          customer_id: customer.id,
          placed_at: at(i < 300 ? random.int(0, 4) : 35),
        };
      });
    return { db, orders };
  }

  /**
   * Sequential scans of each table by `statement` and its triggers: the counts of its transaction so
   * far (`pg_stat_xact_user_tables`, this backend's only), before and after it.
   */
  async function seqScansOf(
    db: Kysely<CustomersDatabase>,
    statement: (db: Kysely<CustomersDatabase>) => Promise<unknown>,
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
    'writes activity without scanning it, exactly as the rebuild computes (scans again without customers_006)',
    async () => {
      const { db, orders } = await seed();
      const none = { customer_order_activity: 0, customers: 0 };

      expect(await seqScansOf(db, (c) => c.insertInto('customer_order_activity').values(orders()).execute())).toEqual(
        none,
      );
      const [low, high] = [500, 560];
      expect(
        await seqScansOf(db, (c) =>
          c
            .updateTable('customer_order_activity')
            .set({ placed_at: sql`placed_at - interval '20 days'` })
            .where('id', '>=', low)
            .where('id', '<', high)
            .execute(),
        ),
      ).toEqual(none);
      expect(
        await seqScansOf(db, (c) =>
          c
            .deleteFrom('customer_order_activity')
            .where('id', '>=', high)
            .where('id', '<', high + 60)
            .execute(),
        ),
      ).toEqual(none);

      // exact: each row's previous order, and the rollups the rebuild computes from the rows
      const { rows: wrong } = await sql<{ n: string }>`
        select count(*) as n from customer_order_activity a join (
          select id, lag(placed_at) over (partition by customer_id order by placed_at, id) as previous
          from customer_order_activity) x on x.id = a.id
        where a.previous_placed_at is distinct from x.previous`.execute(db);
      expect(Number(wrong[0]!.n)).toBe(0);
      const rollups = async () => ({
        totals: (await sql`select * from customers_platform_totals order by 1`.execute(db)).rows,
        days: (await sql`select * from customers_platform_daily_totals order by 1, 2`.execute(db)).rows,
        activityDays: (await sql`select * from customers_platform_activity_days order by 1, 2, 3`.execute(db)).rows,
      });
      const kept = await rollups();
      expect(kept.activityDays.length).toBeGreaterThan(10);
      await customersModule.rebuild!({ db });
      expect(await rollups()).toEqual(kept);

      // the control: customers_004's and customers_005's own triggers scan the activity per statement
      await seekTriggers.down!(db);
      const scans = await seqScansOf(db, (c) => c.insertInto('customer_order_activity').values(orders()).execute());
      expect(scans.customer_order_activity).toBeGreaterThan(0);
    },
    120_000,
  );

  it.skipIf(dialect !== 'sqlite')('changes nothing on SQLite, whose row-level triggers seek already', async () => {
    const { orion } = await hosts.start({ modules: [customersModule] });
    const schema = async () =>
      (await sql`select type, name, sql from sqlite_master order by type, name`.execute(orion.db)).rows;
    const before = await schema();
    await seekTriggers.down!(orion.db);
    expect(await schema()).toEqual(before);
    await seekTriggers.up(orion.db);
    expect(await schema()).toEqual(before);
  });
});
