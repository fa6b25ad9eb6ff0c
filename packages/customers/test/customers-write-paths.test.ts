/**
 * Every write path keeps the customers dashboards exact (issue 12): seeded random writes through the
 * service (`recordOrder`, `create`) and plain SQL (customers inserted, moved with their activity to
 * another store, deleted with their activity, `COPY` on PostgreSQL), interleaved with membership
 * flips; then every figure of every store and platform dashboard, trends included, is compared with
 * numbers computed in plain TypeScript from the rows the test wrote, and `orion rebuild customers`
 * changes nothing.
 */
import { expect, it } from 'vitest';
import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
import { expectedTrend, type ComparableMetric } from '../../../test/support/metric-oracle.js';
import { seededRandom } from '../../../test/support/random.js';
import { seedTenancy } from '../../../test/support/tenancy-fixture.js';
import { compareDashboards, copyRows, flipMembership, MembershipModel } from '../../../test/support/write-paths.js';
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

    for (let step = 0; step < 200; step++) {
      const op = random.int(0, 10);
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
    expect(done.size).toBe(dialect === 'postgres' ? 11 : 9);

    const expected =
      (includeTrends: boolean) =>
      (storeIds: Set<number>): ComparableMetric[] => {
        const [from, to] = [dateFrom.getTime(), dateTo.getTime()];
        const previousFrom = from - 10 * DAY;
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
    for (const includeTrends of [false, true]) {
      const context = { dateFrom, dateTo, includeTrends };
      figures += await compareDashboards(orion, 'customers', fixture, memberships, context, expected(includeTrends));
    }
    expect(figures).toBeGreaterThan(60);

    const totals = async () => ({
      stores: await db.selectFrom('customers_store_totals').selectAll().orderBy('store_id').execute(),
      previous: await db
        .selectFrom('customer_order_activity')
        .select(['id', 'previous_placed_at'])
        .orderBy('id')
        .execute(),
    });
    const kept = await totals();
    expect(kept.stores.length).toBeGreaterThan(5);
    expect(kept.previous.filter((row) => row.previous_placed_at !== null).length).toBeGreaterThan(5);
    await customersModule.rebuild!({ db }); // `orion rebuild customers`
    expect(await totals()).toEqual(kept);
  });
});
