/**
 * Issue 12: every write path keeps the orders dashboards exact, by the database's own triggers.
 * Writes through the service and through plain SQL (inserts, updates of status, amount, currency,
 * time and store, deletes, bulk statements, membership changes, rolled-back transactions, and
 * `COPY … FROM STDIN` on PostgreSQL) run interleaved in a seeded random order, with no rebuild; then
 * every store and platform dashboard is compared with the numbers computed in plain TypeScript
 * from what the test wrote, and a rebuild changes no totals row.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { expect, it } from 'vitest';
import { inTransaction } from '@orion/contracts';
import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
import { comparableMetrics } from '../../../test/support/metric-oracle.js';
import { seededRandom, type Random } from '../../../test/support/random.js';
import { seedTenancy } from '../../../test/support/tenancy-fixture.js';
import { TenancyService } from '../../tenancy/src/index.js';
import { OrdersService, ordersModule, type OrderStatus } from '../src/index.js';
import type { TestWindow } from './orders-fixture.js';
import { expectedMetrics, type OracleOrder } from './orders-oracle.js';
import { totalsTables } from './totals-tables.js';

const statuses: OrderStatus[] = ['pending', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded'];
const currencies = ['EUR', 'USD', 'JPY'];
const hour = 3_600_000;
const day = 24 * hour;
const base: TestWindow = {
  dateFrom: new Date('2026-03-01T00:00:00.000Z'),
  dateTo: new Date('2026-03-31T00:00:00.000Z'),
};

/** What the test knows: every order by id, and every membership's state. */
interface Model {
  orders: Map<number, OracleOrder & { storeId: number }>;
  /** `${storeId}:${platformId}` → active. */
  memberships: Map<string, boolean>;
}

/** A moment around the base window: often on an hour, a half hour or a window edge, ±1 ms. */
function moment(random: Random): number {
  const from = base.dateFrom.getTime();
  const span = base.dateTo.getTime() - from;
  const anywhere = from - span - 5 * day + Math.floor(random.next() * (2 * span + 10 * day));
  const kind = random.int(0, 5);
  if (kind === 0) return Math.floor(anywhere / hour) * hour; // on an hour
  if (kind === 1) return Math.floor(anywhere / hour) * hour + hour / 2 + random.pick([-1, 0, 1]);
  if (kind === 2) return random.pick([from, from - 1, base.dateTo.getTime(), base.dateTo.getTime() - 1, from - span]);
  return anywhere;
}

/** Windows: on midnights, on hours, inside hours, inside one hour, across one midnight, and random. */
function windows(random: Random): TestWindow[] {
  const from = base.dateFrom.getTime();
  const list: TestWindow[] = [
    base,
    { dateFrom: new Date(from + 5 * hour), dateTo: new Date(base.dateTo.getTime() + 7 * hour) },
    { dateFrom: new Date(from + 5 * hour + 10 * 60_000), dateTo: new Date(base.dateTo.getTime() - 20 * 60_000 + 7) },
    { dateFrom: new Date(from + 2 * hour + 1_000), dateTo: new Date(from + 2 * hour + 50 * 60_000) }, // one hour, mostly
    { dateFrom: new Date(from + 2 * hour + 25 * 60_000), dateTo: new Date(from + 2 * hour + 35 * 60_000) }, // one hour, a little
    { dateFrom: new Date(from - 13 * hour - 1), dateTo: new Date(from + 11 * hour + 1) },
  ];
  for (let i = 0; i < 4; i++) {
    const start = from - 20 * day + Math.floor(random.next() * 40 * day);
    list.push({ dateFrom: new Date(start), dateTo: new Date(start + Math.floor(random.next() * 25 * day) + 1) });
  }
  return list;
}

describeEachDatabase('orders totals kept by the database (issue 12)', (dialect) => {
  const hosts = useTestHosts(dialect);

  it('keeps every store and platform dashboard and daily series exact across interleaved service, SQL, bulk, COPY and membership writes; a rebuild changes nothing', async () => {
    const host = await hosts.start({ modules: [ordersModule] });
    const db = host.orion.db;
    const random = seededRandom(20_261_201);
    const tenancy = await seedTenancy(db, random, { platforms: 3, merchants: 4, stores: 14 });
    const storeIds = tenancy.stores.map((store) => store.id);
    const model: Model = { orders: new Map(), memberships: new Map() };
    for (const m of tenancy.memberships) model.memberships.set(`${m.storeId}:${m.platformId}`, m.isActive);
    const service = new OrdersService(db);
    const tenancyService = new TenancyService(db);
    let numbers = 0;
    const orderNumber = (prefix: string) => `${prefix}-${++numbers}`;
    const randomOrder = () => random.pick([...model.orders.keys()]);
    const someOrders = (count: number) => [...new Set(Array.from({ length: count }, randomOrder))];
    const refresh = async (ids: number[]) => {
      if (ids.length === 0) return;
      const rows = await db.selectFrom('orders').selectAll().where('id', 'in', ids).execute();
      for (const id of ids) model.orders.delete(id);
      for (const row of rows) {
        model.orders.set(Number(row.id), {
          storeId: Number(row.store_id),
          status: row.status,
          currency: String(row.currency).trim(),
          totalAmount: Number(row.total_amount),
          createdAt: new Date(row.created_at).getTime(),
        });
      }
    };
    const orderRow = (prefix: string) => {
      const currency = random.pick(currencies);
      return {
        store_id: random.pick(storeIds),
        order_number: orderNumber(prefix),
        customer_email: 'raw@example.com',
        status: random.pick(statuses),
        currency,
        total_amount: random.chance(0.05)
          ? 0
          : random.chance(0.02)
            ? random.int(10 ** 11, 10 ** 12)
            : random.int(1, 90_000),
        created_at: new Date(moment(random)).toISOString(),
      };
    };
    const insertRaw = async (count: number, prefix = 'R') => {
      const rows = Array.from({ length: count }, () => orderRow(prefix));
      const inserted = await db.insertInto('orders').values(rows).returning('id').execute();
      await refresh(inserted.map((row) => Number(row.id)));
    };

    const copyOrders = async (count: number) => {
      const rows = Array.from({ length: count }, () => orderRow('C'));
      const client = new pg.Client({ connectionString: host.database.url });
      await client.connect();
      try {
        const csv = rows
          .map((row) =>
            [
              row.store_id,
              row.order_number,
              row.customer_email,
              row.status,
              row.currency,
              row.total_amount,
              row.created_at,
            ].join(','),
          )
          .join('\n');
        await pipeline(
          Readable.from([`${csv}\n`]),
          client.query(
            copyFrom(
              'copy orders (store_id, order_number, customer_email, status, currency, total_amount, created_at) from stdin (format csv)',
            ),
          ),
        );
      } finally {
        await client.end();
      }
      const ids = await db
        .selectFrom('orders')
        .select('id')
        .where(
          'order_number',
          'in',
          rows.map((row) => row.order_number),
        )
        .execute();
      expect(ids.length).toBe(count);
      await refresh(ids.map((row) => Number(row.id)));
    };

    const setMembership = async (storeId: number, platformId: number, active: boolean | 'delete') => {
      const key = `${storeId}:${platformId}`;
      if (active === 'delete') {
        await db
          .deleteFrom('store_platforms')
          .where('store_id', '=', storeId)
          .where('platform_id', '=', platformId)
          .execute();
        model.memberships.delete(key);
      } else if (!model.memberships.has(key)) {
        await db
          .insertInto('store_platforms')
          .values({
            store_id: storeId,
            platform_id: platformId,
            is_active: active,
            created_at: new Date().toISOString(),
          })
          .execute();
        model.memberships.set(key, active);
      } else {
        await db
          .updateTable('store_platforms')
          .set({ is_active: active })
          .where('store_id', '=', storeId)
          .where('platform_id', '=', platformId)
          .execute();
        model.memberships.set(key, active);
      }
    };

    await insertRaw(300);
    const used: Record<string, number> = {};
    for (let step = 0; step < 160; step++) {
      const op = random.int(0, dialect === 'postgres' ? 13 : 12);
      const name = [
        'service place',
        'service status',
        'sql insert',
        'sql status',
        'sql amount',
        'sql currency',
        'sql time',
        'sql store',
        'sql delete',
        'sql bulk update',
        'membership via service',
        'membership via sql',
        'rolled back',
        'copy',
      ][op]!;
      used[name] = (used[name] ?? 0) + 1;
      switch (op) {
        case 0: {
          const currency = random.pick(currencies);
          const placed = await service.placeOrder({
            storeId: random.pick(storeIds),
            customerEmail: 'service@example.com',
            currency,
            items: [{ sku: 'ITEM', quantity: random.int(1, 3), unitPrice: random.int(0, 20_000) }],
            createdAt: new Date(moment(random)).toISOString(),
          });
          await refresh([placed.id]);
          break;
        }
        case 1: {
          const id = randomOrder();
          const current = model.orders.get(id)!.status as OrderStatus;
          const next: Partial<Record<OrderStatus, OrderStatus[]>> = {
            pending: ['paid', 'cancelled'],
            paid: ['shipped', 'refunded', 'cancelled'],
            shipped: ['delivered', 'refunded'],
            delivered: ['refunded'],
          };
          const options = next[current];
          if (options) await service.changeStatus(id, random.pick(options));
          await refresh([id]);
          break;
        }
        case 2:
          await insertRaw(random.int(1, 25));
          break;
        case 3: {
          const ids = someOrders(random.int(1, 6));
          await db
            .updateTable('orders')
            .set({ status: random.pick(statuses) })
            .where('id', 'in', ids)
            .execute();
          await refresh(ids);
          break;
        }
        case 4: {
          const ids = someOrders(random.int(1, 4));
          await db
            .updateTable('orders')
            .set({ total_amount: random.int(0, 500_000) })
            .where('id', 'in', ids)
            .execute();
          await refresh(ids);
          break;
        }
        case 5: {
          const ids = someOrders(random.int(1, 4));
          await db
            .updateTable('orders')
            .set({ currency: random.pick(currencies) })
            .where('id', 'in', ids)
            .execute();
          await refresh(ids);
          break;
        }
        case 6: {
          const ids = someOrders(random.int(1, 4));
          for (const id of ids)
            await db
              .updateTable('orders')
              .set({ created_at: new Date(moment(random)).toISOString() })
              .where('id', '=', id)
              .execute();
          await refresh(ids);
          break;
        }
        case 7: {
          const ids = someOrders(random.int(1, 3));
          await db
            .updateTable('orders')
            .set({ store_id: random.pick(storeIds) })
            .where('id', 'in', ids)
            .execute();
          await refresh(ids);
          break;
        }
        case 8: {
          const ids = someOrders(random.int(1, 5));
          await db.deleteFrom('orders').where('id', 'in', ids).execute();
          await refresh(ids);
          break;
        }
        case 9: {
          // one statement over a whole store's orders: amount, status and time at once
          const storeId = random.pick(storeIds);
          await sql`update orders set total_amount = total_amount + 1,
                      status = case when status = 'pending' then 'paid' else status end
                    where store_id = ${storeId}`.execute(db);
          await refresh([...model.orders].filter(([, order]) => order.storeId === storeId).map(([id]) => id));
          break;
        }
        case 10: {
          const storeId = random.pick(storeIds);
          const platformId = random.pick(tenancy.platformIds);
          const active = model.memberships.get(`${storeId}:${platformId}`);
          if (active) await tenancyService.removeStoreFromPlatform(storeId, platformId);
          else await tenancyService.addStoreToPlatform(storeId, platformId);
          model.memberships.set(`${storeId}:${platformId}`, !active);
          break;
        }
        case 11: {
          const storeId = random.pick(storeIds);
          const platformId = random.pick(tenancy.platformIds);
          const active = model.memberships.get(`${storeId}:${platformId}`);
          await setMembership(
            storeId,
            platformId,
            active === undefined ? random.chance(0.7) : random.pick([!active, 'delete'] as const),
          );
          break;
        }
        case 12: {
          // written and rolled back: the totals roll back with the orders
          await expect(
            inTransaction(db, async (trx) => {
              await trx
                .insertInto('orders')
                .values([orderRow('X'), orderRow('X')])
                .execute();
              await trx.updateTable('orders').set({ status: 'cancelled' }).where('id', '=', randomOrder()).execute();
              await trx.deleteFrom('orders').where('id', '=', randomOrder()).execute();
              throw new Error('roll back');
            }),
          ).rejects.toThrow('roll back');
          break;
        }
        case 13:
          await copyOrders(random.int(1, 40));
          break;
      }
    }
    for (const count of Object.values(used)) expect(count).toBeGreaterThan(2);
    if (dialect === 'postgres') await copyOrders(500); // a bulk COPY pays once per statement

    // The database agrees with the model about the rows themselves.
    const counted = await db
      .selectFrom('orders')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(counted.n)).toBe(model.orders.size);

    const activeStores = (platformId: number) =>
      new Set(
        [...model.memberships]
          .filter(([key, active]) => active && key.endsWith(`:${platformId}`))
          .map(([key]) => Number(key.split(':')[0])),
      );
    const platformOf = (storeId: number) => tenancy.platformIds.find((p) => model.memberships.get(`${storeId}:${p}`));
    const all = [...model.orders.values()];

    const compareEverything = async () => {
      let compared = 0;
      for (const window of windows(seededRandom(3))) {
        for (const includeTrends of [false, true]) {
          const context = { ...window, includeTrends };
          for (const storeId of storeIds) {
            const platformId = platformOf(storeId);
            if (platformId === undefined) continue;
            const stats = await host.orion.statsAggregator.getStoreDashboardStats({ storeId, platformId, context });
            expect(stats.failures).toEqual([]);
            expect({ storeId, context, metrics: comparableMetrics(stats.categories.orders!) }).toEqual({
              storeId,
              context,
              metrics: expectedMetrics(
                all.filter((order) => order.storeId === storeId),
                window,
                includeTrends,
              ),
            });
            compared++;
          }
          for (const platformId of tenancy.platformIds) {
            const members = activeStores(platformId);
            const stats = await host.orion.statsAggregator.getAdminDashboardStats({ platformId, context });
            expect(stats.failures).toEqual([]);
            expect({ platformId, context, metrics: comparableMetrics(stats.categories.orders!) }).toEqual({
              platformId,
              context,
              metrics: expectedMetrics(
                all.filter((order) => members.has(order.storeId)),
                window,
                includeTrends,
              ),
            });
            compared++;
          }
        }
      }
      return compared;
    };
    expect(await compareEverything()).toBeGreaterThan(150);

    // The daily series (the dashboard chart) reads the same rollups: every day of each window.
    const minorDigits: Record<string, number> = { EUR: 2, USD: 2, JPY: 0 };
    const expectedSeries = (orders: OracleOrder[], window: TestWindow) => {
      const from = window.dateFrom.getTime();
      const to = window.dateTo.getTime();
      const days = [];
      for (let start = Math.floor(from / day) * day; start < to; start += day) {
        const inDay = orders.filter(
          (o) => o.createdAt >= Math.max(from, start) && o.createdAt < Math.min(to, start + day),
        );
        const revenue: Record<string, number> = {};
        for (const currency of [...new Set(inDay.map((o) => o.currency))].sort()) {
          const earning = inDay.filter(
            (o) => o.currency === currency && o.status !== 'cancelled' && o.status !== 'refunded',
          );
          if (earning.length > 0)
            revenue[currency] =
              Number(earning.reduce((sum, o) => sum + BigInt(o.totalAmount), 0n)) / 10 ** minorDigits[currency]!;
        }
        days.push({ date: new Date(start).toISOString().slice(0, 10), orders: inDay.length, revenue });
      }
      return days;
    };
    for (const window of windows(seededRandom(4))) {
      for (const scope of [
        ...storeIds.slice(0, 4).map((storeId) => ({ storeId })),
        ...tenancy.platformIds.map((platformId) => ({ platformId })),
      ]) {
        const members = 'storeId' in scope ? new Set([scope.storeId]) : activeStores(scope.platformId);
        const series = await service.dailyTotals(scope, window);
        expect({ scope, window, days: series.days }).toEqual({
          scope,
          window,
          days: expectedSeries(
            all.filter((order) => members.has(order.storeId)),
            window,
          ),
        });
      }
    }

    const kept = await totalsTables(db);
    expect(kept.orders_platform_hourly_totals!.length).toBeGreaterThan(100);
    await new OrdersService(db).rebuildTotals();
    expect(await totalsTables(db)).toEqual(kept);
    // and one store's rebuild too
    await new OrdersService(db).rebuildTotals({ storeId: storeIds[0]! });
    expect(await totalsTables(db)).toEqual(kept);
  });
});
