/**
 * Runs the module in a real host on a throwaway SQLite file and a throwaway PostgreSQL database
 * (skipped, with a line saying so, when no PostgreSQL server answers at ORION_TEST_POSTGRES_URL or
 * postgres://postgres@127.0.0.1:5432/test; with CI=true an unreachable server fails instead).
 */
import type { RequestContext } from '@orion/contracts';
import type { TestHost } from '@orion/testing';
import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
import { beforeEach, expect, it } from 'vitest';
import { __camel__Module } from '../src/index.js';

const items = '/api/v1/store/__code__/items';

describeEachDatabase('__Title__', (dialect) => {
  const hosts = useTestHosts(dialect);
  let host: TestHost;
  let platformId: number;
  let storeId: number;
  let clerk: RequestContext;

  beforeEach(async () => {
    host = await hosts.start({ modules: [__camel__Module] });
    ({ platformId, storeId } = await host.seedTenancy());
    clerk = { platformId, storeId, permissions: ['__code__.view', '__code__.manage'] };
  });

  it('adds, lists and reads the store’s items', async () => {
    const added = await host.request('POST', items, { context: clerk, body: { title: '  First  ' } });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ title: 'First' });
    await host.request('POST', items, { context: clerk, body: { title: 'Second' } });

    const list = await host.request('GET', items, { context: clerk });
    expect(list.status).toBe(200);
    expect(list.body.items.map((item: { title: string }) => item.title)).toEqual(['Second', 'First']);

    const one = await host.request('GET', `${items}/${added.body.id}`, { context: clerk });
    expect(one.body).toEqual(added.body);
  });

  it('keeps each store’s items to itself', async () => {
    const added = await host.request('POST', items, { context: clerk, body: { title: 'Ours' } });
    const other = await host.seedTenancy({ platformId });
    const neighbour = { ...clerk, storeId: other.storeId };
    expect((await host.request('GET', items, { context: neighbour })).body).toEqual({ items: [] });
    expect((await host.request('GET', `${items}/${added.body.id}`, { context: neighbour })).status).toBe(404);
  });

  it('answers an unknown item with its error code, translated for the caller', async () => {
    const english = await host.request('GET', `${items}/999`, { context: clerk });
    expect(english.status).toBe(404);
    expect(english.body.error).toMatchObject({
      code: '__CONST___ERR_ITEM_NOT_FOUND',
      message: 'Item 999 was not found in this store.',
    });
    const german = await host.request('GET', `${items}/999`, { context: { ...clerk, locale: 'de' } });
    expect(german.body.error.message).toBe('Eintrag 999 wurde in diesem Shop nicht gefunden.');
  });

  it('refuses a caller without the permission and an invalid body', async () => {
    expect((await host.request('GET', items, { context: { ...clerk, permissions: [] } })).status).toBe(403);
    expect((await host.request('POST', items, { context: clerk, body: { title: '' } })).status).toBe(400);
  });

  it('counts the items on the store and admin dashboards, labelled in the caller’s language', async () => {
    for (const title of ['One', 'Two', 'Three']) await host.request('POST', items, { context: clerk, body: { title } });
    const other = await host.seedTenancy({ platformId });
    await host.request('POST', items, { context: { ...clerk, storeId: other.storeId }, body: { title: 'Elsewhere' } });

    const store = await host.storeDashboard({ storeId, platformId });
    expect(store.failures).toEqual([]);
    expect(store.values['__code__.items']).toBe(3);
    const admin = await host.adminDashboard({ platformId, context: { locale: 'de' } });
    expect(admin.values['__code__.items']).toBe(4);
    expect(admin.metric('__code__.items')?.label).toBe('Einträge');
  });

  it('lists its menu item for a caller with the permission only', async () => {
    const menu = await host.orion.menu({ platformId, frontend: 'store', permissions: ['__code__.view'], locale: 'fr' });
    expect(menu).toContainEqual(
      expect.objectContaining({ id: '__code__.items', module: '__code__', path: '/__code__' }),
    );
    const without = await host.orion.menu({ platformId, frontend: 'store', permissions: [] });
    expect(without.map((item) => item.id)).not.toContain('__code__.items');
  });

  it('stays off the dashboards and the routes on a platform where it is disabled', async () => {
    await host.orion.modules.disable(platformId, '__code__');
    expect((await host.request('GET', items, { context: clerk })).status).toBe(404);
    const store = await host.storeDashboard({ storeId, platformId });
    expect(store.metric('__code__.items')).toBeUndefined();
  });
});
