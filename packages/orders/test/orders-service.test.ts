import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import type { AnyDatabase } from '@orion/contracts';
import { TenancyService } from '@orion/tenancy';
import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
import { rejectionOf } from '../../../test/support/rejection.js';
import { OrdersService, ordersModule, type OrderStatus, type PlaceOrderInput } from '../src/index.js';

const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The life cycle as the issue states it, written out independently of the module's table. */
const allowed: Record<OrderStatus, OrderStatus[]> = {
  pending: ['paid', 'cancelled'],
  paid: ['shipped', 'refunded', 'cancelled'],
  shipped: ['delivered', 'refunded'],
  delivered: ['refunded'],
  cancelled: [],
  refunded: [],
};
/** A way to reach each status from pending. */
const pathTo: Record<OrderStatus, OrderStatus[]> = {
  pending: [],
  paid: ['paid'],
  shipped: ['paid', 'shipped'],
  delivered: ['paid', 'shipped', 'delivered'],
  cancelled: ['cancelled'],
  refunded: ['paid', 'refunded'],
};
const statuses = Object.keys(allowed) as OrderStatus[];

describeEachDatabase('OrdersService', (dialect) => {
  const hosts = useTestHosts(dialect);

  async function setup() {
    const { orion } = await hosts.start({ modules: [ordersModule] });
    const tenancy = new TenancyService(orion.db);
    const merchant = await tenancy.createMerchant({ name: 'Acme' });
    const newStore = (code: string, defaultCurrency = 'EUR') =>
      tenancy.createStore({ merchantId: merchant.id, code, name: code, defaultCurrency });
    const store = await newStore('acme-berlin');
    return { orion, orders: new OrdersService(orion.db), store, newStore };
  }

  const order = (storeId: number, extra: Partial<PlaceOrderInput> = {}): PlaceOrderInput => ({
    storeId,
    customerEmail: 'ada@example.com',
    items: [{ sku: 'TSHIRT-M', quantity: 1, unitPrice: 1000 }],
    ...extra,
  });

  async function countRows(db: Kysely<AnyDatabase>, table: string): Promise<number> {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('places an order with its items, computing the total and taking the store’s currency', async () => {
    const { orders, store } = await setup();
    const before = new Date().toISOString();
    const placed = await orders.placeOrder({
      storeId: store.id,
      customerEmail: ' Ada@Example.COM ',
      items: [
        { sku: ' TSHIRT-M ', quantity: 2, unitPrice: 1299 },
        { sku: 'MUG', quantity: 3, unitPrice: 0 },
        { sku: 'CAP', quantity: 1, unitPrice: 2500 },
      ],
    });
    const after = new Date().toISOString();

    expect(placed).toEqual({
      id: expect.any(Number),
      storeId: store.id,
      orderNumber: expect.stringMatching(/^ORD-\d{8}-[0-9A-HJKMNP-TV-Z]{6}$/),
      customerEmail: 'ada@example.com',
      status: 'pending',
      currency: 'EUR',
      totalAmount: 2 * 1299 + 3 * 0 + 2500,
      createdAt: expect.stringMatching(isoTimestamp),
      items: [
        { id: expect.any(Number), orderId: placed.id, sku: 'TSHIRT-M', quantity: 2, unitPrice: 1299 },
        { id: expect.any(Number), orderId: placed.id, sku: 'MUG', quantity: 3, unitPrice: 0 },
        { id: expect.any(Number), orderId: placed.id, sku: 'CAP', quantity: 1, unitPrice: 2500 },
      ],
    });
    expect(placed.createdAt >= before && placed.createdAt <= after).toBe(true);
    expect(placed.orderNumber.slice(4, 12)).toBe(placed.createdAt.slice(0, 10).replace(/-/g, ''));
    expect(await orders.getOrder(placed.id)).toEqual(placed);
  });

  it('keeps an explicit order number, currency and creation time, normalised to UTC', async () => {
    const { orders, store } = await setup();
    const placed = await orders.placeOrder(
      order(store.id, { orderNumber: ' A-1001 ', currency: 'JPY', createdAt: '2026-11-22T11:00:00+01:00' }),
    );
    expect(placed).toMatchObject({ orderNumber: 'A-1001', currency: 'JPY', createdAt: '2026-11-22T10:00:00.000Z' });
    const fromDate = await orders.placeOrder(order(store.id, { createdAt: new Date('2026-01-02T03:04:05.678Z') }));
    expect(fromDate.createdAt).toBe('2026-01-02T03:04:05.678Z');
    expect((await orders.getOrder(fromDate.id)).createdAt).toBe('2026-01-02T03:04:05.678Z');
  });

  it('keeps order numbers unique per store: ORION_ERR_CONFLICT in the same store, allowed in another', async () => {
    const { orion, orders, store, newStore } = await setup();
    const other = await newStore('acme-paris');
    await orders.placeOrder(order(store.id, { orderNumber: 'A-1' }));
    await expect(orders.placeOrder(order(other.id, { orderNumber: 'A-1' }))).resolves.toMatchObject({
      orderNumber: 'A-1',
    });

    const error = await rejectionOf(orders.placeOrder(order(store.id, { orderNumber: 'A-1' })));
    expect(error).toMatchObject({
      code: 'ORION_ERR_CONFLICT',
      details: { entity: 'Order', field: 'orderNumber', value: 'A-1' },
      message: 'Order with orderNumber "A-1" already exists.',
    });
    // The failed transaction left neither an order nor items behind.
    expect(await countRows(orion.db, 'orders')).toBe(2);
    expect(await countRows(orion.db, 'order_items')).toBe(2);

    const generated = await Promise.all(Array.from({ length: 25 }, () => orders.placeOrder(order(store.id))));
    expect(new Set(generated.map((placed) => placed.orderNumber)).size).toBe(25);
  });

  it('lets the database decide between two concurrent orders with the same number', async () => {
    const { orders, store } = await setup();
    const results = await Promise.allSettled([
      orders.placeOrder(order(store.id, { orderNumber: 'RACE' })),
      orders.placeOrder(order(store.id, { orderNumber: 'RACE' })),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    expect(rejected?.reason).toMatchObject({ code: 'ORION_ERR_CONFLICT', details: { value: 'RACE' } });
  });

  it('rejects malformed orders as ORION_ERR_VALIDATION naming the field, and writes nothing', async () => {
    const { orion, orders, store } = await setup();
    const item = { sku: 'X', quantity: 1, unitPrice: 100 };
    const cases: [Partial<PlaceOrderInput> | Record<string, unknown>, string][] = [
      [{ items: [] }, 'items'],
      [{ items: [{ ...item, quantity: 0 }] }, 'items.0.quantity'],
      [{ items: [item, { ...item, quantity: -2 }] }, 'items.1.quantity'],
      [{ items: [{ ...item, quantity: 1.5 }] }, 'items.0.quantity'],
      [{ items: [{ ...item, unitPrice: -1 }] }, 'items.0.unitPrice'],
      [{ items: [{ ...item, unitPrice: 12.5 }] }, 'items.0.unitPrice'],
      [{ items: [{ ...item, unitPrice: '100' }] }, 'items.0.unitPrice'],
      [{ items: [{ ...item, sku: '  ' }] }, 'items.0.sku'],
      [{ items: [{ ...item, extra: 1 }] }, 'items.0'],
      [{ items: [{ sku: 'X', quantity: 2, unitPrice: Number.MAX_SAFE_INTEGER }] }, 'items'],
      [{ customerEmail: 'ada@' }, 'customerEmail'],
      [{ currency: 'eur' }, 'currency'],
      [{ orderNumber: 'has space' }, 'orderNumber'],
      [{ orderNumber: 'x'.repeat(65) }, 'orderNumber'],
      [{ createdAt: 'yesterday' }, 'createdAt'],
      [{ createdAt: '2026-11-22T10:00:00' }, 'createdAt'],
      [{ storeId: 0 }, 'storeId'],
      [{ totalAmount: 5 }, ''],
    ];
    for (const [override, path] of cases) {
      const error = await rejectionOf(orders.placeOrder({ ...order(store.id), ...override }));
      expect({ override, code: error.code, subject: error.details.subject }).toEqual({
        override,
        code: 'ORION_ERR_VALIDATION',
        subject: 'order',
      });
      expect((error.details.validationIssues as { path: string }[]).map((issue) => issue.path)).toContain(path);
    }
    expect((await rejectionOf(orders.placeOrder({ ...order(store.id), items: [] }))).message).toContain(
      'An order needs at least one item',
    );
    expect(await countRows(orion.db, 'orders')).toBe(0);
  });

  it('rejects an unknown store as ORION_ERR_NOT_FOUND', async () => {
    const { orders } = await setup();
    expect(await rejectionOf(orders.placeOrder(order(987_654)))).toMatchObject({
      code: 'ORION_ERR_NOT_FOUND',
      details: { entity: 'Store', id: 987_654 },
    });
    expect(await rejectionOf(orders.listStoreOrders({ storeId: 987_654 }))).toMatchObject({
      code: 'ORION_ERR_NOT_FOUND',
      details: { entity: 'Store', id: 987_654 },
    });
  });

  it('writes the order and its items in one transaction', async () => {
    const { orion, orders, store } = await setup();
    // Make the second insert of the transaction fail after the first succeeded.
    await sql`drop table order_items`.execute(orion.db);
    await expect(orders.placeOrder(order(store.id))).rejects.toThrow();
    expect(await countRows(orion.db, 'orders')).toBe(0);
  });

  it('places orders inside the caller’s transaction, so a batch commits or rolls back together', async () => {
    const { orion, store } = await setup();
    const committed = await orion.db.transaction().execute(async (trx) => {
      const orders = new OrdersService(trx);
      const first = await orders.placeOrder(order(store.id, { orderNumber: 'B-1' }));
      await orders.changeStatus(first.id, 'paid');
      return [first, await orders.placeOrder(order(store.id, { orderNumber: 'B-2' }))];
    });
    const outside = new OrdersService(orion.db);
    expect((await outside.getOrder(committed[0]!.id)).status).toBe('paid');
    expect((await outside.getOrder(committed[1]!.id)).items).toHaveLength(1);

    const failure = new Error('the rest of the batch failed');
    await expect(
      orion.db.transaction().execute(async (trx) => {
        await new OrdersService(trx).placeOrder(order(store.id, { orderNumber: 'B-3' }));
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await countRows(orion.db, 'orders')).toBe(2);
    expect(await countRows(orion.db, 'order_items')).toBe(2);
  });

  it('allows exactly the life-cycle transitions and rejects the others with a clear message', async () => {
    const { orders, store } = await setup();
    for (const from of statuses) {
      for (const to of statuses) {
        const placed = await orders.placeOrder(order(store.id));
        for (const step of pathTo[from]) await orders.changeStatus(placed.id, step);
        if (allowed[from].includes(to)) {
          await expect(orders.changeStatus(placed.id, to)).resolves.toMatchObject({ id: placed.id, status: to });
          expect((await orders.getOrder(placed.id)).status).toBe(to);
        } else {
          const error = await rejectionOf(orders.changeStatus(placed.id, to));
          expect({ from, to, code: error.code, details: error.details }).toMatchObject({
            from,
            to,
            code: 'ORION_ERR_VALIDATION',
            details: { subject: 'status change', orderId: placed.id, from, to, allowed: allowed[from] },
          });
          expect(error.message).toMatch(
            new RegExp(`^Invalid status change: order ${placed.id} is (already )?${from}\\b`),
          );
          expect(error.message).toContain(to);
          expect((await orders.getOrder(placed.id)).status).toBe(from);
        }
      }
    }
    const delivered = await orders.placeOrder(order(store.id));
    for (const step of pathTo.delivered) await orders.changeStatus(delivered.id, step);
    expect((await rejectionOf(orders.changeStatus(delivered.id, 'paid'))).message).toBe(
      `Invalid status change: order ${delivered.id} is delivered and can only become refunded, not paid`,
    );
    const cancelled = await orders.placeOrder(order(store.id));
    await orders.changeStatus(cancelled.id, 'cancelled');
    expect((await rejectionOf(orders.changeStatus(cancelled.id, 'paid'))).message).toBe(
      `Invalid status change: order ${cancelled.id} is cancelled, a final status, so it can not become paid`,
    );
  });

  it('rejects status changes of unknown orders and unknown statuses', async () => {
    const { orders, store } = await setup();
    expect(await rejectionOf(orders.changeStatus(987_654, 'paid'))).toMatchObject({
      code: 'ORION_ERR_NOT_FOUND',
      details: { entity: 'Order', id: 987_654 },
      message: 'Order 987654 does not exist.',
    });
    const placed = await orders.placeOrder(order(store.id));
    expect(await rejectionOf(orders.changeStatus(placed.id, 'lost' as OrderStatus))).toMatchObject({
      code: 'ORION_ERR_VALIDATION',
      details: { subject: 'status' },
    });
    for (const id of [0, -1, 1.5, Number.NaN, 2 ** 31]) {
      expect((await rejectionOf(orders.changeStatus(id, 'paid'))).code).toBe('ORION_ERR_VALIDATION');
      expect((await rejectionOf(orders.getOrder(id))).code).toBe('ORION_ERR_VALIDATION');
    }
  });

  it('lets only one of two concurrent, mutually exclusive status changes win', async () => {
    const { orders, store } = await setup();
    const placed = await orders.placeOrder(order(store.id));
    await orders.changeStatus(placed.id, 'paid');
    const results = await Promise.allSettled([
      orders.changeStatus(placed.id, 'shipped'),
      orders.changeStatus(placed.id, 'cancelled'),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    expect(rejected?.reason).toMatchObject({ code: 'ORION_ERR_VALIDATION' });
  });

  it('places and moves orders from two hosts in one process at once, with exact totals rows', async () => {
    const { orion, orders, store } = await setup();
    const second = new OrdersService((await hosts.start({ modules: [ordersModule] })).db);
    const services = [orders, second];
    const createdAt = '2026-03-01T10:00:00.000Z';
    const placed = await Promise.all(
      Array.from({ length: 40 }, (_, i) => services[i % 2]!.placeOrder(order(store.id, { createdAt }))),
    );
    await Promise.all(
      placed.map((one, i) => services[(i + 1) % 2]!.changeStatus(one.id, i % 4 === 0 ? 'cancelled' : 'paid')),
    );
    const daily = await orion.db.selectFrom('orders_daily_totals').selectAll().execute();
    expect(
      daily.map((row) => [
        Number(row.orders),
        Number(row.cancelled),
        Number(row.revenue_orders),
        Number(row.revenue_minor),
      ]),
    ).toEqual([[40, 10, 30, 30_000]]);
  });

  it('reads an order with its items, and rejects an unknown one as ORION_ERR_NOT_FOUND', async () => {
    const { orders, store } = await setup();
    const placed = await orders.placeOrder(
      order(store.id, {
        items: [
          { sku: 'A', quantity: 1, unitPrice: 1 },
          { sku: 'A', quantity: 2, unitPrice: 1 },
        ],
      }),
    );
    expect((await orders.getOrder(placed.id)).items.map((item) => item.quantity)).toEqual([1, 2]);
    expect(await rejectionOf(orders.getOrder(987_654))).toMatchObject({
      code: 'ORION_ERR_NOT_FOUND',
      details: { entity: 'Order', id: 987_654 },
    });
  });

  it('lists a store’s orders newest first, in pages, with the store’s total', async () => {
    const { orders, store, newStore } = await setup();
    const other = await newStore('acme-paris');
    await orders.placeOrder(order(other.id, { createdAt: '2026-06-01T00:00:00Z' }));
    const times = [
      '2026-03-01T00:00:00Z',
      '2026-05-01T00:00:00Z',
      '2026-04-01T00:00:00Z',
      '2026-05-01T00:00:00Z',
      '2026-01-01T00:00:00Z',
    ];
    const placed = [];
    for (const [index, createdAt] of times.entries()) {
      placed.push(await orders.placeOrder(order(store.id, { orderNumber: `N-${index}`, createdAt })));
    }
    // Newest first; the two orders of 05-01 by id, the later one first.
    const expected = ['N-3', 'N-1', 'N-2', 'N-0', 'N-4'];

    const all = await orders.listStoreOrders({ storeId: store.id });
    expect(all).toMatchObject({ total: 5, limit: 50, offset: 0 });
    expect(all.items.map((o) => o.orderNumber)).toEqual(expected);
    expect(all.items[0]).toEqual((({ items: _items, ...rest }) => rest)(placed[3]!));

    const pages = [];
    for (let offset = 0; offset < 5; offset += 2) {
      const page = await orders.listStoreOrders({ storeId: store.id, limit: 2, offset });
      expect(page).toMatchObject({ total: 5, limit: 2, offset });
      pages.push(...page.items.map((o) => o.orderNumber));
    }
    expect(pages).toEqual(expected);
    expect((await orders.listStoreOrders({ storeId: store.id, offset: 10 })).items).toEqual([]);

    for (const bad of [
      { storeId: store.id, limit: 0 },
      { storeId: store.id, limit: 201 },
      { storeId: store.id, offset: -1 },
      { storeId: -1 },
    ]) {
      expect((await rejectionOf(orders.listStoreOrders(bad))).code).toBe('ORION_ERR_VALIDATION');
    }
  });
});
