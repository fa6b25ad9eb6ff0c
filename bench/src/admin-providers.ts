/**
 * `pnpm --filter @orion/bench exec tsx src/admin-providers.ts [sqlite|postgres] [size] [name]`: each
 * provider's platform metrics of the largest platform (platform 1), alone, on the generated dataset:
 * p50 of 50 calls after 10 warm-up calls. Says which provider an admin dashboard waits for (issue 12).
 * Run `pnpm bench --size <size>` once first: it generates the dataset. `name` reads a copy instead
 * (a file in `bench/.cache/` or a PostgreSQL database made with `createdb -T orion_bench_<size>`).
 */
import { createOrion, metricsContextSchema, resolveMetricsContext } from '@orion/core';
import { benchModules } from './bench-modules.js';
import { datasetLocation } from './dataset.js';
import { parseSize, quietLogger } from './generate.js';
import { benchContext } from './harness.js';

const dialect = process.argv[2] === 'postgres' ? 'postgres' : 'sqlite';
const size = parseSize(process.argv[3] ?? '100k');
const name = process.argv[4];
const orion = await createOrion({
  database: datasetLocation(dialect, size, name ? { name } : {}).url,
  modules: benchModules,
  logger: quietLogger,
});
const context = resolveMetricsContext(metricsContextSchema.parse(benchContext));
const p50s: Record<string, number> = {};
for (const module of orion.registry.all()) {
  const factory = module.definition.metricsProvider;
  if (!factory) continue;
  const provider = await factory();
  const times: number[] = [];
  for (let call = 0; call < 60; call++) {
    const started = performance.now();
    await provider.getPlatformMetrics(orion.db, 1, context);
    if (call >= 10) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  p50s[module.code] = Math.round(times[times.length / 2]! * 100) / 100;
}
const sum = Object.values(p50s).reduce((total, value) => total + value, 0);
console.log(`${dialect} ${size} platform 1, providers alone (p50 ms):`, p50s, `sum ${sum.toFixed(2)} ms`);
await orion.close();
