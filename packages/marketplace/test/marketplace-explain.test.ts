import { metricsContextSchema, resolveMetricsContext } from '@orion/contracts';
import { inventoryModule } from '@orion/inventory';
import { TenancyService } from '@orion/tenancy';
import { expect, it } from 'vitest';
import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
import { analyze, explainPlan } from '../../../test/support/explain.js';
import { marketplaceModule } from '../src/index.js';
import { marketplaceMetricsQuery } from '../src/marketplace-metrics-provider.js';

describeEachDatabase('marketplace metric queries use their indexes', (dialect) => {
  const hosts = useTestHosts(dialect);

  it('the store dashboard reads import jobs through their index and staged products from the store totals, never a full scan', async () => {
    const { orion } = await hosts.start({ modules: [inventoryModule, marketplaceModule] });
    const tenancy = new TenancyService(orion.db);
    const platform = await tenancy.createPlatform({ code: 'p', name: 'P' });
    const merchant = await tenancy.createMerchant({ name: 'M' });
    const storeIds: number[] = [];
    for (let s = 0; s < 40; s++) {
      const store = await tenancy.createStore({
        merchantId: merchant.id,
        code: `s${s}`,
        name: `S${s}`,
        defaultCurrency: 'EUR',
      });
      await tenancy.addStoreToPlatform(store.id, platform.id);
      storeIds.push(store.id);
    }
    const base = Date.parse('2026-01-01T00:00:00Z');
    for (let batch = 0; batch < 8; batch++) {
      const jobs = await orion.db
        .insertInto('marketplace_import_jobs')
        .values(
          Array.from({ length: 500 }, (_, index) => ({
            store_id: storeIds[(batch * 500 + index) % storeIds.length]!,
            source: 'x',
            status: ['completed', 'failed', 'pending'][index % 3],
            created_at: new Date(base + (batch * 500 + index) * 3_600_000).toISOString(),
          })),
        )
        .returning(['id', 'store_id'])
        .execute();
      await orion.db
        .insertInto('marketplace_products')
        .values(
          jobs.map((job, index) => ({
            store_id: job.store_id,
            import_job_id: job.id,
            external_id: `e${index}`,
            sku: `k${index}`,
            title: 't',
            price: 1,
            currency: 'EUR',
            quantity: 1,
            status: ['staged', 'published'][index % 2],
            created_at: new Date(base).toISOString(),
          })),
        )
        .execute();
    }
    await analyze(orion.db, ['marketplace_import_jobs', 'marketplace_products', 'store_platforms']);
    const context = resolveMetricsContext(
      metricsContextSchema.parse({ period: '30d', includeTrends: true }),
      new Date(base + 4_000 * 3_600_000),
    );

    const storePlan = await explainPlan(
      orion.db,
      marketplaceMetricsQuery(orion.db, 'store', storeIds[3]!, context).compile(),
    );
    expect(storePlan).toContain('marketplace_import_jobs_store_created_idx');
    // staged products: the store's one row of the totals the database keeps, not the products
    expect(storePlan).toMatch(
      dialect === 'postgres' ? /marketplace_store_totals_pkey/ : /SEARCH marketplace_store_totals/,
    );
    expect(storePlan).not.toContain('marketplace_products');
    expect(storePlan).not.toMatch(/SCAN marketplace_|Seq Scan on marketplace_/);
  });
});
