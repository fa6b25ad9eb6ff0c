/** Starts `worker.ts` in real child processes (Node with tsx) and follows their reports. */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { WorkerResult } from './worker.js';

/** What a worker sends its parent (see worker.ts): one of these fields per message. */
interface WorkerMessage {
  ready?: true;
  locked?: true;
  result?: WorkerResult;
  crashed?: string;
}

const workerPath = fileURLToPath(new URL('./worker.ts', import.meta.url));

export interface Worker {
  readonly child: ChildProcess;
  /** Resolves once the worker can start (its host is open). */
  readonly ready: Promise<void>;
  /** Resolves once a `hold-lock` worker holds the write lock. */
  readonly locked: Promise<void>;
  /** The worker's counts, once it is done. */
  readonly result: Promise<WorkerResult>;
  /** Tells the worker to start. */
  go(): void;
}

/** Starts `worker.ts <role> <args…>` (or another script speaking the same messages); see its header for the roles. */
export function startWorker(role: string, args: (string | number)[], script = workerPath): Worker {
  const child = fork(script, [role, ...args.map(String)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let ready!: () => void;
  let locked!: () => void;
  let done!: (result: WorkerResult) => void;
  let fail!: (error: Error) => void;
  const readyPromise = new Promise<void>((resolve) => (ready = resolve));
  const lockedPromise = new Promise<void>((resolve) => (locked = resolve));
  const result = new Promise<WorkerResult>((resolve, reject) => ((done = resolve), (fail = reject)));
  result.catch(() => {}); // handled by whoever awaits it; a worker that fails before being awaited is not unhandled
  const failed = result.then(() => undefined);
  child.on('message', (message: WorkerMessage) => {
    if (message.ready) ready();
    if (message.locked) locked();
    if (message.result) done(message.result);
    if (message.crashed) fail(new Error(`worker ${role} crashed: ${message.crashed}`));
  });
  child.on('exit', (code) => fail(new Error(`worker ${role} exited (${code}) before reporting`)));
  child.on('error', fail);
  const ready_ = Promise.race([readyPromise, failed]);
  const locked_ = Promise.race([lockedPromise, failed]);
  ready_.catch(() => {});
  locked_.catch(() => {});
  return {
    child,
    ready: ready_,
    locked: locked_,
    result,
    go: () => child.send('go'),
  };
}

/** Starts the workers, waits until each is ready, then lets them all go at once and returns their results. */
export async function runTogether(workers: Worker[]): Promise<WorkerResult[]> {
  await Promise.all(workers.map((worker) => worker.ready));
  for (const worker of workers) worker.go();
  return Promise.all(workers.map((worker) => worker.result));
}
