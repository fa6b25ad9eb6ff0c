/**
 * `pnpm --filter @orion/bench run coherence [--db sqlite|postgres|both] [--changes N]`
 *
 * The coherence delay: three app processes (the built @orion/core, the fixture app of
 * packages/core/test/coherence) on one database; a module is disabled and enabled N times in turn
 * through the first process (every fifth change through the `orion` CLI instead), and the time from
 * the change's acknowledgement (the HTTP answer, or the CLI's exit) until every process's enabled
 * list, dashboard, menu and route agree is recorded. Prints p50/p99/max per database.
 */
import { createOrion } from '@orion/core';
import { seedTenancy } from '../../packages/testing/src/index.js';
import { createTestDatabase } from '../../packages/testing/src/test-database.js';
import {
  cli,
  instanceApp,
  startInstance,
  untilAllAgree,
  widgetsShown,
  type Instance,
} from '../../packages/core/test/coherence/instance-processes.js';
import { argument, parseDialects } from './generate.js';
import { percentile } from './random.js';

const quietLogger = { debug() {}, info() {}, warn() {}, error() {} };

async function measure(dialect: 'sqlite' | 'postgres', changes: number): Promise<number[]> {
  const cleanups: (() => void)[] = [];
  const database = await createTestDatabase(dialect);
  let instances: Instance[] = [];
  try {
    const app = instanceApp(cleanups);
    const seeder = await createOrion({ cwd: app, database: database.url, logger: quietLogger });
    const { platformId, storeId } = await seedTenancy(seeder.db, { user: false });
    await seeder.close();
    instances = await Promise.all([0, 1, 2].map(() => startInstance(app, database.url)));
    await untilAllAgree(instances, platformId, storeId, (state) => widgetsShown(state) === true);
    const delays: number[] = [];
    for (let change = 0; change < changes; change++) {
      const action = change % 2 === 0 ? 'disable' : 'enable';
      if (change % 5 === 4) {
        const run = await cli(app, database.url, [action, 'widgets', '--platform', String(platformId)]);
        if (run.code !== 0) throw new Error(run.stderr);
      } else {
        await instances[0]!.call(`/${action}`, { platform: platformId, code: 'widgets' });
      }
      const delay = await untilAllAgree(
        instances.slice(1),
        platformId,
        storeId,
        (state) => widgetsShown(state) === (action === 'enable'),
      );
      delays.push(delay);
      console.log(`[coherence ${dialect}] change ${change + 1}: ${action} ${delay.toFixed(1)} ms`);
    }
    return delays;
  } finally {
    await Promise.all(instances.map((instance) => instance.stop()));
    for (const cleanup of cleanups) cleanup();
    await database.drop();
  }
}

async function main(): Promise<void> {
  const changes = Number(argument('changes', '30'));
  const lines = [
    '| coherence delay (3 processes) | db | changes | p50 | p99 | max |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
  ];
  for (const dialect of parseDialects(argument('db'))) {
    const delays = await measure(dialect, changes);
    const ms = (value: number) => `${value.toFixed(1)} ms`;
    lines.push(
      `| change acknowledged → every other process agrees | ${dialect} | ${delays.length} | ${ms(percentile(delays, 50))} | ${ms(percentile(delays, 99))} | ${ms(Math.max(...delays))} |`,
    );
  }
  console.log(`\n${lines.join('\n')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
