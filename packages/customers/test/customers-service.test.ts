import { inTransaction, isOrionError, type ModuleEvent } from '@orion/contracts';
import type { TestHost } from '@orion/testing';
import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
import { beforeEach, expect, it } from 'vitest';
import { CustomersService, customerCreatedEventRef, customersModule, type CustomerCreated } from '../src/index.js';

/** The error a promise rejects with. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describeEachDatabase('CustomersService', (dialect) => {
  const hosts = useTestHosts(dialect);
  let host: TestHost;
  let customers: CustomersService;
  let storeId: number;
  let platformId: number;

  beforeEach(async () => {
    host = await hosts.start({ modules: [customersModule] });
    ({ storeId, platformId } = await host.seedTenancy());
    customers = new CustomersService(host.db);
  });

  it('creates a customer with a trimmed, lower-case e-mail and reads it back', async () => {
    const ada = await customers.create({
      storeId,
      email: '  Ada@Example.COM ',
      firstName: ' Ada ',
      lastName: 'Lovelace',
      locale: 'en',
    });
    expect(ada).toMatchObject({
      storeId,
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
      phone: null,
      locale: 'en',
      isActive: true,
      firstOrderAt: null,
      lastOrderAt: null,
      ordersCount: 0,
    });
    expect(ada.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(await customers.get(ada.id, { storeId })).toEqual(ada);
    expect(await customers.findByEmail({ storeId, email: 'ADA@example.com ' })).toEqual(ada);
    expect(await customers.findByEmail({ storeId, email: 'grace@example.com' })).toBeUndefined();
  });

  it('refuses an invalid e-mail, an unknown store and an e-mail the store already has', async () => {
    expect(
      isOrionError(await rejection(customers.create({ storeId, email: 'not an e-mail' })), 'ORION_ERR_VALIDATION'),
    ).toBe(true);
    expect(
      isOrionError(
        await rejection(customers.create({ storeId: 999_999, email: 'a@example.com' })),
        'ORION_ERR_NOT_FOUND',
      ),
    ).toBe(true);
    await customers.create({ storeId, email: 'ada@example.com' });
    const taken = await rejection(customers.create({ storeId, email: 'ADA@example.com' }));
    expect(isOrionError(taken, 'CUSTOMERS_ERR_EMAIL_TAKEN')).toBe(true);
    expect((taken as { details: unknown }).details).toEqual({ email: 'ada@example.com' });
    // Another store may have a customer with the same e-mail.
    const other = await host.seedTenancy({ platformId });
    expect((await customers.create({ storeId: other.storeId, email: 'ada@example.com' })).storeId).toBe(other.storeId);
  });

  it('updates the profile and the e-mail, keeps e-mails unique, and deactivates', async () => {
    const ada = await customers.create({ storeId, email: 'ada@example.com', firstName: 'Ada', phone: '+352 123 456' });
    await customers.create({ storeId, email: 'grace@example.com' });
    const changed = await customers.update(
      ada.id,
      { lastName: 'King', phone: null, email: ' Countess@Example.com' },
      { storeId },
    );
    expect(changed).toMatchObject({ firstName: 'Ada', lastName: 'King', phone: null, email: 'countess@example.com' });
    expect(
      isOrionError(
        await rejection(customers.update(ada.id, { email: 'grace@example.com' })),
        'CUSTOMERS_ERR_EMAIL_TAKEN',
      ),
    ).toBe(true);
    expect(isOrionError(await rejection(customers.update(ada.id, {})), 'ORION_ERR_VALIDATION')).toBe(true);

    const other = await host.seedTenancy({ platformId });
    const missing = await rejection(customers.deactivate(ada.id, { storeId: other.storeId }));
    expect(isOrionError(missing, 'CUSTOMERS_ERR_CUSTOMER_NOT_FOUND')).toBe(true);
    expect((await customers.deactivate(ada.id, { storeId })).isActive).toBe(false);
    expect((await customers.deactivate(ada.id)).isActive).toBe(false);
    expect((await customers.get(ada.id)).lastName).toBe('King');
  });

  it('lists newest first, pages by keyset and by offset, and searches by e-mail or name prefix', async () => {
    const people = [
      ['ada@example.com', 'Ada', 'Lovelace'],
      ['grace@navy.mil', 'Grace', 'Hopper'],
      ['alan@example.org', 'Alan', 'Turing'],
      ['adele@example.com', null, null],
      ['zoe@example.com', 'Adam', 'Zed'],
    ] as const;
    const created = [];
    for (const [email, firstName, lastName] of people)
      created.push(await customers.create({ storeId, email, firstName, lastName }));
    const other = await host.seedTenancy({ platformId });
    await customers.create({ storeId: other.storeId, email: 'adrian@example.com' });

    const emails = (page: { items: { email: string }[] }) => page.items.map((customer) => customer.email);
    const first = await customers.list({ storeId, limit: 2 });
    expect(emails(first)).toEqual(['zoe@example.com', 'adele@example.com']);
    expect(first.nextBefore).toBe(created[3]!.id);
    const second = await customers.list({ storeId, limit: 2, before: first.nextBefore! });
    expect(emails(second)).toEqual(['alan@example.org', 'grace@navy.mil']);
    const last = await customers.list({ storeId, limit: 2, before: second.nextBefore! });
    expect(emails(last)).toEqual(['ada@example.com']);
    expect(last.nextBefore).toBeNull();
    expect(emails(await customers.list({ storeId, limit: 2, offset: 2 }))).toEqual([
      'alan@example.org',
      'grace@navy.mil',
    ]);

    // 'ad' starts ada@, adele@ and the name "adam zed"; never the other store's adrian@.
    expect(emails(await customers.list({ storeId, search: ' AD' }))).toEqual([
      'zoe@example.com',
      'adele@example.com',
      'ada@example.com',
    ]);
    expect(emails(await customers.list({ storeId, search: 'grace hop' }))).toEqual(['grace@navy.mil']);
    expect(emails(await customers.list({ storeId, search: 'hopper' }))).toEqual([]);
    expect(emails(await customers.list({ storeId, search: 'a', limit: 1, before: created[3]!.id }))).toEqual([
      'alan@example.org',
    ]);
    expect(
      isOrionError(await rejection(customers.list({ storeId, offset: 1, before: 3 })), 'ORION_ERR_VALIDATION'),
    ).toBe(true);
    expect(isOrionError(await rejection(customers.list({ storeId: 999_999 })), 'ORION_ERR_NOT_FOUND')).toBe(true);
  });

  it('records orders: creates the customer once, keeps the earliest and latest order and the count', async () => {
    const first = await customers.recordOrder({ storeId, email: ' Ada@Example.com', placedAt: '2026-03-10T10:00:00Z' });
    expect(first).toMatchObject({ created: true, ordersCount: 1 });
    const later = await customers.recordOrder({
      storeId,
      email: 'ada@example.com',
      placedAt: new Date('2026-05-01T08:30:00Z'),
    });
    const earlier = await customers.recordOrder({
      storeId,
      email: 'ada@example.com',
      placedAt: '2026-01-02T00:00:00+02:00',
    });
    expect(later).toEqual({ customerId: first.customerId, created: false, ordersCount: 2 });
    expect(earlier).toEqual({ customerId: first.customerId, created: false, ordersCount: 3 });
    expect(await customers.get(first.customerId)).toMatchObject({
      email: 'ada@example.com',
      isActive: true,
      firstOrderAt: '2026-01-01T22:00:00.000Z',
      lastOrderAt: '2026-05-01T08:30:00.000Z',
      ordersCount: 3,
      createdAt: '2026-03-10T10:00:00.000Z',
    });

    // A customer created by hand keeps its profile when its first order is recorded.
    const grace = await customers.create({ storeId, email: 'grace@example.com', firstName: 'Grace' });
    expect(
      await customers.recordOrder({ storeId, email: 'grace@example.com', placedAt: '2026-04-01T00:00:00Z' }),
    ).toEqual({
      customerId: grace.id,
      created: false,
      ordersCount: 1,
    });
    expect(await customers.get(grace.id)).toMatchObject({
      firstName: 'Grace',
      firstOrderAt: '2026-04-01T00:00:00.000Z',
      ordersCount: 1,
    });
  });

  it('records concurrent first orders of one e-mail as one customer', async () => {
    const placedAt = (minute: number) => `2026-03-10T10:${String(minute).padStart(2, '0')}:00.000Z`;
    const recorded = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        customers.recordOrder({ storeId, email: 'rush@example.com', placedAt: placedAt(i) }),
      ),
    );
    expect(new Set(recorded.map((r) => r.customerId)).size).toBe(1);
    expect(recorded.filter((r) => r.created)).toHaveLength(1);
    expect(recorded.map((r) => r.ordersCount).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await customers.findByEmail({ storeId, email: 'rush@example.com' })).toMatchObject({
      ordersCount: 6,
      firstOrderAt: placedAt(0),
      lastOrderAt: placedAt(5),
    });
  });

  it('announces each new customer as customers.created, after its transaction commits', async () => {
    const seen: ModuleEvent<CustomerCreated>[] = [];
    host.orion.events.on(customerCreatedEventRef, (event) => {
      seen.push(event);
    });
    const announcing = new CustomersService(host.db, { events: host.orion.events.forModule('customers'), platformId });
    const ada = await announcing.create({ storeId, email: 'ada@example.com' });
    const first = await announcing.recordOrder({
      storeId,
      email: 'grace@example.com',
      placedAt: '2026-03-10T10:00:00Z',
    });
    await announcing.recordOrder({ storeId, email: 'grace@example.com', placedAt: '2026-03-11T10:00:00Z' }); // not new
    await expect(
      inTransaction(host.db, async (trx) => {
        await announcing.recordOrder(
          { storeId, email: 'eve@example.com', placedAt: '2026-03-12T10:00:00Z' },
          { transaction: trx },
        );
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    // Without events, nothing is published.
    await customers.create({ storeId, email: 'quiet@example.com' });
    await host.orion.events.drain();
    expect(seen.map((event) => [event.platformId, event.payload])).toEqual([
      [platformId, { customerId: ada.id, storeId, email: 'ada@example.com', via: 'create' }],
      [platformId, { customerId: first.customerId, storeId, email: 'grace@example.com', via: 'order' }],
    ]);
  });

  it('records an order in the caller’s transaction: a rollback leaves no customer', async () => {
    const failure = new Error('the order failed');
    const error = await rejection(
      inTransaction(host.db, async (trx) => {
        await customers.recordOrder(
          { storeId, email: 'ada@example.com', placedAt: '2026-03-10T10:00:00Z' },
          { transaction: trx },
        );
        expect(await new CustomersService(trx).findByEmail({ storeId, email: 'ada@example.com' })).toBeDefined();
        throw failure;
      }),
    );
    expect(error).toBe(failure);
    expect(await customers.findByEmail({ storeId, email: 'ada@example.com' })).toBeUndefined();
    const rows = await host.db.selectFrom('customer_order_activity').selectAll().execute();
    expect(rows).toEqual([]);
  });
});
