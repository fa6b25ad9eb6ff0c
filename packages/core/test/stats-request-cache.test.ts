import { seedTenancy } from '../../testing/src/index.js';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.js';
import { useOrionHosts } from '../../../test/support/orion-host.js';
import { rejectionOf } from '../../../test/support/rejection.js';

// The dashboards keep the parse of a context they validated before (issue 12: the request's zod
// parse was the largest part of the host's own time per call). Whatever was cached, an invalid
// request must still be refused with the coded error.
describeEachDatabase('dashboard requests after a cached context', (dialect) => {
  const hosts = useOrionHosts(dialect);

  it('refuses invalid ids, values and fields exactly as without the cache', async () => {
    const orion = await hosts.start({ modules: [] });
    const { platformId, storeId } = await seedTenancy(orion.db, { user: false });
    const context = { period: '7d', includeTrends: true, dateTo: new Date('2026-11-01T00:00:00Z') };
    const first = await orion.statsAggregator.getStoreDashboardStats({ storeId, platformId, context });
    const again = await orion.statsAggregator.getStoreDashboardStats({ storeId, platformId, context: { ...context } });
    expect(again.window).toEqual(first.window);
    expect(first.window.dateFrom.toISOString()).toBe('2026-10-25T00:00:00.000Z');

    const refused = [
      { storeId, platformId, context: { ...context, period: 'a week' } },
      { storeId, platformId, context: { ...context, extra: 1 } },
      { storeId, platformId, context: { ...context, dateTo: new Date(Number.NaN) } },
      { storeId, platformId, context: { ...context, locale: 'de\u0000' } },
      { storeId: 0, platformId, context },
      { storeId, platformId: 1.5, context },
      { storeId: String(storeId), platformId, context },
    ];
    for (const request of refused) {
      const error = await rejectionOf(orion.statsAggregator.getStoreDashboardStats(request as never));
      expect([JSON.stringify(request), error.code]).toEqual([JSON.stringify(request), 'ORION_ERR_VALIDATION']);
    }
    const admin = await rejectionOf(
      orion.statsAggregator.getAdminDashboardStats({ platformId, context: { ...context, period: '' } }),
    );
    expect(admin.code).toBe('ORION_ERR_VALIDATION');
  });

  it('does not keep a dateFrom without dateTo, whose check depends on the time of the call', async () => {
    const orion = await hosts.start({ modules: [] });
    const { platformId } = await seedTenancy(orion.db, { user: false });
    const dateFrom = new Date(Date.now() - 24 * 3600_000);
    const stats = await orion.statsAggregator.getAdminDashboardStats({ platformId, context: { dateFrom } });
    expect(stats.window.dateFrom.getTime()).toBe(dateFrom.getTime());
    const tooLong = await rejectionOf(
      orion.statsAggregator.getAdminDashboardStats({ platformId, context: { dateFrom: new Date(0) } }),
    );
    expect(tooLong.code).toBe('ORION_ERR_VALIDATION');
  });
});
