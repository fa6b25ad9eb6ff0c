import { expect, it } from 'vitest';
import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
import { seededRandom } from '../../../test/support/random.js';
import { seedTenancy } from '../../../test/support/tenancy-fixture.js';
import { rejectionOf } from '../../../test/support/rejection.js';
import { OrdersService, ordersModule, type DailyOrderTotals } from '../src/index.js';
import { seedOrders, type SeededOrder } from './orders-fixture.js';

/** Minor digits, written out here rather than asked of Intl or the contracts helpers. */
const minorDigits: Record<string, number> = { EUR: 2, USD: 2, JPY: 0 };
const dayMs = 86_400_000;

/** The series computed in plain TypeScript from the generated orders. */
function expectedSeries(orders: SeededOrder[], from: Date, to: Date): DailyOrderTotals {
  const days = new Map<string, { date: string; orders: number; revenue: Record<string, bigint> }>();
  for (let day = Math.floor(from.getTime() / dayMs); day * dayMs < to.getTime(); day++) {
    const date = new Date(day * dayMs).toISOString().slice(0, 10);
    days.set(date, { date, orders: 0, revenue: {} });
  }
  const currencies = new Set<string>();
  for (const order of orders) {
    if (order.createdAt < from.getTime() || order.createdAt >= to.getTime()) continue;
    const day = days.get(new Date(order.createdAt).toISOString().slice(0, 10))!;
    day.orders++;
    if (order.status === 'cancelled' || order.status === 'refunded') continue;
    day.revenue[order.currency] = (day.revenue[order.currency] ?? 0n) + BigInt(order.totalAmount);
    currencies.add(order.currency);
  }
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    currencies: [...currencies].sort(),
    days: [...days.values()].map(({ date, orders: count, revenue }) => ({
      date,
      orders: count,
      revenue: Object.fromEntries(
        Object.entries(revenue).map(([currency, minor]) => [currency, Number(minor) / 10 ** minorDigits[currency]!]),
      ),
    })),
  };
}

// Neither edge on midnight: the first and last days are partial, and orders outside them must not count.
const window = { dateFrom: new Date('2026-03-01T06:30:00.000Z'), dateTo: new Date('2026-03-31T18:00:00.000Z') };

describeEachDatabase('daily order totals', (dialect) => {
  const hosts = useTestHosts(dialect);

  it('match the series computed from the generated orders, for stores and platforms', async () => {
    const { orion } = await hosts.start({ modules: [ordersModule] });
    const random = seededRandom(20_261_122);
    const tenancy = await seedTenancy(orion.db, random, { platforms: 2, merchants: 4, stores: 12 });
    const { orders, bigStore } = await seedOrders(orion.db, random, tenancy, window);
    const service = new OrdersService(orion.db);

    const big = await service.dailyTotals({ storeId: bigStore }, window);
    const expected = expectedSeries(
      orders.filter((order) => order.storeId === bigStore),
      window.dateFrom,
      window.dateTo,
    );
    // The data makes the rules matter: several currencies, days with orders but partial revenue.
    expect(expected.currencies.length).toBeGreaterThan(1);
    expect(expected.days).toHaveLength(31);
    expect(expected.days.every((day) => day.orders > 0)).toBe(true);
    expect(big).toEqual(expected);

    for (const platformId of tenancy.platformIds) {
      const storeIds = tenancy.activeStoreIds(platformId);
      expect(await service.dailyTotals({ platformId }, window)).toEqual(
        expectedSeries(
          orders.filter((order) => storeIds.has(order.storeId)),
          window.dateFrom,
          window.dateTo,
        ),
      );
    }
  });

  it('lists every day of a window without orders at zero, and refuses bad input before querying', async () => {
    const { orion } = await hosts.start({ modules: [ordersModule] });
    const tenancy = await seedTenancy(orion.db, seededRandom(7), { platforms: 1, merchants: 1, stores: 1 });
    const service = new OrdersService(orion.db);
    const storeId = tenancy.stores[0]!.id;
    const series = await service.dailyTotals({ storeId }, { period: '7d' });
    expect(series.currencies).toEqual([]);
    expect(series.days.length).toBeGreaterThanOrEqual(7);
    expect(series.days.every((day) => day.orders === 0 && Object.keys(day.revenue).length === 0)).toBe(true);

    expect((await rejectionOf(service.dailyTotals({ storeId }, { period: 'banana' }))).code).toBe(
      'ORION_ERR_VALIDATION',
    );
    expect((await rejectionOf(service.dailyTotals({ storeId }, { period: '800d' }))).code).toBe('ORION_ERR_VALIDATION');
    expect((await rejectionOf(service.dailyTotals({ storeId: 999_999 }))).code).toBe('ORION_ERR_NOT_FOUND');
    expect((await rejectionOf(service.dailyTotals({ platformId: 999_999 }))).code).toBe('ORION_ERR_NOT_FOUND');
    expect((await rejectionOf(service.dailyTotals({ storeId: -1 }))).code).toBe('ORION_ERR_VALIDATION');
  });
});
