/**
 * The `runs` module of the tasks-across-instances test (issue 13): one task, `record`, whose handler
 * writes one row per try into `task_runs` (created by the test), so the test counts how often each
 * job ran and in which process.
 */
import { defineModule, defineTask } from '../../packages/contracts/src/index.js';
import { sql } from 'kysely';
import { z } from 'zod';

export interface RecordPayload {
  /** The job's number: each job has its own. */
  n: number;
  /** The first try tells the parent `{ holding: n }`, then blocks its process until it is killed. */
  holdFirstTry?: boolean;
  /** Wait until this many processes have recorded a try: proves they all share the queue. */
  waitForProcesses?: number;
}

/** `create table task_runs`, in the dialect-neutral SQL both databases take. */
export const createRunsTable = sql`create table task_runs (n integer not null, pid integer not null, attempt integer not null)`;

export const runsModule = defineModule({
  code: 'runs',
  name: 'Runs',
  version: '1.0.0',
  tasks: [
    defineTask({
      name: 'record',
      payload: z.object({
        n: z.number().int(),
        holdFirstTry: z.boolean().optional(),
        waitForProcesses: z.number().int().optional(),
      }),
      retries: 3,
      retryDelaySeconds: 0.05,
      handler: async ({ payload, attempt, db }) => {
        await sql`insert into task_runs (n, pid, attempt) values (${payload.n}, ${process.pid}, ${attempt})`.execute(
          db,
        );
        if (payload.holdFirstTry && attempt === 1) {
          // Once the parent knows, block this process for good: no timeout, retry or claim of its
          // own runs any more, as in a process that hangs until it is killed.
          await new Promise<void>((resolve) => process.send!({ holding: payload.n }, () => resolve()));
          for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
        }
        if (payload.waitForProcesses) {
          for (;;) {
            const { rows } = await sql<{ count: number | string }>`
              select count(distinct pid) as count from task_runs`.execute(db);
            if (Number(rows[0]!.count) >= payload.waitForProcesses) break;
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        }
      },
    }),
  ],
});
