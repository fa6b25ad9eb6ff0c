import { QueryCounter } from '../../../test/support/query-counter.js';
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { metricValueSchema } from '@orion/contracts';
import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
import { comparableMetrics } from '../../../test/support/metric-oracle.js';
import { seededRandom } from '../../../test/support/random.js';
import { seedTenancy } from '../../../test/support/tenancy-fixture.js';
import { TenancyService } from '../../tenancy/src/index.js';
import { OrdersService, ordersModule, type OrdersDatabase, type OrderStatus } from '../src/index.js';
import { OrdersMetricsProvider } from '../src/orders-metrics-provider.js';
import { currencies, edgeMoments, seedOrders, statuses, type TestWindow } from './orders-fixture.js';
import { expectedMetrics } from './orders-oracle.js';
import { totalsTables } from './totals-tables.js';

// ---------------------------------------------------------------- tests

const window: TestWindow = {
  dateFrom: new Date('2026-03-01T00:00:00.000Z'),
  dateTo: new Date('2026-03-31T00:00:00.000Z'),
};
const context = (includeTrends: boolean) => ({ ...window, includeTrends });

describeEachDatabase('OrdersMetricsProvider', (dialect) => {
  const hosts = useTestHosts(dialect);

  it('matches the independently computed metrics for every store and platform, with and without trends', async () => {
    const { orion } = await hosts.start({ modules: [ordersModule] });
    const random = seededRandom(20_260_301);
    const tenancy = await seedTenancy(orion.db, random, { platforms: 3, merchants: 6, stores: 24 });
    const { orders, bigStore, emptyStore, previousOnlyStore } = await seedOrders(orion.db, random, tenancy, window);
    const ofStore = (storeId: number) => orders.filter((order) => order.storeId === storeId);
    const from = window.dateFrom.getTime();
    const to = window.dateTo.getTime();

    // The data exercises every rule the metrics depend on.
    const big = ofStore(bigStore);
    expect(big.length).toBeGreaterThan(2_000);
    expect(
      big.filter((o) => o.createdAt >= from && o.createdAt < to && o.status !== 'cancelled' && o.status !== 'refunded')
        .length,
    ).toBeGreaterThan(1_000);
    for (const status of statuses)
      for (const currency of currencies) {
        expect(orders.some((o) => o.status === status && o.currency === currency)).toBe(true);
      }
    for (const moment of Object.values(edgeMoments(window)))
      expect(big.filter((o) => o.createdAt === moment).length).toBeGreaterThanOrEqual(18);
    expect(
      orders
        .filter((o) => o.via === 'service')
        .map((o) => o.status)
        .sort(),
    ).toEqual(expect.arrayContaining(statuses));
    expect(orders.some((o) => o.totalAmount > Number(2n ** 32n))).toBe(true);
    expect(orders.some((o) => o.totalAmount === 0)).toBe(true);
    expect(ofStore(emptyStore)).toEqual([]);
    const storesOnSeveralPlatforms = tenancy.stores.filter(
      (s) => tenancy.platformIds.filter((p) => tenancy.activeStoreIds(p).has(s.id)).length > 1,
    );
    expect(storesOnSeveralPlatforms.filter((s) => ofStore(s.id).length > 0).length).toBeGreaterThan(1);
    const offPlatform = tenancy.stores.filter((s) => tenancy.storePlatform(s.id) === undefined);
    expect(offPlatform.some((s) => ofStore(s.id).length > 0)).toBe(true);
    expect(tenancy.memberships.some((m) => !m.isActive && ofStore(m.storeId).length > 0)).toBe(true);

    // The ">1,000 orders" store: a provider that only summed the first 1,000 orders would differ.
    const firstThousand = expectedMetrics(big.slice(0, 1_000), window, true);
    const all = expectedMetrics(big, window, true);
    expect(firstThousand).not.toEqual(all);
    const bigPlatform = tenancy.storePlatform(bigStore)!;
    const bigStats = await orion.statsAggregator.getStoreDashboardStats({
      storeId: bigStore,
      platformId: bigPlatform,
      context: context(true),
    });
    expect(comparableMetrics(bigStats.categories.orders!)).toEqual(all);

    // A currency with revenue only in the previous window: listed at 0, trend down, with trends only.
    const previousOnly = expectedMetrics(ofStore(previousOnlyStore), window, true);
    expect(previousOnly).toContainEqual({
      key: 'orders.revenue.USD',
      value: 0,
      unit: 'USD',
      trend: 'down',
      trendValue: -100,
    });
    expect(previousOnly.some((metric) => metric.key === 'orders.average_order_value.USD')).toBe(false);
    expect(
      expectedMetrics(ofStore(previousOnlyStore), window, false).some((metric) => metric.key.endsWith('.USD')),
    ).toBe(false);

    let compared = 0;
    for (const includeTrends of [false, true]) {
      for (const store of tenancy.stores) {
        const platformId = tenancy.storePlatform(store.id);
        if (platformId === undefined) continue;
        const stats = await orion.statsAggregator.getStoreDashboardStats({
          storeId: store.id,
          platformId,
          context: context(includeTrends),
        });
        expect(stats.failures).toEqual([]);
        expect({ storeId: store.id, includeTrends, metrics: comparableMetrics(stats.categories.orders!) }).toEqual({
          storeId: store.id,
          includeTrends,
          metrics: expectedMetrics(ofStore(store.id), window, includeTrends),
        });
        compared++;
      }
      for (const platformId of tenancy.platformIds) {
        const storeIds = tenancy.activeStoreIds(platformId);
        const stats = await orion.statsAggregator.getAdminDashboardStats({
          platformId,
          context: context(includeTrends),
        });
        expect(stats.failures).toEqual([]);
        expect({ platformId, includeTrends, metrics: comparableMetrics(stats.categories.orders!) }).toEqual({
          platformId,
          includeTrends,
          metrics: expectedMetrics(
            orders.filter((order) => storeIds.has(order.storeId)),
            window,
            includeTrends,
          ),
        });
      }
    }
    expect(compared).toBeGreaterThan(30);
  });

  it('answers from the totals rows exactly: windows off midnight, writes after a rebuild, and a rebuild that changes nothing', async () => {
    const { orion } = await hosts.start({ modules: [ordersModule] });
    const random = seededRandom(20_261_122);
    const tenancy = await seedTenancy(orion.db, random, { platforms: 2, merchants: 4, stores: 12 });
    // The fixture inserts orders in SQL (no rebuild), then places and moves orders through the service.
    const { orders, bigStore } = await seedOrders(orion.db, random, tenancy, window);
    const totals = () => totalsTables(orion.db);
    const kept = await totals();
    expect(kept.orders_daily_totals!.length).toBeGreaterThan(100);
    await new OrdersService(orion.db).rebuildTotals();
    expect(await totals()).toEqual(kept);

    const hour = 3_600_000;
    const windows: TestWindow[] = [
      {
        dateFrom: new Date(window.dateFrom.getTime() + 7 * hour + 1234),
        dateTo: new Date(window.dateTo.getTime() - 5 * hour - 1),
      },
      {
        dateFrom: new Date(window.dateFrom.getTime() + 2 * hour),
        dateTo: new Date(window.dateFrom.getTime() + 9 * hour),
      }, // inside one day
      {
        dateFrom: new Date(window.dateFrom.getTime() - 13 * hour),
        dateTo: new Date(window.dateFrom.getTime() + 11 * hour),
      }, // across one midnight
    ];
    for (let i = 0; i < 6; i++) {
      const dateFrom = window.dateFrom.getTime() - 40 * 24 * hour + Math.floor(random.next() * 50 * 24 * hour);
      windows.push({
        dateFrom: new Date(dateFrom),
        dateTo: new Date(dateFrom + hour + Math.floor(random.next() * 45 * 24 * hour)),
      });
    }
    const platformIds = tenancy.platformIds;
    const storeIds = [
      bigStore,
      ...tenancy.stores
        .map((store) => store.id)
        .filter((id) => id !== bigStore && tenancy.storePlatform(id) !== undefined)
        .slice(0, 3),
    ];
    for (const testWindow of windows) {
      for (const includeTrends of [false, true]) {
        const request = { ...testWindow, includeTrends };
        for (const storeId of storeIds) {
          const stats = await orion.statsAggregator.getStoreDashboardStats({
            storeId,
            platformId: tenancy.storePlatform(storeId)!,
            context: request,
          });
          expect({ storeId, request, metrics: comparableMetrics(stats.categories.orders!) }).toEqual({
            storeId,
            request,
            metrics: expectedMetrics(
              orders.filter((order) => order.storeId === storeId),
              testWindow,
              includeTrends,
            ),
          });
        }
        for (const platformId of platformIds) {
          const members = tenancy.activeStoreIds(platformId);
          const stats = await orion.statsAggregator.getAdminDashboardStats({ platformId, context: request });
          expect({ platformId, request, metrics: comparableMetrics(stats.categories.orders!) }).toEqual({
            platformId,
            request,
            metrics: expectedMetrics(
              orders.filter((order) => members.has(order.storeId)),
              testWindow,
              includeTrends,
            ),
          });
        }
      }
    }
  });

  async function oneStore() {
    const { orion } = await hosts.start({ modules: [ordersModule] });
    const tenancy = new TenancyService(orion.db);
    const platform = await tenancy.createPlatform({ code: 'eu', name: 'Europe' });
    const merchant = await tenancy.createMerchant({ name: 'Acme' });
    const store = await tenancy.createStore({
      merchantId: merchant.id,
      code: 'acme',
      name: 'Acme',
      defaultCurrency: 'EUR',
    });
    await tenancy.addStoreToPlatform(store.id, platform.id);
    const service = new OrdersService(orion.db);
    const place = async (currency: string, amount: number, status: OrderStatus, createdAt: string) => {
      const order = await service.placeOrder({
        storeId: store.id,
        customerEmail: 'ada@example.com',
        currency,
        items: [{ sku: 'ITEM', quantity: 1, unitPrice: amount }],
        createdAt,
      });
      const path: Record<OrderStatus, OrderStatus[]> = {
        pending: [],
        paid: ['paid'],
        shipped: ['paid', 'shipped'],
        delivered: ['paid', 'shipped', 'delivered'],
        cancelled: ['cancelled'],
        refunded: ['paid', 'refunded'],
      };
      for (const step of path[status]) await service.changeStatus(order.id, step);
    };
    const dashboard = async (includeTrends: boolean) => {
      const [storeStats, platformStats] = await Promise.all([
        orion.statsAggregator.getStoreDashboardStats({
          storeId: store.id,
          platformId: platform.id,
          context: context(includeTrends),
        }),
        orion.statsAggregator.getAdminDashboardStats({ platformId: platform.id, context: context(includeTrends) }),
      ]);
      expect(comparableMetrics(platformStats.categories.orders!)).toEqual(
        comparableMetrics(storeStats.categories.orders!),
      );
      return { metrics: storeStats.categories.orders!, values: comparableMetrics(storeStats.categories.orders!) };
    };
    return { orion, store, place, dashboard };
  }

  const inWindow = '2026-03-10T12:00:00.000Z';
  const inPrevious = '2026-02-10T12:00:00.000Z';

  it('never counts cancelled or refunded orders as revenue', async () => {
    const { place, dashboard } = await oneStore();
    const amounts: [OrderStatus, number][] = [
      ['pending', 1000],
      ['paid', 2000],
      ['shipped', 3000],
      ['delivered', 4000],
      ['cancelled', 50_000],
      ['refunded', 70_000],
    ];
    for (const [status, amount] of amounts) await place('EUR', amount, status, inWindow);
    await place('USD', 9_900, 'cancelled', inWindow);
    await place('USD', 9_900, 'refunded', inWindow);
    expect((await dashboard(false)).values).toEqual([
      { key: 'orders.total', value: 8 },
      { key: 'orders.count', value: 8 },
      { key: 'orders.cancelled', value: 2 },
      { key: 'orders.revenue.EUR', value: 100, unit: 'EUR' },
      { key: 'orders.average_order_value.EUR', value: 25, unit: 'EUR' },
    ]);
  });

  it('never adds currencies together, and orders them by code', async () => {
    const { place, dashboard } = await oneStore();
    await place('USD', 500, 'paid', inWindow);
    await place('JPY', 700, 'paid', inWindow);
    await place('EUR', 1000, 'paid', inWindow);
    await place('EUR', 1, 'pending', inWindow);
    const { metrics, values } = await dashboard(false);
    expect(values).toEqual([
      { key: 'orders.total', value: 4 },
      { key: 'orders.count', value: 4 },
      { key: 'orders.cancelled', value: 0 },
      { key: 'orders.revenue.EUR', value: 10.01, unit: 'EUR' },
      { key: 'orders.revenue.JPY', value: 700, unit: 'JPY' },
      { key: 'orders.revenue.USD', value: 5, unit: 'USD' },
      { key: 'orders.average_order_value.EUR', value: 5.01, unit: 'EUR' },
      { key: 'orders.average_order_value.JPY', value: 700, unit: 'JPY' },
      { key: 'orders.average_order_value.USD', value: 5, unit: 'USD' },
    ]);
    for (const metric of metrics) {
      expect(metricValueSchema.parse(metric)).toEqual(metric);
      expect(metric).toMatchObject({ category: 'orders', label: expect.any(String), icon: expect.any(String) });
      expect(metric.description!.length).toBeGreaterThan(20);
      if (metric.unit) expect(metric.label).toContain(metric.unit);
    }
  });

  it('rounds the average order value half away from zero at the minor unit', async () => {
    const { place, dashboard } = await oneStore();
    // EUR: 3 cents over 2 orders = 1.5 cents → 2 cents. JPY: 1,001 yen over 2 orders = 500.5 → 501.
    // USD: 100 cents over 3 orders = 33.33 cents → 33 cents.
    for (const amount of [1, 2]) await place('EUR', amount, 'paid', inWindow);
    for (const amount of [1, 1000]) await place('JPY', amount, 'paid', inWindow);
    for (const amount of [0, 50, 50]) await place('USD', amount, 'delivered', inWindow);
    const values = (await dashboard(false)).values;
    expect(values.filter((metric) => metric.key.startsWith('orders.average_order_value'))).toEqual([
      { key: 'orders.average_order_value.EUR', value: 0.02, unit: 'EUR' },
      { key: 'orders.average_order_value.JPY', value: 501, unit: 'JPY' },
      { key: 'orders.average_order_value.USD', value: 0.33, unit: 'USD' },
    ]);
  });

  it('computes the average order value trend from the exact averages, not the rounded ones (issue 12)', async () => {
    const { place, dashboard } = await oneStore();
    // previous: 1 and 2 cents, average 1.5 cents (shown 0.02); now: 1 cent three times (shown 0.01).
    // Exact change -33.3 %; from the displayed values it would be -50 %.
    for (const amount of [1, 2]) await place('EUR', amount, 'paid', inPrevious);
    for (let i = 0; i < 3; i++) await place('EUR', 1, 'paid', inWindow);
    const values = (await dashboard(true)).values;
    expect(values.find((metric) => metric.key === 'orders.average_order_value.EUR')).toEqual({
      key: 'orders.average_order_value.EUR',
      value: 0.01,
      unit: 'EUR',
      trend: 'down',
      trendValue: -33.3,
    });
  });

  it('reports a trend up with no percentage when the previous window had nothing', async () => {
    const { place, dashboard } = await oneStore();
    await place('EUR', 1000, 'paid', inWindow);
    await place('EUR', 3000, 'cancelled', inWindow);
    const values = (await dashboard(true)).values;
    expect(values).toEqual([
      { key: 'orders.total', value: 2 },
      { key: 'orders.count', value: 2, trend: 'up', trendValue: null },
      { key: 'orders.cancelled', value: 1, trend: 'up', trendValue: null },
      { key: 'orders.revenue.EUR', value: 10, unit: 'EUR', trend: 'up', trendValue: null },
      { key: 'orders.average_order_value.EUR', value: 10, unit: 'EUR', trend: 'up', trendValue: null },
    ]);
  });

  it('compares with the previous window, listing a currency that earned only then at 0 with trends', async () => {
    const { place, dashboard } = await oneStore();
    await place('EUR', 1000, 'paid', inPrevious);
    await place('EUR', 1000, 'paid', inPrevious);
    await place('EUR', 3000, 'paid', inWindow);
    await place('USD', 2500, 'delivered', inPrevious);
    await place('JPY', 100, 'cancelled', inPrevious);
    await place('JPY', 100, 'cancelled', '2026-01-01T00:00:00.000Z');
    expect((await dashboard(true)).values).toEqual([
      { key: 'orders.total', value: 6 },
      { key: 'orders.count', value: 1, trend: 'down', trendValue: -75 },
      { key: 'orders.cancelled', value: 0, trend: 'down', trendValue: -100 },
      { key: 'orders.revenue.EUR', value: 30, unit: 'EUR', trend: 'up', trendValue: 50 },
      { key: 'orders.revenue.USD', value: 0, unit: 'USD', trend: 'down', trendValue: -100 },
      { key: 'orders.average_order_value.EUR', value: 30, unit: 'EUR', trend: 'up', trendValue: 200 },
    ]);
    expect((await dashboard(false)).values).toEqual([
      { key: 'orders.total', value: 6 },
      { key: 'orders.count', value: 1 },
      { key: 'orders.cancelled', value: 0 },
      { key: 'orders.revenue.EUR', value: 30, unit: 'EUR' },
      { key: 'orders.average_order_value.EUR', value: 30, unit: 'EUR' },
    ]);
  });

  it('reports zeros and no currencies for a store without orders', async () => {
    const { dashboard } = await oneStore();
    expect((await dashboard(true)).values).toEqual([
      { key: 'orders.total', value: 0 },
      { key: 'orders.count', value: 0, trend: 'stable', trendValue: 0 },
      { key: 'orders.cancelled', value: 0, trend: 'stable', trendValue: 0 },
    ]);
  });

  it('computes each dashboard with a single SQL statement, and is what the module loads', async () => {
    const { orion, store, place } = await oneStore();
    await place('EUR', 1000, 'paid', inWindow);
    await place('JPY', 1000, 'paid', inPrevious);
    const counter = new QueryCounter();
    const counted: Kysely<OrdersDatabase> = orion.db.withPlugin(counter);
    const provider = await ordersModule.metricsProvider!();
    expect(provider).toBeInstanceOf(OrdersMetricsProvider);
    expect(provider.metricsCategory).toBe('orders');
    const resolved = {
      ...window,
      previousFrom: new Date('2026-01-30T00:00:00.000Z'),
      previousTo: window.dateFrom,
      includeTrends: true,
      period: '30d',
    };
    await provider.getStoreMetrics(counted, store.id, resolved);
    expect(counter.count).toBe(1);
    await provider.getPlatformMetrics(counted, 1, resolved);
    expect(counter.count).toBe(2);
  });
});
