/**
 * `pnpm bench:load [--seconds 30] [--concurrency 1,8,32] [--flip-ms 3000] [--module inventory] [--scale 0.05]`
 *
 * Several instances under load (issue 13): three demo-server processes (`examples/server`, as
 * `examples/server/test/demo-process.ts` starts it) on one fresh PostgreSQL database. A client of
 * its own sends the store dashboard route round robin to the three, `concurrency` requests in
 * flight, for `seconds` at each concurrency, while a module is disabled and enabled in turn every
 * `flip-ms` through the first instance's API. Prints throughput, p50/p99 latency, errors, and every
 * answer that still showed the disabled module's categories although it was asked for at least one
 * second after the disable was acknowledged and answered before the next enable was sent (target:
 * none). Not part of `pnpm test`.
 */
import { createTestDatabase } from '../../packages/testing/src/test-database.js';
import { startDemo, type RunningDemo } from '../../examples/server/test/demo-process.js';
import { argument } from './generate.js';
import { percentile } from './random.js';

const seconds = Number(argument('seconds', '30'));
const concurrencies = argument('concurrency', '1,8,32')!.split(',').map(Number);
const flipMs = Number(argument('flip-ms', '3000'));
const moduleCode = argument('module', 'inventory')!;
const scale = Number(argument('scale', '0.05'));
const GRACE_MS = 1000;

interface Window {
  /** Acknowledgement of a disable plus the grace second. */
  from: number;
  /** When the next enable was sent (Infinity while none was). */
  to: number;
}

interface Round {
  concurrency: number;
  requests: number;
  errors: Map<string, number>;
  latencies: number[];
  stale: number;
  /** Answers asked for and given within a window: those the stale check applies to. */
  checked: number;
  flips: number;
  elapsedMs: number;
}

async function categoriesOf(demo: RunningDemo, path: string, token: string): Promise<string[]> {
  const body = (await demo.get(path, token)) as { categories?: Record<string, unknown> };
  return Object.keys(body.categories ?? {});
}

async function post(demo: RunningDemo, path: string, token: string): Promise<void> {
  const response = await fetch(new URL(path, demo.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{}',
  });
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  await response.arrayBuffer();
}

async function main(): Promise<void> {
  const database = await createTestDatabase('postgres');
  const instances: RunningDemo[] = [];
  try {
    // The first start migrates and seeds; each start issues fresh demo tokens and revokes the earlier
    // ones (they are stored in the database, so every instance takes the last start's tokens).
    for (let i = 0; i < 3; i++) instances.push(await startDemo({ databaseUrl: database.url, scale }));
    const first = instances[0]!;
    const last = instances[2]!;
    const { storeToken, storeId, storePlatformId: platformId } = last;
    // An admin token of the store's platform (tokens are stored in the database: every instance takes them).
    let adminToken: string | undefined;
    for (const token of last.tokens) {
      const session = (await last.get('/api/v1/session', token)) as { kind: string; platformId?: number };
      if (session.kind === 'platform' && session.platformId === platformId) adminToken = token;
    }
    if (!adminToken) throw new Error(`No admin token for platform ${platformId}`);
    const admin = adminToken;
    const dashboard = `/api/v1/platforms/${platformId}/stores/${storeId}/dashboard`;
    const flip = (action: 'enable' | 'disable') =>
      post(first, `/api/v1/platforms/${platformId}/modules/${moduleCode}/${action}`, admin);

    // The module's categories: those the dashboard loses when it is disabled.
    const shown = await categoriesOf(first, dashboard, storeToken);
    await flip('disable');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const hidden = await categoriesOf(first, dashboard, storeToken);
    await flip('enable');
    const moduleCategories = shown.filter((category) => !hidden.includes(category));
    if (moduleCategories.length === 0)
      throw new Error(`Disabling ${moduleCode} hid no category of the dashboard (${shown.join(', ')}); try --module`);
    console.log(
      `3 demo instances on PostgreSQL (DEMO_SCALE=${scale}); store ${storeId} on platform ${platformId}; ` +
        `flipping ${moduleCode} (categories ${moduleCategories.join(', ')}) every ${flipMs} ms through instance 1; ` +
        `${seconds} s per concurrency`,
    );

    const rounds: Round[] = [];
    for (const concurrency of concurrencies) {
      const round: Round = {
        concurrency,
        requests: 0,
        errors: new Map(),
        latencies: [],
        stale: 0,
        checked: 0,
        flips: 0,
        elapsedMs: 0,
      };
      const windows: Window[] = [];
      const started = performance.now();
      const deadline = started + seconds * 1000;
      let next = 0;

      const flipper = (async () => {
        let disabled = false;
        while (performance.now() + flipMs < deadline) {
          await new Promise((resolve) => setTimeout(resolve, flipMs));
          if (disabled) {
            const open = windows.at(-1);
            if (open) open.to = performance.now();
            await flip('enable');
          } else {
            await flip('disable');
            windows.push({ from: performance.now() + GRACE_MS, to: Infinity });
          }
          disabled = !disabled;
          round.flips++;
        }
        if (disabled) {
          windows.at(-1)!.to = performance.now();
          await flip('enable');
          round.flips++;
        }
      })();

      const client = async () => {
        while (performance.now() < deadline) {
          const instance = instances[next++ % instances.length]!;
          const sent = performance.now();
          try {
            const response = await fetch(new URL(dashboard, instance.url), {
              headers: { authorization: `Bearer ${storeToken}` },
            });
            const body = (await response.json()) as { categories?: Record<string, unknown> };
            const answered = performance.now();
            round.latencies.push(answered - sent);
            round.requests++;
            if (!response.ok) {
              const key = `HTTP ${response.status}`;
              round.errors.set(key, (round.errors.get(key) ?? 0) + 1);
              continue;
            }
            const showsModule = moduleCategories.some((category) => category in (body.categories ?? {}));
            if (windows.some((window) => sent >= window.from && answered <= window.to)) {
              round.checked++;
              if (showsModule) round.stale++;
            }
          } catch (error) {
            round.requests++;
            const cause = (error as { cause?: { code?: string } }).cause;
            const key = (cause?.code ?? (error instanceof Error ? error.message : 'failed')).slice(0, 80);
            round.errors.set(key, (round.errors.get(key) ?? 0) + 1);
          }
        }
      };
      await Promise.all([...Array.from({ length: concurrency }, client), flipper]);
      round.elapsedMs = performance.now() - started;
      rounds.push(round);
      report(round);
    }
    console.log('\n| concurrency | requests | req/s | p50 ms | p99 ms | errors | flips | stale / checked answers |');
    console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const round of rounds) {
      const errors = [...round.errors.values()].reduce((a, b) => a + b, 0);
      console.log(
        `| ${round.concurrency} | ${round.requests} | ${(round.requests / (round.elapsedMs / 1000)).toFixed(0)} | ` +
          `${percentile(round.latencies, 50).toFixed(1)} | ${percentile(round.latencies, 99).toFixed(1)} | ` +
          `${errors} | ${round.flips} | ${round.stale} / ${round.checked} |`,
      );
    }
  } finally {
    await Promise.all(instances.map((instance) => instance.stop()));
    await database.drop();
  }
}

function report(round: Round): void {
  const errors = [...round.errors.entries()].map(([key, count]) => `${count}× ${key}`).join('; ') || 'none';
  console.log(
    `concurrency ${round.concurrency}: ${round.requests} requests in ${(round.elapsedMs / 1000).toFixed(1)} s ` +
      `(${(round.requests / (round.elapsedMs / 1000)).toFixed(0)}/s), p50 ${percentile(round.latencies, 50).toFixed(1)} ms, ` +
      `p99 ${percentile(round.latencies, 99).toFixed(1)} ms, errors: ${errors}, ${round.flips} flips, ` +
      `${round.stale} stale answers of ${round.checked} checked`,
  );
}

await main();
