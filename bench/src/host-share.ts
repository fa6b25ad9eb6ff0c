/**
 * `pnpm --filter @orion/bench exec tsx src/host-share.ts [sqlite|postgres] [100k|1m]`
 *
 * The host's own share of a store dashboard, measured to resist a loaded machine: for each of 60
 * memberships, the whole call and each provider alone, 15 rounds; the minimum of each per sample,
 * then the median over the samples of whole − sum of providers alone (and of whole ÷ slowest).
 * Run it with `NODE_ENV=production` for the production validation (`metricsValidation: 'basic'`).
 */
import { createOrion, metricsContextSchema, resolveMetricsContext } from '@orion/core';
import { benchModules } from './bench-modules.js';
import { datasetLocation, type DatasetSize } from './dataset.js';
import { quietLogger } from './generate.js';
import { benchContext } from './harness.js';
const dialect = (process.argv[2] ?? 'sqlite') as 'sqlite' | 'postgres';
const size = (process.argv[3] ?? '100k') as DatasetSize;
const orion = await createOrion({
  database: datasetLocation(dialect, size).url,
  modules: benchModules,
  logger: quietLogger,
});
const window = resolveMetricsContext(metricsContextSchema.parse(benchContext));
const providers = [];
for (const m of orion.registry.all())
  if (m.definition.metricsProvider && m.tier !== 'internal') providers.push(await m.definition.metricsProvider());
const samples = await orion.db
  .selectFrom('store_platforms')
  .select(['store_id', 'platform_id'])
  .where('is_active', '=', true)
  .orderBy('id')
  .limit(60)
  .$castTo<{ store_id: number; platform_id: number }>()
  .execute();
const shares: number[] = [];
const wholes: number[] = [];
const sums: number[] = [];
const slowest: number[] = [];
for (const s of samples) {
  let w = Infinity;
  const alone = providers.map(() => Infinity);
  for (let r = 0; r < 15; r++) {
    let t = performance.now();
    await orion.statsAggregator.getStoreDashboardStats({
      storeId: s.store_id,
      platformId: s.platform_id,
      context: benchContext,
    });
    w = Math.min(w, performance.now() - t);
    for (let i = 0; i < providers.length; i++) {
      t = performance.now();
      await providers[i]!.getStoreMetrics(orion.db, s.store_id, window);
      alone[i] = Math.min(alone[i]!, performance.now() - t);
    }
  }
  const sum = alone.reduce((a, b) => a + b, 0);
  wholes.push(w);
  sums.push(sum);
  shares.push(w - sum);
  slowest.push(Math.max(...alone));
}
const med = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
console.log(
  `${dialect} ${size} NODE_ENV=${process.env.NODE_ENV ?? ''}: whole ${med(wholes).toFixed(3)} ms, providers alone sum ${med(sums).toFixed(3)} ms, slowest ${med(slowest).toFixed(3)} ms, host share ${(med(shares) * 1000).toFixed(0)} µs, whole/slowest ${med(wholes.map((w, i) => w / slowest[i]!)).toFixed(2)}`,
);
await orion.close();
