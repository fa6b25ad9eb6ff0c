import { createEventRef, inTransaction, type ModuleEvent } from '@orion/contracts';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.js';
import { useOrionHosts } from '../../../test/support/orion-host.js';
import { TenancyService } from '../../tenancy/src/index.js';
import { OrdersService, orderPlacedEventRef, ordersModule, type OrderPlaced } from '../src/index.js';

describeEachDatabase('orders.placed', (dialect) => {
  const hosts = useOrionHosts(dialect);

  async function setup() {
    const orion = await hosts.start({ modules: [ordersModule] });
    const tenancy = new TenancyService(orion.db);
    const platform = await tenancy.createPlatform({ code: 'main', name: 'Main' });
    const merchant = await tenancy.createMerchant({ name: 'Acme' });
    const store = await tenancy.createStore({
      merchantId: merchant.id,
      code: 'acme',
      name: 'Acme',
      defaultCurrency: 'EUR',
    });
    await tenancy.addStoreToPlatform(store.id, platform.id);
    const seen: ModuleEvent<OrderPlaced>[] = [];
    orion.events.on(orderPlacedEventRef, (event) => {
      seen.push(event);
    });
    const orders = new OrdersService(orion.db, { events: orion.events.forModule('orders'), platformId: platform.id });
    return { orion, orders, store, platformId: platform.id, seen };
  }

  const newOrder = (storeId: number, orderNumber: string) => ({
    storeId,
    orderNumber,
    customerEmail: 'ada@example.com',
    items: [{ sku: 'TEA', quantity: 2, unitPrice: 450 }],
  });

  it('is published once the order’s transaction commits, with the platform', async () => {
    const { orion, orders, store, platformId, seen } = await setup();
    const order = await orders.placeOrder(newOrder(store.id, 'A-1'));
    await orion.events.drain();
    expect(seen).toEqual([
      {
        module: 'orders',
        name: 'orders.placed',
        platformId,
        occurredAt: expect.any(String),
        payload: { orderId: order.id, storeId: store.id, orderNumber: 'A-1', currency: 'EUR', totalAmount: 900 },
      },
    ]);
  });

  it('is not published when the caller’s transaction rolls back, nor for a conflicting order number', async () => {
    const { orion, store, platformId, seen } = await setup();
    const events = orion.events.forModule('orders');
    await expect(
      inTransaction(orion.db, async (trx) => {
        await new OrdersService(trx, { events, platformId }).placeOrder(newOrder(store.id, 'B-1'));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await new OrdersService(orion.db, { events, platformId }).placeOrder(newOrder(store.id, 'B-2'));
    await expect(
      new OrdersService(orion.db, { events, platformId }).placeOrder(newOrder(store.id, 'B-2')),
    ).rejects.toMatchObject({
      code: 'ORION_ERR_CONFLICT',
    });
    await orion.events.drain();
    expect(seen.map((event) => event.payload.orderNumber)).toEqual(['B-2']);
  });

  it('reaches a subscriber through the HTTP route, by name and without importing @orion/orders', async () => {
    const { orion, store, platformId } = await setup();
    const byName: ModuleEvent<{ orderId: number }>[] = [];
    orion.events.on(createEventRef<{ orderId: number }>('orders.placed'), (event) => {
      byName.push(event);
    });
    const handle = orion.createRequestHandler({
      resolveContext: () => ({ platformId, storeId: store.id, permissions: ['orders.place'] }),
    });
    const response = await handle(
      new Request('http://localhost/api/v1/store/orders/orders', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          customerEmail: 'ada@example.com',
          items: [{ sku: 'TEA', quantity: 1, unitPrice: 300 }],
        }),
      }),
    );
    expect(response.status).toBe(201);
    const order = (await response.json()) as { id: number };
    await orion.events.drain();
    expect(byName.map((event) => [event.platformId, event.payload.orderId])).toEqual([[platformId, order.id]]);
  });

  it('without events, OrdersService publishes nothing', async () => {
    const { orion, store, seen } = await setup();
    await new OrdersService(orion.db).placeOrder(newOrder(store.id, 'C-1'));
    await orion.events.drain();
    expect(seen).toEqual([]);
  });
});
