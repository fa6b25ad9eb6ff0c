/**
 * Orders and customers together, neither importing the other: the orders module asks for
 * `customerActivityRecorderRef` and, where customers is installed, each placed order creates or
 * updates its customer in the order's own transaction. Without customers, see packages/orders/test.
 */
import { customerActivityRecorderRef, inTransaction } from '../../packages/contracts/src/index.js';
import { CustomersService, customerCreatedEventRef, customersModule } from '../../packages/customers/src/index.js';
import { OrdersService, ordersModule } from '../../packages/orders/src/index.js';
import type { TestHost } from '../../packages/testing/src/index.js';
import { describeEachDatabase, useTestHosts } from '../../packages/testing/src/vitest.js';
import { beforeEach, expect, it } from 'vitest';

describeEachDatabase('orders with customers', (dialect) => {
  const hosts = useTestHosts(dialect);
  let host: TestHost;
  let platformId: number;
  let storeId: number;

  beforeEach(async () => {
    host = await hosts.start({ modules: [ordersModule, customersModule] });
    ({ platformId, storeId } = await host.seedTenancy());
  });

  const item = { sku: 'TEA-50G', quantity: 1, unitPrice: 1200 };

  it('placing an order through the route creates the customer and records each further order', async () => {
    const clerk = { platformId, storeId, permissions: ['orders.place', 'customers.view'] };
    const created: unknown[] = [];
    host.orion.events.on(customerCreatedEventRef, (event) => {
      created.push([event.platformId, event.payload.email, event.payload.via]);
    });
    const first = await host.request('POST', '/api/v1/store/orders/orders', {
      context: clerk,
      body: { customerEmail: ' Ada@Example.com', items: [item] },
    });
    expect(first.status).toBe(201);
    await host.request('POST', '/api/v1/store/orders/orders', {
      context: clerk,
      body: { customerEmail: 'ada@example.com', items: [item] },
    });

    const list = await host.request('GET', '/api/v1/store/customers/customers', { context: clerk });
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      email: 'ada@example.com',
      ordersCount: 2,
      firstOrderAt: first.body.createdAt,
      isActive: true,
    });

    // Each first order announced its new customer on the order's platform.
    await host.request('POST', '/api/v1/store/orders/orders', {
      context: clerk,
      body: { customerEmail: 'grace@example.com', items: [item] },
    });
    await host.orion.events.drain();
    expect(created).toEqual([
      [platformId, 'ada@example.com', 'order'],
      [platformId, 'grace@example.com', 'order'],
    ]);

    const dashboard = await host.storeDashboard({ storeId, platformId });
    expect(dashboard.failures).toEqual([]);
    expect(dashboard.values).toMatchObject({
      'customers.total': 2,
      'customers.new': 2,
      'customers.active': 2,
      'customers.returning': 0,
    });
  });

  it('records with the service given the recorder, and a rolled-back order leaves its customer unchanged', async () => {
    const customers = await host.orion.services.get(customerActivityRecorderRef, { platformId });
    expect(customers).toBeDefined();
    const orders = new OrdersService(host.db, { customers });
    const placed = await orders.placeOrder({
      storeId,
      orderNumber: 'A-1',
      customerEmail: 'grace@example.com',
      items: [item],
      createdAt: '2026-02-01T09:00:00.000Z',
    });
    await orders.placeOrder({
      storeId,
      orderNumber: 'A-2',
      customerEmail: 'grace@example.com',
      items: [item],
      createdAt: '2026-03-01T09:00:00.000Z',
    });

    // The order number clashes: the order and its activity roll back together.
    await expect(
      orders.placeOrder({ storeId, orderNumber: 'A-1', customerEmail: 'grace@example.com', items: [item] }),
    ).rejects.toThrow();
    // A caller's transaction that fails after the order: neither the order nor the customer's activity stays.
    const failure = new Error('payment declined');
    await expect(
      inTransaction(host.db, async (trx) => {
        await new OrdersService(trx, { customers }).placeOrder({
          storeId,
          orderNumber: 'A-3',
          customerEmail: 'grace@example.com',
          items: [item],
        });
        throw failure;
      }),
    ).rejects.toBe(failure);
    // A new customer in that transaction is rolled back too.
    await expect(
      inTransaction(host.db, async (trx) => {
        await new OrdersService(trx, { customers }).placeOrder({
          storeId,
          orderNumber: 'A-4',
          customerEmail: 'new@example.com',
          items: [item],
        });
        throw failure;
      }),
    ).rejects.toBe(failure);

    const service = new CustomersService(host.db);
    expect(await service.findByEmail({ storeId, email: 'grace@example.com' })).toMatchObject({
      ordersCount: 2,
      firstOrderAt: placed.createdAt,
      lastOrderAt: '2026-03-01T09:00:00.000Z',
      createdAt: placed.createdAt,
    });
    expect(await service.findByEmail({ storeId, email: 'new@example.com' })).toBeUndefined();
    const activity = await host.db.selectFrom('customer_order_activity').select('customer_id').execute();
    expect(activity).toHaveLength(2);
  });

  it('orders without customers: the ref is missing, and orders places orders as before', async () => {
    const ordersOnly = await hosts.start({ modules: [ordersModule] });
    const tenancy = await ordersOnly.seedTenancy();
    expect(
      await ordersOnly.orion.services.get(customerActivityRecorderRef, { platformId: tenancy.platformId }),
    ).toBeUndefined();
    const answer = await ordersOnly.request('POST', '/api/v1/store/orders/orders', {
      context: { platformId: tenancy.platformId, storeId: tenancy.storeId, permissions: ['orders.place'] },
      body: { customerEmail: 'ada@example.com', items: [item] },
    });
    expect(answer.status).toBe(201);
  });
});
