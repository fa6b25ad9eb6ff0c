/**
 * A task worker process for `tasks-across-instances.test.ts` (issue 13), started by
 * `processes.ts` with `node --import tsx`: `task-worker <url> <timeoutSeconds> <concurrency>`. It
 * opens a host with the `runs` module, reports `{ ready: true }`, starts its worker on `'go'`, and on
 * `'stop'` closes the host and reports `{ result }` (`ok`: the tries it started). A first try
 * holding forever reports `{ holding: n }` (see `task-module.ts`).
 */
import { createOrion } from '../../packages/core/src/index.js';
import { runsModule } from './task-module.js';
import type { WorkerResult } from './worker.js';

const [, url, timeoutSeconds, concurrency] = process.argv.slice(2);

const quietLogger = { debug() {}, info() {}, warn() {}, error() {} };

function next(): Promise<unknown> {
  return new Promise((resolve) => process.once('message', resolve));
}

try {
  const orion = await createOrion({
    database: url!,
    modules: [runsModule],
    logger: quietLogger,
    tasks: { timeoutSeconds: Number(timeoutSeconds) },
  });
  process.send!({ ready: true });
  await next();
  orion.tasks.startWorker({ concurrency: Number(concurrency), pollIntervalMs: 20 });
  await next();
  await orion.close();
  process.send!({ result: { ok: 0, failures: [] } satisfies WorkerResult });
} catch (error) {
  process.send!({ crashed: String((error as Error)?.stack ?? error) });
}
process.disconnect?.();
