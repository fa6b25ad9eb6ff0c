/**
 * More than one process on one database (issue 14, item 3): what the app sees while the `orion`
 * CLI or a worker writes the same SQLite file. Not part of `pnpm test`; run (after a build):
 *
 *   npx -y pnpm@10.34.8 --filter @orion/bench multiprocess            # SQLite, a fresh file
 *   npx -y pnpm@10.34.8 --filter @orion/bench multiprocess postgres://postgres@127.0.0.1:5432/test
 *
 * (a PostgreSQL URL names a server; the bench creates and drops its own database there). Three
 * scenarios, each with real child processes:
 * 1. A server process (HTTP `/health/live` and a store dashboard, plus one order placed every
 *    100 ms as a live shop would) while another process takes the write lock for 2 s at a time
 *    (`BEGIN IMMEDIATE`, a long write); this process times both routes from outside, first without
 *    the other process (5 s), then with it (10 s). The server reports its event loop's longest stall.
 * 2. Two processes enabling and disabling modules at once, 60 calls each.
 * 3. Two processes placing batches of 25 orders at once, each batch one transaction, 80 batches
 *    each (4,000 orders).
 */
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createOrion, httpStatusOf, type Orion } from '@orion/core';
import { catalogModule } from '@orion/catalog';
import { ordersModule, OrdersService } from '@orion/orders';
import pg from 'pg';
import { quietLogger } from './generate.js';
import { percentile } from './random.js';

const self = fileURLToPath(import.meta.url);

interface Counts {
  calls: number;
  failures: number;
  /** Failures by HTTP status and code, e.g. `500 SQLITE_BUSY`. */
  byCode: Record<string, number>;
}

function count(counts: Counts, error: unknown): void {
  counts.failures++;
  const code = `${((error as { code?: unknown })?.code ?? 'none') as string}`;
  const key = `${httpStatusOf(error)} ${code}`;
  counts.byCode[key] = (counts.byCode[key] ?? 0) + 1;
}

function open(url: string): Promise<Orion> {
  return createOrion({ database: url, modules: [ordersModule, catalogModule], logger: quietLogger });
}

function waitForGo(): Promise<void> {
  return new Promise((resolve) => process.once('message', () => resolve()));
}

// ——— child roles ———

async function serve(url: string, storeId: number, platformId: number): Promise<void> {
  const orion = await open(url);
  const orders = new OrdersService(orion.db);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  const writes: Counts = { calls: 0, failures: 0, byCode: {} };
  const server = createServer((request, response) => {
    const answer = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.url === '/health/live') return answer(200, { status: 'ok' });
    orion.statsAggregator
      .getStoreDashboardStats({ storeId, platformId, context: { period: '30d' } })
      .then((stats) => answer(200, stats))
      .catch((error: unknown) => answer(httpStatusOf(error), { error: String(error) }));
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.send!({ port: typeof address === 'object' && address ? address.port : 0 });
  });
  const writer = setInterval(() => {
    writes.calls++;
    orders
      .placeOrder({
        storeId,
        customerEmail: 'live@example.com',
        items: [{ sku: 'TEA-50G', quantity: 1, unitPrice: 1200 }],
      })
      .catch((error: unknown) => count(writes, error));
  }, 100);
  process.on('message', (message: string) => {
    if (message === 'measure') {
      loop.reset();
      loop.enable();
    }
    if (message === 'stop') {
      loop.disable();
      clearInterval(writer);
      server.close();
      void orion.close().then(() => process.send!({ result: { loopMaxMs: loop.max / 1e6, writes } }));
    }
  });
}

/** The part of a better-sqlite3 connection the lock holder uses. */
interface LockHolderConnection {
  pragma(source: string): unknown;
  exec(source: string): unknown;
  prepare(source: string): { run(...parameters: unknown[]): unknown };
  close(): void;
}

async function holdLock(file: string, holdMs: number, rounds: number): Promise<void> {
  // better-sqlite3 is a dependency of @orion/core
  const SQLite = createRequire(import.meta.resolve('@orion/core'))('better-sqlite3') as new (
    file: string,
  ) => LockHolderConnection;
  const database = new SQLite(file);
  database.pragma('busy_timeout = 10000');
  process.send!({ ready: true });
  await waitForGo();
  for (let round = 0; round < rounds; round++) {
    database.exec('begin immediate');
    database.exec('create table if not exists bench_lock_holder (at text)');
    database.prepare('insert into bench_lock_holder (at) values (?)').run(new Date().toISOString());
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, holdMs); // a long synchronous write
    database.exec('commit');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  database.close();
  process.send!({ result: {} });
}

async function toggle(url: string, platformId: number, calls: number): Promise<void> {
  const orion = await open(url);
  process.send!({ ready: true });
  await waitForGo();
  const counts: Counts = { calls, failures: 0, byCode: {} };
  for (let i = 0; i < calls; i++) {
    const code = i % 4 < 2 ? 'orders' : 'catalog';
    try {
      if (i % 2 === 0) await orion.modules.disable(platformId, code);
      else await orion.modules.enable(platformId, code);
    } catch (error) {
      count(counts, error);
    }
  }
  await orion.close();
  process.send!({ result: counts });
}

async function batches(url: string, storeId: number, batchCount: number, size: number): Promise<void> {
  const orion = await open(url);
  process.send!({ ready: true });
  await waitForGo();
  const counts: Counts = { calls: batchCount, failures: 0, byCode: {} };
  for (let b = 0; b < batchCount; b++) {
    try {
      await orion.db.transaction().execute(async (trx) => {
        const orders = new OrdersService(trx);
        for (let i = 0; i < size; i++) {
          await orders.placeOrder({
            storeId,
            customerEmail: `batch-${process.pid}-${b}-${i}@example.com`,
            items: [{ sku: 'TEA-50G', quantity: 1, unitPrice: 1200 }],
          });
        }
      });
    } catch (error) {
      count(counts, error);
    }
  }
  await orion.close();
  process.send!({ result: counts });
}

// ——— the parent ———

interface Child {
  send(message: string): void;
  /** The value of the child's next message that has `key`; the caller names the value's type. */
  next<T>(key: string): Promise<T>;
}

/** A message from a child: `{ ready: true }`, `{ port }`, `{ result }`, or `{ crashed }` when it exits badly. */
type ChildMessage = Record<string, unknown>;

function start(role: string, args: (string | number)[]): Child {
  const child = fork(self, [role, ...args.map(String)], { execArgv: ['--import', 'tsx'] });
  const messages: ChildMessage[] = [];
  const waiters: (() => void)[] = [];
  child.on('message', (message: ChildMessage) => {
    messages.push(message);
    if ('result' in message) child.disconnect(); // its work is done: let it exit
    waiters.splice(0).forEach((wake) => wake());
  });
  child.on('exit', (code) => {
    if (code !== 0) messages.push({ crashed: code });
    waiters.splice(0).forEach((wake) => wake());
  });
  return {
    send: (message) => child.send(message),
    async next<T>(key: string): Promise<T> {
      for (;;) {
        const index = messages.findIndex((message) => key in message || 'crashed' in message);
        if (index >= 0) {
          const message = messages.splice(index, 1)[0]!;
          if ('crashed' in message) throw new Error(`${role} exited with ${String(message.crashed)}`);
          return message[key] as T;
        }
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
  };
}

interface Latencies {
  requests: number;
  p50: number;
  p99: number;
  max: number;
}

/** Calls `path` back to back for `ms` and summarises the latencies. */
async function hammer(port: number, path: string, ms: number): Promise<Latencies> {
  const times: number[] = [];
  const until = performance.now() + ms;
  while (performance.now() < until) {
    const started = performance.now();
    const response = await fetch(`http://127.0.0.1:${port}${path}`);
    await response.arrayBuffer();
    times.push(performance.now() - started);
  }
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    requests: times.length,
    p50: round(percentile(times, 50)),
    p99: round(percentile(times, 99)),
    max: round(Math.max(...times)),
  };
}

async function measureUnderLock(url: string, file: string, storeId: number, platformId: number) {
  const server = start('serve', [url, storeId, platformId]);
  const port = await server.next<number>('port');
  server.send('measure');
  const [idleHealth, idleDashboard] = await Promise.all([
    hammer(port, '/health/live', 5000),
    hammer(port, '/dashboard', 5000),
  ]);
  let contendedHealth: Latencies | undefined;
  let contendedDashboard: Latencies | undefined;
  if (file !== '') {
    const holder = start('hold-lock', [file, 2000, 4]);
    await holder.next('ready');
    holder.send('go');
    [contendedHealth, contendedDashboard] = await Promise.all([
      hammer(port, '/health/live', 10_000),
      hammer(port, '/dashboard', 10_000),
    ]);
    await holder.next('result');
  }
  server.send('stop');
  const { loopMaxMs, writes } = await server.next<{ loopMaxMs: number; writes: Counts }>('result');
  return {
    idle: { health: idleHealth, dashboard: idleDashboard },
    ...(contendedHealth
      ? { whileAnotherProcessHoldsTheWriteLock: { health: contendedHealth, dashboard: contendedDashboard } }
      : {}),
    serverEventLoopMaxStallMs: Math.round(loopMaxMs),
    liveOrderWrites: writes,
  };
}

async function together(role: string, argsList: (string | number)[][]): Promise<Counts> {
  const children = argsList.map((args) => start(role, args));
  await Promise.all(children.map((child) => child.next('ready')));
  children.forEach((child) => child.send('go'));
  const results = await Promise.all(children.map((child) => child.next<Counts>('result')));
  const total: Counts = { calls: 0, failures: 0, byCode: {} };
  for (const result of results) {
    total.calls += result.calls;
    total.failures += result.failures;
    for (const [key, n] of Object.entries(result.byCode)) total.byCode[key] = (total.byCode[key] ?? 0) + n;
  }
  return total;
}

async function main(server: string | undefined): Promise<void> {
  let url: string;
  let file = '';
  let drop: () => Promise<void>;
  if (server === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'orion-multiprocess-'));
    file = join(dir, 'orion.db');
    url = `sqlite:${file}`;
    drop = () => rm(dir, { recursive: true, force: true });
  } else {
    const name = `orion_bench_multiprocess_${process.pid}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const target = new URL(server);
    target.pathname = `/${name}`;
    url = target.toString();
    drop = async () => {
      const again = new pg.Client({ connectionString: server });
      await again.connect();
      await again.query(`drop database if exists ${name} with (force)`);
      await again.end();
    };
  }
  try {
    const orion = await open(url);
    const now = new Date().toISOString();
    const platform = await orion.db
      .insertInto('platforms')
      .values({ code: 'bench', name: 'Bench', is_active: true, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const merchant = await orion.db
      .insertInto('merchants')
      .values({ name: 'Bench', created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const store = await orion.db
      .insertInto('stores')
      .values({
        merchant_id: merchant.id,
        code: 'bench',
        name: 'Bench',
        is_active: true,
        default_currency: 'EUR',
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await orion.db
      .insertInto('store_platforms')
      .values({ store_id: store.id, platform_id: platform.id, is_active: true, created_at: now })
      .execute();
    await orion.close();
    const storeId = Number(store.id);
    const platformId = Number(platform.id);

    const report = {
      database: server === undefined ? 'sqlite' : 'postgres',
      underLock: await measureUnderLock(url, file, storeId, platformId),
      enableDisable: await together('toggle', [
        [url, platformId, 60],
        [url, platformId, 60],
      ]),
      orderBatches: await together('batches', [
        [url, storeId, 80, 25],
        [url, storeId, 80, 25],
      ]),
    };
    console.log(JSON.stringify(report, null, 2));
  } finally {
    await drop();
  }
}

const [role, ...args] = process.argv.slice(2);
if (role === 'serve') await serve(args[0]!, Number(args[1]), Number(args[2]));
else if (role === 'hold-lock') await holdLock(args[0]!, Number(args[1]), Number(args[2]));
else if (role === 'toggle') await toggle(args[0]!, Number(args[1]), Number(args[2]));
else if (role === 'batches') await batches(args[0]!, Number(args[1]), Number(args[2]), Number(args[3]));
else await main(role);
