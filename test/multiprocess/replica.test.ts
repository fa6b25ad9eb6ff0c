/**
 * Dashboards from a read replica (issue 13): the test makes its own PostgreSQL primary and
 * streaming replica in a temporary folder with the installed binaries (`initdb`, `pg_basebackup -R`,
 * `pg_ctl`, as the `postgres` OS user when run as root, since initdb refuses root), on free ports.
 * Orders are written through the host (the primary); with the replica's replay paused, the
 * dashboard does not see a new order until replay resumes, while a `readFrom: 'primary'` dashboard
 * does. Where the binaries are missing the suite is skipped with a visible line, except with CI=true.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { appendFile, chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricValue } from '../../packages/contracts/src/index.js';
import { createOrion, type Orion } from '../../packages/core/src/index.js';
import { OrdersService, ordersModule } from '../../packages/orders/src/index.js';
import { recordingLogger, seedTenancy } from '../../packages/testing/src/index.js';
import { postgresUrl } from '../support/databases.js';

const run = promisify(execFile);

/** The folder of the installed PostgreSQL server binaries, newest version first; `undefined` when none. */
function postgresBinaries(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  return versions
    .map((version) => join(root, version, 'bin'))
    .find((bin) => ['initdb', 'pg_ctl', 'pg_basebackup'].every((tool) => existsSync(join(bin, tool))));
}

const bin = postgresBinaries();
const asRoot = process.getuid?.() === 0;
if (!bin && process.env.CI !== 'true') {
  console.warn('SKIPPED replica test: no PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup) installed');
}

describe('PostgreSQL binaries for the replica test', () => {
  it.runIf(process.env.CI === 'true')('are installed (CI=true)', () => {
    expect(bin, 'initdb, pg_ctl and pg_basebackup under /usr/lib/postgresql/*/bin').toBeDefined();
  });
});

/** Runs a PostgreSQL tool, as the `postgres` OS user when this process is root. */
async function tool(name: string, args: string[]): Promise<void> {
  const path = join(bin!, name);
  if (asRoot) await run('runuser', ['-u', 'postgres', '--', path, ...args], { timeout: 30_000 });
  else await run(path, args, { timeout: 30_000 });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function postgresUid(): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

async function query<T>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

async function waitFor(what: string, check: () => Promise<boolean>, attempts = 300): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe.skipIf(!bin)('dashboards from a streaming read replica', () => {
  let folder: string | undefined;
  const started: string[] = [];
  let primaryUrl: string;
  let replicaUrl: string;
  let orion: Orion | undefined;
  let platformId: number;
  let storeId: number;
  /** Orders placed so far, counted here: what `orders.total` must say once the replica has replayed them. */
  let placed = 0;

  /** The replica has replayed everything the primary has written so far. */
  async function caughtUp(): Promise<void> {
    const [primary] = await query<{ lsn: string }>(primaryUrl, 'select pg_current_wal_lsn()::text as lsn');
    const lsn = primary!.lsn;
    await waitFor('the replica to replay the primary', async () => {
      const [row] = await query<{ behind: boolean }>(
        replicaUrl,
        `select pg_last_wal_replay_lsn() < '${lsn}'::pg_lsn as behind`,
      );
      return row?.behind === false;
    });
  }

  async function placeOrder(): Promise<void> {
    await new OrdersService(orion!.db).placeOrder({
      storeId,
      customerEmail: `buyer-${placed}@example.com`,
      items: [{ sku: 'TEA-50G', quantity: 1, unitPrice: 1200 }],
    });
    placed++;
  }

  async function ordersTotal(readFrom?: 'replica' | 'primary'): Promise<number | string | undefined> {
    const stats = await orion!.statsAggregator.getStoreDashboardStats({
      storeId,
      platformId,
      ...(readFrom ? { readFrom } : {}),
    });
    expect(stats.failures).toEqual([]);
    return stats.categories.orders?.find((metric: MetricValue) => metric.key === 'orders.total')?.value;
  }

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'orion-replica-'));
    if (asRoot) {
      const { uid, gid } = await postgresUid();
      await chown(folder, uid, gid);
    }
    const [primaryPort, replicaPort] = [await freePort(), await freePort()];
    const primary = join(folder, 'primary');
    const replica = join(folder, 'replica');
    await tool('initdb', ['-D', primary, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
    const settings = (port: number) =>
      [
        `port = ${port}`,
        `listen_addresses = '127.0.0.1'`,
        `unix_socket_directories = '${folder}'`,
        'wal_level = replica',
        'max_wal_senders = 4',
        'hot_standby = on',
        'fsync = off',
        '',
      ].join('\n');
    await appendFile(join(primary, 'postgresql.conf'), settings(primaryPort));
    await appendFile(join(primary, 'pg_hba.conf'), 'host replication all 127.0.0.1/32 trust\n');
    await tool('pg_ctl', ['-D', primary, '-l', join(folder, 'primary.log'), '-w', 'start']);
    started.push(primary);
    // -R writes standby.signal and primary_conninfo: the copy starts as a streaming replica
    await tool('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', replica, '-R']);
    await appendFile(join(replica, 'postgresql.conf'), settings(replicaPort));
    await tool('pg_ctl', ['-D', replica, '-l', join(folder, 'replica.log'), '-w', 'start']);
    started.push(replica);
    primaryUrl = `postgres://postgres@127.0.0.1:${primaryPort}/postgres`;
    replicaUrl = `postgres://postgres@127.0.0.1:${replicaPort}/postgres`;
    const [recovery] = await query<{ standby: boolean }>(replicaUrl, 'select pg_is_in_recovery() as standby');
    expect(recovery?.standby).toBe(true);

    // migrations, enablement and every write go to the primary: the replica is read-only
    orion = await createOrion({
      database: primaryUrl,
      readDatabase: replicaUrl,
      modules: [ordersModule],
      logger: recordingLogger(),
    });
    ({ platformId, storeId } = await seedTenancy(orion.db));
    for (let i = 0; i < 3; i++) await placeOrder();
    await caughtUp();
  }, 60_000);

  afterAll(async () => {
    await orion?.close();
    for (const data of started.reverse()) {
      await tool('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => {});
    }
    if (folder) await rm(folder, { recursive: true, force: true });
  }, 60_000);

  it('a dashboard reads the replica: an order replay has not reached is missing until replay resumes', async () => {
    expect(await ordersTotal()).toBe(placed);

    await query(replicaUrl, 'select pg_wal_replay_pause()');
    await waitFor('replay to pause', async () => {
      const [row] = await query<{ state: string }>(replicaUrl, 'select pg_get_wal_replay_pause_state() as state');
      return row?.state === 'paused';
    });
    await placeOrder();

    expect(await ordersTotal()).toBe(placed - 1);
    expect(await ordersTotal('replica')).toBe(placed - 1);
    expect(await ordersTotal('primary')).toBe(placed);

    await query(replicaUrl, 'select pg_wal_replay_resume()');
    await caughtUp();
    expect(await ordersTotal()).toBe(placed);
  }, 30_000);

  it('enablement goes to the primary and the dashboards follow it', async () => {
    await orion!.modules.disable(platformId, 'orders');
    const stats = await orion!.statsAggregator.getAdminDashboardStats({ platformId });
    expect(Object.keys(stats.categories)).not.toContain('orders');
    await orion!.modules.enable(platformId, 'orders');
    expect(await ordersTotal()).toBe(placed);
  }, 30_000);
});

describe('readDatabase beside SQLite', () => {
  it('is refused with a coded validation error before anything is opened', async () => {
    await expect(
      createOrion({ database: 'sqlite::memory:', readDatabase: postgresUrl, modules: [], logger: recordingLogger() }),
    ).rejects.toMatchObject({ code: 'ORION_ERR_VALIDATION' });
    await expect(
      createOrion({ database: postgresUrl, readDatabase: 'sqlite::memory:', modules: [], logger: recordingLogger() }),
    ).rejects.toMatchObject({ code: 'ORION_ERR_VALIDATION' });
  });
});
