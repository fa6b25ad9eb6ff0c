/**
 * A second (or third) Orion process on the test's database, started by
 * `test/multiprocess/processes.ts` with `node --import tsx`. It reports to its parent over IPC:
 * `{ ready: true }` once it can work, then waits for `'go'` (so two workers start together),
 * and ends with `{ result }`. Roles:
 * - `hold-lock <sqlite file> <ms>`: takes SQLite's write lock (`BEGIN IMMEDIATE`) and keeps it for
 *   `ms`, as a CLI command or worker in the middle of a long write would;
 * - `toggle <url> <platformId> <count>`: enables and disables modules `count` times in turn;
 * - `orders <url> <storeId> <batches> <size>`: places `batches` batches of `size` orders, each batch
 *   in one transaction.
 * Failures are counted by the HTTP status a route would answer and by code, never thrown.
 */
import { createRequire } from 'node:module';
import { inTransaction, isOrionError } from '../../packages/contracts/src/index.js';
import { catalogModule } from '../../packages/catalog/src/index.js';
import { createOrion, httpStatusOf, type Orion } from '../../packages/core/src/index.js';
import { OrdersService, ordersModule } from '../../packages/orders/src/index.js';

export interface WorkerResult {
  ok: number;
  /** Each failure: the status a route would answer, the error's code (or driver code) and message. */
  failures: { status: number; code: string; message: string }[];
}

const [role, ...args] = process.argv.slice(2);

function send(message: unknown): void {
  process.send!(message);
}

function go(): Promise<void> {
  return new Promise((resolve) => process.once('message', () => resolve()));
}

function failure(error: unknown): WorkerResult['failures'][number] {
  const code = isOrionError(error) ? error.code : `${((error as { code?: unknown })?.code ?? 'none') as string}`;
  return { status: httpStatusOf(error), code, message: String((error as Error)?.message ?? error).slice(0, 300) };
}

async function holdLock(file: string, ms: number): Promise<void> {
  const require = createRequire(new URL('../../packages/core/package.json', import.meta.url));
  const SQLite = require('better-sqlite3');
  const database = new SQLite(file);
  database.pragma('busy_timeout = 5000');
  send({ ready: true });
  await go();
  database.exec('begin immediate');
  database.exec('create table if not exists lock_holder (at text)');
  database.prepare('insert into lock_holder (at) values (?)').run(new Date().toISOString());
  send({ locked: true });
  // block this process on purpose, as a long synchronous write would
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  database.exec('commit');
  database.close();
  send({ result: { ok: 1, failures: [] } satisfies WorkerResult });
}

async function open(url: string): Promise<Orion> {
  return createOrion({ database: url, modules: [ordersModule, catalogModule], logger: quietLogger });
}

async function toggle(url: string, platformId: number, count: number): Promise<void> {
  const orion = await open(url);
  send({ ready: true });
  await go();
  const result: WorkerResult = { ok: 0, failures: [] };
  for (let i = 0; i < count; i++) {
    const code = i % 4 < 2 ? 'orders' : 'catalog';
    try {
      if (i % 2 === 0) await orion.modules.disable(platformId, code);
      else await orion.modules.enable(platformId, code);
      result.ok++;
    } catch (error) {
      result.failures.push(failure(error));
    }
  }
  await orion.close();
  send({ result });
}

async function placeOrders(url: string, storeId: number, batches: number, size: number): Promise<void> {
  const orion = await open(url);
  send({ ready: true });
  await go();
  const result: WorkerResult = { ok: 0, failures: [] };
  for (let b = 0; b < batches; b++) {
    try {
      await inTransaction(orion.db, async (trx) => {
        const orders = new OrdersService(trx);
        for (let i = 0; i < size; i++) {
          await orders.placeOrder({
            storeId,
            customerEmail: `buyer-${process.pid}-${b}-${i}@example.com`,
            items: [{ sku: 'TEA-50G', quantity: 1 + (i % 3), unitPrice: 1200 }],
          });
        }
      });
      result.ok++;
    } catch (error) {
      result.failures.push(failure(error));
    }
  }
  await orion.close();
  send({ result });
}

const quietLogger = { debug() {}, info() {}, warn() {}, error() {} };

try {
  if (role === 'hold-lock') await holdLock(args[0]!, Number(args[1]));
  else if (role === 'toggle') await toggle(args[0]!, Number(args[1]), Number(args[2]));
  else if (role === 'orders') await placeOrders(args[0]!, Number(args[1]), Number(args[2]), Number(args[3]));
  else throw new Error(`unknown role ${role}`);
} catch (error) {
  send({ crashed: String((error as Error)?.stack ?? error) });
}
process.disconnect?.();
