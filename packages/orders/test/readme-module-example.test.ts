/**
 * The README's "Writing a module" example, run: the module the README prints (type-checked as
 * `readme-module-example.ts`) installs, migrates, takes notes over HTTP cut to its configured
 * `maxLength`, and counts them on the store and platform dashboards, on SQLite and PostgreSQL.
 */
import type { TestHost } from '@orion/testing';
import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
import { expect, it } from 'vitest';
import { ordersModule } from '../src/index.js';
import { orderNotesModule } from './readme-module-example.js';

describeEachDatabase('the README module example', (dialect) => {
  const hosts = useTestHosts(dialect);

  it('migrates, stores notes cut to config.maxLength and counts them per store and per platform', async () => {
    const host: TestHost = await hosts.start({
      modules: [ordersModule, orderNotesModule],
      env: { ORDER_NOTES_MAX_LENGTH: '5' },
    });
    const { platformId, storeId, merchantId } = await host.seedTenancy();
    const other = (await host.seedTenancy({ platformId, merchantId })).storeId;
    const writer = (store: number) => ({ platformId, storeId: store, permissions: ['order-notes.write'] });

    expect(
      (
        await host.request('POST', '/api/v1/store/order-notes/notes', {
          context: writer(storeId),
          body: { text: 'Leave at the door' },
        })
      ).status,
    ).toBe(204);
    expect(
      (
        await host.request('POST', '/api/v1/store/order-notes/notes', {
          context: writer(other),
          body: { text: 'Gift' },
        })
      ).status,
    ).toBe(204);
    expect(
      (
        await host.request('POST', '/api/v1/store/order-notes/notes', {
          context: { platformId, storeId, permissions: [] },
          body: { text: 'x' },
        })
      ).status,
    ).toBe(403);

    const texts = await host.db.selectFrom('order_notes').select(['store_id', 'text']).orderBy('id').execute();
    expect(texts.map((row) => ({ storeId: Number(row.store_id), text: row.text }))).toEqual([
      { storeId, text: 'Leave' },
      { storeId: other, text: 'Gift' },
    ]);

    const store = await host.orion.statsAggregator.getStoreDashboardStats({ storeId, platformId });
    expect(store.failures).toEqual([]);
    expect(store.categories['order-notes']).toEqual([
      { key: 'order-notes.count', value: 1, label: 'Notes', category: 'order-notes' },
    ]);
    const platform = await host.orion.statsAggregator.getAdminDashboardStats({ platformId });
    expect(platform.categories['order-notes']).toEqual([
      { key: 'order-notes.count', value: 2, label: 'Notes', category: 'order-notes' },
    ]);
  });
});
