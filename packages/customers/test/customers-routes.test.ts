/** The customers routes, menu items and error codes in a real host, on SQLite and PostgreSQL. */
import type { RequestContext } from '@orion/contracts';
import type { TestHost } from '@orion/testing';
import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
import { beforeEach, expect, it } from 'vitest';
import { customersModule } from '../src/index.js';

const customers = '/api/v1/store/customers/customers';

describeEachDatabase('customers routes', (dialect) => {
  const hosts = useTestHosts(dialect);
  let host: TestHost;
  let platformId: number;
  let storeId: number;
  let clerk: RequestContext;

  beforeEach(async () => {
    host = await hosts.start({ modules: [customersModule] });
    ({ platformId, storeId } = await host.seedTenancy());
    clerk = { platformId, storeId, permissions: ['customers.view', 'customers.manage'] };
  });

  it('creates, lists, reads, changes and deactivates the store’s customers', async () => {
    const added = await host.request('POST', customers, {
      context: clerk,
      body: { email: ' Ada@Example.com ', firstName: 'Ada' },
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ email: 'ada@example.com', firstName: 'Ada', isActive: true, ordersCount: 0 });
    await host.request('POST', customers, { context: clerk, body: { email: 'grace@example.com', lastName: 'Hopper' } });

    const list = await host.request('GET', customers, { context: clerk });
    expect(list.status).toBe(200);
    expect(list.body.items.map((customer: { email: string }) => customer.email)).toEqual([
      'grace@example.com',
      'ada@example.com',
    ]);
    const searched = await host.request('GET', `${customers}?search=hop&limit=1`, { context: clerk });
    expect(searched.body).toMatchObject({ limit: 1, nextBefore: null, items: [{ email: 'grace@example.com' }] });

    const one = await host.request('GET', `${customers}/${added.body.id}`, { context: clerk });
    expect(one.body).toEqual(added.body);

    const changed = await host.request('PATCH', `${customers}/${added.body.id}`, {
      context: clerk,
      body: { lastName: 'Lovelace', isActive: false },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', isActive: false });
    const taken = await host.request('PATCH', `${customers}/${added.body.id}`, {
      context: clerk,
      body: { email: 'GRACE@example.com' },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('CUSTOMERS_ERR_EMAIL_TAKEN');
  });

  it('keeps each store’s customers to itself', async () => {
    const added = await host.request('POST', customers, { context: clerk, body: { email: 'ada@example.com' } });
    const other = await host.seedTenancy({ platformId });
    const neighbour = { ...clerk, storeId: other.storeId };
    expect((await host.request('GET', customers, { context: neighbour })).body.items).toEqual([]);
    expect((await host.request('GET', `${customers}/${added.body.id}`, { context: neighbour })).status).toBe(404);
    const patch = await host.request('PATCH', `${customers}/${added.body.id}`, {
      context: neighbour,
      body: { firstName: 'Eve' },
    });
    expect(patch.status).toBe(404);
    // The same e-mail is free in the neighbour's store.
    expect(
      (await host.request('POST', customers, { context: neighbour, body: { email: 'ada@example.com' } })).status,
    ).toBe(201);
  });

  it('answers an unknown customer with its error code, translated for the caller', async () => {
    const english = await host.request('GET', `${customers}/999`, { context: clerk });
    expect(english.status).toBe(404);
    expect(english.body.error).toMatchObject({
      code: 'CUSTOMERS_ERR_CUSTOMER_NOT_FOUND',
      message: 'Customer 999 was not found in this store.',
    });
    const german = await host.request('GET', `${customers}/999`, { context: { ...clerk, locale: 'de' } });
    expect(german.body.error.message).toBe('Kunde 999 wurde in diesem Shop nicht gefunden.');
  });

  it('refuses a caller without the permission and invalid input', async () => {
    expect((await host.request('GET', customers, { context: { ...clerk, permissions: [] } })).status).toBe(403);
    const viewer = { ...clerk, permissions: ['customers.view'] };
    expect(
      (await host.request('POST', customers, { context: viewer, body: { email: 'ada@example.com' } })).status,
    ).toBe(403);
    expect((await host.request('POST', customers, { context: clerk, body: { email: 'nope' } })).status).toBe(400);
    expect(
      (await host.request('POST', customers, { context: clerk, body: { email: 'a@example.com', storeId: 3 } })).status,
    ).toBe(400);
    expect((await host.request('GET', `${customers}?limit=0`, { context: clerk })).status).toBe(400);
  });

  it('lists a platform store’s customers on the admin frontend, never another platform’s store', async () => {
    await host.request('POST', customers, { context: clerk, body: { email: 'ada@example.com' } });
    const admin = { platformId, permissions: ['customers.platform.view'] };
    const answer = await host.request('GET', `/api/v1/admin/customers/stores/${storeId}/customers`, { context: admin });
    expect(answer.status).toBe(200);
    expect(answer.body.items.map((customer: { email: string }) => customer.email)).toEqual(['ada@example.com']);

    const elsewhere = await host.seedTenancy();
    const foreign = await host.request('GET', `/api/v1/admin/customers/stores/${elsewhere.storeId}/customers`, {
      context: admin,
    });
    expect(foreign.status).toBe(404);
    const unpermitted = await host.request('GET', `/api/v1/admin/customers/stores/${storeId}/customers`, {
      context: { platformId, permissions: [] },
    });
    expect(unpermitted.status).toBe(403);
  });

  it('lists its menu items for callers with the permission, translated', async () => {
    const store = await host.orion.menu({
      platformId,
      frontend: 'store',
      permissions: ['customers.view'],
      locale: 'fr',
    });
    expect(store).toContainEqual(
      expect.objectContaining({ id: 'customers.list', module: 'customers', path: '/customers', label: 'Clients' }),
    );
    const admin = await host.orion.menu({
      platformId,
      frontend: 'admin',
      permissions: ['customers.platform.view'],
      locale: 'de',
    });
    expect(admin).toContainEqual(
      expect.objectContaining({ id: 'customers.store-customers', label: 'Kunden der Shops' }),
    );
    const without = await host.orion.menu({ platformId, frontend: 'store', permissions: [] });
    expect(without.map((item) => item.id)).not.toContain('customers.list');
  });

  it('is a core module: it can not be disabled on a platform', async () => {
    await expect(host.orion.modules.disable(platformId, 'customers')).rejects.toThrow();
    expect((await host.request('GET', customers, { context: clerk })).status).toBe(200);
  });
});
