/**
 * Every write path keeps the customers dashboards exact (issue 12): seeded random writes through the
 * service (`recordOrder`, `create`) and plain SQL (customers inserted, moved with their activity to
 * another store, deleted with their activity, `COPY` on PostgreSQL), interleaved with membership
 * flips and store deletions (cascading to memberships, customers and activity); then every figure of
 * every store and platform dashboard, trends included, for windows of whole days and windows cut
 * inside days, is compared with numbers computed in plain TypeScript from the rows the test wrote,
 * and `orion rebuild customers` changes nothing, the platform rollups (`customers_005`) included.
 */
import { expect, it } from 'vitest';
import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
import { expectedTrend, type ComparableMetric } from '../../../test/support/metric-oracle.js';
import { seededRandom } from '../../../test/support/random.js';
import { seedTenancy } from '../../../test/support/tenancy-fixture.js';
import { compareDashboards, copyRows, flipMembership, MembershipModel } from '../../../test/support/write-paths.js';
import { sql } from 'kysely';
import { CustomersService, customersModule } from '../src/index.js';

const DAY = 86_400_000;

interface Customer {
  storeId: number;
  email: string;
  createdAt: number;
}
interface Activity {
  customerId: number;
  storeId: number;
  placedAt: number;
}

describeEachDatabase('customers write paths', (dialect) => {
  const hosts = useTestHosts(dialect);

  it('keeps every dashboard figure exact through the service, SQL and COPY', async () => {
    const { orion } = await hosts.start({ modules: [customersModule] });
    const db = orion.db;
    const random = seededRandom(20_261_205);
    const fixture = await seedTenancy(db, random, { platforms: 3, merchants: 4, stores: 12 });
    const memberships = new MembershipModel(fixture);
    const service = new CustomersService(db);
    const customers = new Map<number, Customer>();
    const activity: Activity[] = [];
    const storeIds = fixture.stores.map((store) => store.id);
    const dateTo = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000);
    const dateFrom = new Date(dateTo.getTime() - 10 * DAY);
    const randomTime = () => dateTo.getTime() - random.int(-DAY, 22 * DAY);
    let serial = 0;
    const done = new Set<number>();

    for (let step = 0; step < 260; step++) {
      const op = random.int(0, 11);
      if ((op === 7 || op === 10) && dialect !== 'postgres') continue; // COPY
      const known = customers.size ? random.pick([...customers.entries()]) : undefined;
      if (op === 0 || op === 1) {
        // an order of a known customer of the store, or of a new one
        const reuse = known && random.chance(0.5) ? known[1] : undefined;
        const storeId = reuse?.storeId ?? random.pick(storeIds);
        const email = reuse?.email ?? `c${++serial}@example.com`;
        const placedAt = randomTime();
        const recorded = await service.recordOrder({ storeId, email, placedAt: new Date(placedAt).toISOString() });
        if (recorded.created) customers.set(recorded.customerId, { storeId, email, createdAt: placedAt });
        activity.push({ customerId: recorded.customerId, storeId, placedAt });
      } else if (op === 2) {
        const storeId = random.pick(storeIds);
        const createdAt = randomTime();
        const customer = await service.create({
          storeId,
          email: `c${++serial}@example.com`,
          createdAt: new Date(createdAt).toISOString(),
        });
        customers.set(customer.id, { storeId, email: customer.email, createdAt });
      } else if (op === 3) {
        const rows = Array.from({ length: random.int(1, 10) }, () => ({
          store_id: random.pick(storeIds),
          email: `c${++serial}@example.com`,
          name_key: '',
          is_active: true,
          orders_count: 0,
          created_at: new Date(randomTime()).toISOString(),
          updated_at: new Date().toISOString(),
        }));
        const inserted = await db.insertInto('customers').values(rows).returning('id').execute();
        inserted.forEach(({ id }, index) =>
          customers.set(Number(id), {
            storeId: rows[index]!.store_id,
            email: rows[index]!.email,
            createdAt: Date.parse(rows[index]!.created_at),
          }),
        );
      } else if (op === 4 && known) {
        // a customer moved to another store, with its activity
        const storeId = random.pick(storeIds);
        const taken = await db
          .selectFrom('customers')
          .select('id')
          .where('store_id', '=', storeId)
          .where('email', '=', known[1].email)
          .executeTakeFirst();
        if (taken) continue;
        await db.transaction().execute(async (trx) => {
          await trx.updateTable('customers').set({ store_id: storeId }).where('id', '=', known[0]).execute();
          await trx
            .updateTable('customer_order_activity')
            .set({ store_id: storeId })
            .where('customer_id', '=', known[0])
            .execute();
        });
        known[1].storeId = storeId;
        for (const row of activity) if (row.customerId === known[0]) row.storeId = storeId;
      } else if (op === 5 && known) {
        // deleted in SQL: its activity goes with it (a cascade)
        await db.deleteFrom('customers').where('id', '=', known[0]).execute();
        customers.delete(known[0]);
        for (let i = activity.length - 1; i >= 0; i--) if (activity[i]!.customerId === known[0]) activity.splice(i, 1);
      } else if ((op === 8 || op === 10) && known) {
        // orders of a known customer inserted in SQL, in any order of time
        const times = Array.from({ length: random.int(1, 4) }, () => randomTime());
        const [customerId, customer] = known;
        if (op === 10) {
          await copyRows(
            db,
            'customer_order_activity',
            ['store_id', 'customer_id', 'placed_at'],
            times.map((time) => [customer.storeId, customerId, new Date(time).toISOString()]),
          );
        } else {
          await db
            .insertInto('customer_order_activity')
            .values(
              times.map((time) => ({
                store_id: customer.storeId,
                customer_id: customerId,
                placed_at: new Date(time).toISOString(),
              })),
            )
            .execute();
        }
        for (const placedAt of times) activity.push({ customerId, storeId: customer.storeId, placedAt });
      } else if (op === 9 && activity.length > 0) {
        // an order's time changed, or the order deleted, in SQL
        const row = random.pick(activity);
        const found = await db
          .selectFrom('customer_order_activity')
          .select('id')
          .where('customer_id', '=', row.customerId)
          .where('placed_at', '=', new Date(row.placedAt).toISOString())
          .executeTakeFirst();
        if (!found) continue;
        if (random.chance(0.5)) {
          const placedAt = randomTime();
          await db
            .updateTable('customer_order_activity')
            .set({ placed_at: new Date(placedAt).toISOString() })
            .where('id', '=', found.id)
            .execute();
          row.placedAt = placedAt;
        } else {
          await db.deleteFrom('customer_order_activity').where('id', '=', found.id).execute();
          activity.splice(activity.indexOf(row), 1);
        }
      } else if (op === 6) {
        await flipMembership(db, random, fixture, memberships);
      } else if (op === 11 && done.has(1) && storeIds.length > 8) {
        // a store deleted in SQL: its memberships, customers and activity go with it (cascades)
        const storeId = random.pick(storeIds);
        await db.deleteFrom('stores').where('id', '=', storeId).execute();
        storeIds.splice(storeIds.indexOf(storeId), 1);
        fixture.stores.splice(
          fixture.stores.findIndex((store) => store.id === storeId),
          1,
        );
        for (const platformId of fixture.platformIds) memberships.set(storeId, platformId, undefined);
        for (const [id, customer] of customers) if (customer.storeId === storeId) customers.delete(id);
        for (let i = activity.length - 1; i >= 0; i--) if (activity[i]!.storeId === storeId) activity.splice(i, 1);
      } else if (op === 7) {
        const rows = Array.from({ length: random.int(1, 12) }, () => [
          random.pick(storeIds),
          `c${++serial}@example.com`,
          '',
          true,
          0,
          new Date(randomTime()).toISOString(),
          new Date().toISOString(),
        ]);
        await copyRows(
          db,
          'customers',
          ['store_id', 'email', 'name_key', 'is_active', 'orders_count', 'created_at', 'updated_at'],
          rows,
        );
        const copied = await db
          .selectFrom('customers')
          .select(['id', 'email'])
          .where(
            'email',
            'in',
            rows.map((row) => row[1] as string),
          )
          .execute();
        expect(copied).toHaveLength(rows.length);
        for (const row of copied) {
          const source = rows.find((r) => r[1] === row.email)!;
          customers.set(Number(row.id), {
            storeId: source[0] as number,
            email: row.email as string,
            createdAt: Date.parse(source[5] as string),
          });
        }
      } else {
        continue;
      }
      done.add(op);
    }
    expect(done.size).toBe(dialect === 'postgres' ? 12 : 10);

    // Windows of whole days (the platform dashboard reads its rollups only), cut inside days at both
    // ends (the cut days are read as rows), and shorter than two days.
    const cutTo = new Date(dateTo.getTime() - 7 * 3_600_000 - 12_345);
    const midnight = new Date(Math.floor(dateTo.getTime() / DAY) * DAY);
    const windows = [
      { dateFrom, dateTo },
      { dateFrom: new Date(midnight.getTime() - 9 * DAY), dateTo: midnight },
      { dateFrom: new Date(cutTo.getTime() - 9 * DAY - 13 * 3_600_000 - 678), dateTo: cutTo },
      { dateFrom: new Date(cutTo.getTime() - 4 * DAY - 2 * 3_600_000), dateTo: new Date(midnight.getTime() - DAY) },
      { dateFrom: new Date(midnight.getTime() - 3 * DAY), dateTo: cutTo },
      { dateFrom: new Date(cutTo.getTime() - DAY - 5 * 3_600_000), dateTo: cutTo },
      { dateFrom: new Date(midnight.getTime() - 2 * DAY + 3_600_000), dateTo: new Date(midnight.getTime() - DAY) },
    ];
    const expected =
      (includeTrends: boolean, window: { dateFrom: Date; dateTo: Date }) =>
      (storeIds: Set<number>): ComparableMetric[] => {
        const [from, to] = [window.dateFrom.getTime(), window.dateTo.getTime()];
        const previousFrom = from - (to - from);
        const mine = [...customers.values()].filter((c) => storeIds.has(c.storeId));
        const created = (start: number, end: number) =>
          mine.filter((c) => c.createdAt >= start && c.createdAt < end).length;
        const active = (start: number, end: number) =>
          new Set(
            activity
              .filter((a) => storeIds.has(a.storeId) && a.placedAt >= start && a.placedAt < end)
              .map((a) => a.customerId),
          );
        const firstOrder = new Map<number, number>();
        for (const a of activity)
          firstOrder.set(a.customerId, Math.min(firstOrder.get(a.customerId) ?? a.placedAt, a.placedAt));
        const activeNow = active(from, to);
        const trend = (now: number, before: number) => (includeTrends ? expectedTrend(now, before) : {});
        return [
          { key: 'customers.total', value: mine.length },
          { key: 'customers.new', value: created(from, to), ...trend(created(from, to), created(previousFrom, from)) },
          { key: 'customers.active', value: activeNow.size, ...trend(activeNow.size, active(previousFrom, from).size) },
          { key: 'customers.returning', value: [...activeNow].filter((id) => firstOrder.get(id)! < from).length },
        ];
      };
    let figures = 0;
    for (const window of windows) {
      for (const includeTrends of [false, true]) {
        const context = { ...window, includeTrends };
        figures += await compareDashboards(
          orion,
          'customers',
          fixture,
          memberships,
          context,
          expected(includeTrends, window),
        );
      }
    }
    expect(figures).toBeGreaterThan(60 * windows.length);

    const totals = async () => ({
      stores: await db.selectFrom('customers_store_totals').selectAll().orderBy('store_id').execute(),
      previous: await db
        .selectFrom('customer_order_activity')
        .select(['id', 'previous_placed_at'])
        .orderBy('id')
        .execute(),
      platforms: (
        await sql`select platform_id, customers from customers_platform_totals order by 1`.execute(db)
      ).rows.map((row) => JSON.stringify(row)),
      days: (
        await sql`select platform_id, day, new_customers, active_customers, first_orders
          from customers_platform_daily_totals order by 1, 2`.execute(db)
      ).rows.map((row) => JSON.stringify(row)),
      activityDays: (
        await sql`select platform_id, day, previous_day, customers
          from customers_platform_activity_days order by 1, 2, 3`.execute(db)
      ).rows.map((row) => JSON.stringify(row)),
    });
    const kept = await totals();
    expect(kept.stores.length).toBeGreaterThan(5);
    expect(kept.previous.filter((row) => row.previous_placed_at !== null).length).toBeGreaterThan(5);
    expect(kept.activityDays.length).toBeGreaterThan(5);
    await customersModule.rebuild!({ db }); // `orion rebuild customers`
    expect(await totals()).toEqual(kept);

    // customers_005's down drops what its up made; up again fills the same rows from the base tables
    const rollups = customersModule.migrations.customers_005_platform_rollups!;
    await rollups.down!(db);
    await expect(sql`select count(*) from customers_platform_activity_days`.execute(db)).rejects.toThrow();
    await rollups.up(db);
    expect(await totals()).toEqual(kept);
  }, 120_000);
});
