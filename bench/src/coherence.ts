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

interface Delay {
  /** From the acknowledgement to the start of the poll that agreed (a lower bound). */
  from: number;
  /** To the end of that poll (an upper bound). */
  to: number;
  polls: number;
}

async function measure(dialect: 'sqlite' | 'postgres', changes: number): Promise<Delay[]> {
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
    const delays: Delay[] = [];
    for (let change = 0; change < changes; change++) {
      const action = change % 2 === 0 ? 'disable' : 'enable';
      if (change % 5 === 4) {
        const run = await cli(app, database.url, [action, 'widgets', '--platform', String(platformId)]);
        if (run.code !== 0) throw new Error(run.stderr);
      } else {
        await instances[0]!.call(`/${action}`, { platform: platformId, code: 'widgets' });
      }
      // Poll the other two until both agree. The change was visible somewhere between the start and the
      // end of the poll that agreed: both bounds are kept (a poll is a dashboard, a menu, a route and
      // a config read in each process, tens of ms on the loaded machine).
      const acknowledged = performance.now();
      for (let polls = 1; ; polls++) {
        const started = performance.now();
        const states = await Promise.all(instances.slice(1).map((instance) => instance.state(platformId, storeId)));
        if (states.every((state) => widgetsShown(state) === (action === 'enable'))) {
          const delay = { from: started - acknowledged, to: performance.now() - acknowledged, polls };
          delays.push(delay);
          console.log(
            `[coherence ${dialect}] change ${change + 1}: ${action} ${delay.from.toFixed(1)}–${delay.to.toFixed(1)} ms (poll ${polls})`,
          );
          break;
        }
        if (performance.now() - acknowledged > 10_000) throw new Error('the processes did not agree within 10 s');
      }
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
    '| db | changes | agreed at the first poll | lower bound p50 / p99 | upper bound p50 / p99 | max |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const dialect of parseDialects(argument('db'))) {
    const delays = await measure(dialect, changes);
    const ms = (value: number) => `${value.toFixed(1)} ms`;
    const from = delays.map((delay) => delay.from);
    const to = delays.map((delay) => delay.to);
    const first = delays.filter((delay) => delay.polls === 1).length;
    lines.push(
      `| ${dialect} | ${delays.length} | ${first} | ${ms(percentile(from, 50))} / ${ms(percentile(from, 99))} | ${ms(percentile(to, 50))} / ${ms(percentile(to, 99))} | ${ms(Math.max(...to))} |`,
    );
  }
  console.log(`\n${lines.join('\n')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
