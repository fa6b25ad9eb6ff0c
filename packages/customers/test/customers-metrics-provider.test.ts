/**
 * Differential test of the customers metrics: random customers (SQL inserts, `create`, and orders
 * recorded through `recordOrder`) across stores on several platforms, and the expected numbers
 * computed here in plain TypeScript from what was seeded, compared on SQLite and PostgreSQL.
 */
import { metricsContextSchema, resolveMetricsContext } from '@orion/contracts';
import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { comparableMetrics, expectedTrend, type ComparableMetric } from '../../../test/support/metric-oracle.js';
import { seededRandom, type Random } from '../../../test/support/random.js';
import { seedTenancy } from '../../../test/support/tenancy-fixture.js';
import { CustomersService, customersModule, type CustomersDatabase } from '../src/index.js';
import { customersMetricsProvider } from '../src/customers-metrics-provider.js';

const window = { dateFrom: new Date('2026-03-01T00:00:00.000Z'), dateTo: new Date('2026-03-31T00:00:00.000Z') };
const from = window.dateFrom.getTime();
const to = window.dateTo.getTime();
const previousFrom = from - (to - from);
const day = 86_400_000;

/** What the test seeded for one customer: its store, when it was created and every recorded order. */
interface SeededCustomer {
  storeId: number;
  email: string;
  createdAt: number;
  orders: number[];
}

/** The README's definitions, over the customers of the scope. */
function expectedMetrics(customers: SeededCustomer[], includeTrends: boolean): ComparableMetric[] {
  const inW = (t: number) => t >= from && t < to;
  const inP = (t: number) => t >= previousFrom && t < from;
  const count = (predicate: (customer: SeededCustomer) => boolean) => customers.filter(predicate).length;
  const withTrend = (metric: ComparableMetric, previous: number): ComparableMetric =>
    includeTrends ? { ...metric, ...expectedTrend(metric.value, previous) } : metric;
  return [
    { key: 'customers.total', value: customers.length },
    withTrend(
      { key: 'customers.new', value: count((c) => inW(c.createdAt)) },
      count((c) => inP(c.createdAt)),
    ),
    withTrend(
      { key: 'customers.active', value: count((c) => c.orders.some(inW)) },
      count((c) => c.orders.some(inP)),
    ),
    { key: 'customers.returning', value: count((c) => c.orders.some(inW) && c.orders.some((t) => t < from)) },
  ];
}

/** A moment between 70 days before the previous window and 10 days after the window; one in eight exactly on a boundary. */
function moment(random: Random): number {
  if (random.chance(0.125)) return random.pick([previousFrom, from, to, from - 1, to - 1]);
  return previousFrom - 70 * day + random.int(0, 70 + 60 + 10) * day + random.int(0, day - 1);
}

async function seedCustomers(
  db: Kysely<CustomersDatabase>,
  random: Random,
  storeIds: number[],
): Promise<SeededCustomer[]> {
  const seeded = new Map<string, SeededCustomer>();
  const service = new CustomersService(db);
  const iso = (t: number) => new Date(t).toISOString();
  // Customers written in SQL, as an import would.
  const rows = [];
  for (const storeId of storeIds) {
    for (let i = random.int(0, 40); i > 0; i--) {
      const email = `sql-${i}@store-${storeId}.example`;
      const createdAt = moment(random);
      seeded.set(`${storeId}|${email}`, { storeId, email, createdAt, orders: [] });
      rows.push({
        store_id: storeId,
        email,
        first_name: null,
        last_name: null,
        name_key: '',
        phone: null,
        locale: null,
        is_active: random.chance(0.8),
        orders_count: 0,
        created_at: iso(createdAt),
        updated_at: iso(createdAt),
      });
    }
  }
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('customers')
      .values(rows.slice(i, i + 200))
      .execute();
  // Customers created through the service.
  for (let i = 0; i < 150; i++) {
    const storeId = random.pick(storeIds);
    const email = `made-${i}@example.com`;
    const createdAt = moment(random);
    await service.create({ storeId, email: ` ${email.toUpperCase()} `, createdAt: iso(createdAt) });
    seeded.set(`${storeId}|${email}`, { storeId, email, createdAt, orders: [] });
  }
  // Orders recorded for known customers and for new ones (which the recorder creates).
  for (let i = 0; i < 900; i++) {
    const storeId = random.pick(storeIds);
    const known = [...seeded.values()].filter((c) => c.storeId === storeId);
    const email =
      known.length > 0 && random.chance(0.7) ? random.pick(known).email : `buyer-${random.int(1, 120)}@example.com`;
    const placedAt = moment(random);
    await service.recordOrder({ storeId, email, placedAt: iso(placedAt) });
    const key = `${storeId}|${email}`;
    const customer = seeded.get(key) ?? { storeId, email, createdAt: placedAt, orders: [] };
    customer.orders.push(placedAt);
    seeded.set(key, customer);
  }
  return [...seeded.values()];
}

describeEachDatabase('customers metrics', (dialect) => {
  const hosts = useTestHosts(dialect);

  it('match the numbers computed from the seeded customers for every store and platform, with and without trends', async () => {
    const { orion } = await hosts.start({ modules: [customersModule] });
    const random = seededRandom(20_261_130);
    const tenancy = await seedTenancy(orion.db, random, { platforms: 3, merchants: 4, stores: 12 });
    const emptyStore = tenancy.stores.at(-2)!.id;
    const customers = await seedCustomers(
      orion.db,
      random,
      tenancy.stores.map((store) => store.id).filter((id) => id !== emptyStore),
    );

    // The data exercises every rule: boundaries, previous-window-only activity, returning customers, a customer in two stores.
    expect(customers.some((c) => c.orders.includes(from)) && customers.some((c) => c.orders.includes(to))).toBe(true);
    expect(
      customers.some(
        (c) => c.orders.some((t) => t >= previousFrom && t < from) && !c.orders.some((t) => t >= from && t < to),
      ),
    ).toBe(true);
    expect(
      customers.filter((c) => c.orders.some((t) => t >= from && t < to) && c.orders.some((t) => t < from)).length,
    ).toBeGreaterThan(10);
    expect(
      customers.filter((c) => c.orders.length >= 2 && c.orders.every((t) => t >= from && t < to)).length,
    ).toBeGreaterThan(0);
    const emails = customers.map((c) => c.email);
    expect(emails.length).toBeGreaterThan(new Set(emails).size);
    expect(tenancy.memberships.some((m) => !m.isActive && customers.some((c) => c.storeId === m.storeId))).toBe(true);

    for (const includeTrends of [true, false]) {
      const context = resolveMetricsContext(metricsContextSchema.parse({ ...window, includeTrends }));
      for (const store of tenancy.stores) {
        const metrics = await customersMetricsProvider.getStoreMetrics(orion.db, store.id, context);
        expect(comparableMetrics(metrics), `store ${store.id}`).toEqual(
          expectedMetrics(
            customers.filter((c) => c.storeId === store.id),
            includeTrends,
          ),
        );
      }
      for (const platformId of tenancy.platformIds) {
        const active = tenancy.activeStoreIds(platformId);
        const stats = await orion.statsAggregator.getAdminDashboardStats({
          platformId,
          context: { ...window, includeTrends },
        });
        expect(stats.failures).toEqual([]);
        expect(comparableMetrics(stats.categories.customers!), `platform ${platformId}`).toEqual(
          expectedMetrics(
            customers.filter((c) => active.has(c.storeId)),
            includeTrends,
          ),
        );
      }
    }

    // Through the store dashboard too, with labels and the category.
    const store = tenancy.stores.find((s) => tenancy.storePlatform(s.id) !== undefined)!;
    const stats = await orion.statsAggregator.getStoreDashboardStats({
      storeId: store.id,
      platformId: tenancy.storePlatform(store.id)!,
      context: { ...window, includeTrends: true },
    });
    expect(comparableMetrics(stats.categories.customers!)).toEqual(
      expectedMetrics(
        customers.filter((c) => c.storeId === store.id),
        true,
      ),
    );
    expect(stats.categories.customers!.map((m) => [m.label, m.category])).toEqual([
      ['Customers', 'customers'],
      ['New customers', 'customers'],
      ['Active customers', 'customers'],
      ['Returning customers', 'customers'],
    ]);
  });
});
