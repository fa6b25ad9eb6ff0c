/**
 * `pnpm --filter @orion/bench exec tsx src/admin-providers.ts [sqlite|postgres] [size] [name] [--date-to ISO]`:
 * each provider's platform metrics of the largest platform (platform 1), alone, on the generated
 * dataset, then the whole admin dashboard: p50 of 50 calls after 10 warm-up calls. Says which
 * provider an admin dashboard waits for (issue 12). Run `pnpm bench --size <size>` once first: it
 * generates the dataset. `name` reads a copy instead (a file in `bench/.cache/` or a PostgreSQL
 * database made with `createdb -T orion_bench_<size>`). `--date-to` ends the 30-day window there
 * instead of at the dataset's last midnight: a time inside a day is what a dashboard ending "now"
 * asks for, and it makes every provider read the cut days' rows besides its daily rollups.
 */
import { createOrion, metricsContextSchema, resolveMetricsContext, type MetricsContext } from '@orion/core';
import { benchModules } from './bench-modules.js';
import { datasetLocation } from './dataset.js';
import { argument, parseSize, quietLogger } from './generate.js';
import { benchContext } from './harness.js';

const positional = process.argv
  .slice(2)
  .filter((value, index, all) => !value.startsWith('--') && !all[index - 1]?.startsWith('--'));
const dialect = positional[0] === 'postgres' ? 'postgres' : 'sqlite';
const size = parseSize(positional[1] ?? '100k');
const name = positional[2];
const dateTo = argument('date-to');
const orion = await createOrion({
  database: datasetLocation(dialect, size, name ? { name } : {}).url,
  modules: benchModules,
  logger: quietLogger,
});
const request: MetricsContext = dateTo ? { ...benchContext, dateTo: new Date(dateTo) } : benchContext;
const context = resolveMetricsContext(metricsContextSchema.parse(request));

async function p50(call: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let round = 0; round < 60; round++) {
    const started = performance.now();
    await call();
    if (round >= 10) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[times.length / 2]! * 100) / 100;
}

const p50s: Record<string, number> = {};
for (const module of orion.registry.all()) {
  const factory = module.definition.metricsProvider;
  if (!factory) continue;
  const provider = await factory();
  p50s[module.code] = await p50(() => provider.getPlatformMetrics(orion.db, 1, context));
}
const sum = Object.values(p50s).reduce((total, value) => total + value, 0);
const whole = await p50(() => orion.statsAggregator.getAdminDashboardStats({ platformId: 1, context: request }));
console.log(
  `${dialect} ${size} platform 1, window [${context.dateFrom.toISOString()}, ${context.dateTo.toISOString()}), providers alone (p50 ms):`,
  p50s,
  `sum ${sum.toFixed(2)} ms; whole admin dashboard p50 ${whole} ms`,
);
await orion.close();
