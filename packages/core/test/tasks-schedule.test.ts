import { defineModule, defineTask, toIsoTimestamp, type TaskDefinition } from '@orion/contracts';
import { TenancyService } from '@orion/tenancy';
import { expect, it } from 'vitest';
import { z } from 'zod';
import { describeEachDatabase } from '../../../test/support/databases.js';
import { useOrionHosts } from '../../../test/support/orion-host.js';
import { rejectionOf } from '../../../test/support/rejection.js';
import type { Orion } from '../src/index.js';

const nightlyPayload = z.object({});

function reportsModule(
  task: Partial<TaskDefinition<typeof nightlyPayload>> & Pick<TaskDefinition<typeof nightlyPayload>, 'handler'>,
) {
  return defineModule({
    code: 'reports',
    name: 'Reports',
    version: '1.0.0',
    tasks: [defineTask({ name: 'nightly-report', payload: nightlyPayload, schedule: '0 3 * * *', ...task })],
  });
}

/** The next 03:00 UTC after `now`, worked out by hand. */
function nextThreeAm(now: Date): string {
  const candidate = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 3));
  if (candidate <= now) candidate.setUTCDate(candidate.getUTCDate() + 1);
  return candidate.toISOString();
}

async function scheduleRow(orion: Orion) {
  const row = await orion.db
    .selectFrom('orion_task_schedules')
    .select(['module_code', 'task_name', 'cron', 'next_run_at'])
    .executeTakeFirstOrThrow();
  return { ...row, next_run_at: toIsoTimestamp(row.next_run_at) };
}

describeEachDatabase('scheduled background tasks', (dialect) => {
  const hosts = useOrionHosts(dialect);

  it('fires a due tick once, for each active platform where the module is enabled, even with two workers', async () => {
    const runs: { platformId: number; payload: unknown }[] = [];
    const module = reportsModule({ handler: ({ platformId, payload }) => void runs.push({ platformId, payload }) });
    const orion = await hosts.start({ modules: [module] });
    const tenancy = new TenancyService(orion.db);
    const ids: number[] = [];
    for (const code of ['first', 'second', 'disabled', 'inactive'])
      ids.push((await tenancy.createPlatform({ code, name: code })).id);
    const [first, second, disabled, inactive] = ids as [number, number, number, number];
    await orion.modules.disable(disabled, 'reports');
    await tenancy.setPlatformActive(inactive, false);

    // The first look creates the schedule's row; nothing is due yet.
    const before = new Date();
    expect(await orion.tasks.runPending()).toBe(0);
    const created = await scheduleRow(orion);
    expect(created).toMatchObject({ module_code: 'reports', task_name: 'nightly-report', cron: '0 3 * * *' });
    expect(created.next_run_at).toBe(nextThreeAm(before));

    // Make the tick due, and let two hosts race for it.
    await orion.db.updateTable('orion_task_schedules').set({ next_run_at: '2020-01-01T03:00:00.000Z' }).execute();
    const other = await hosts.start({ modules: [module] });
    const [ranHere, ranThere] = await Promise.all([orion.tasks.runPending(), other.tasks.runPending()]);
    expect(ranHere + ranThere).toBe(2);
    expect(runs.map((run) => run.platformId).sort((a, b) => a - b)).toEqual([first, second].sort((a, b) => a - b));
    expect(runs.map((run) => run.payload)).toEqual([{}, {}]);
    expect((await scheduleRow(orion)).next_run_at).toBe(nextThreeAm(new Date()));

    // The tick is spent: looking again fires nothing.
    expect(await orion.tasks.runPending()).toBe(0);
    expect(await other.tasks.drain({ timeoutMs: 1_000 })).toEqual({ ran: 0, unfinished: 0 });
    expect(runs).toHaveLength(2);
  });

  it('a changed cron expression replaces the stored schedule', async () => {
    const url = await hosts.url();
    const first = await hosts.start({ modules: [reportsModule({ handler: () => {} })], database: url });
    await first.tasks.runPending();
    expect((await scheduleRow(first)).cron).toBe('0 3 * * *');
    await first.close();

    const second = await hosts.start({
      modules: [reportsModule({ schedule: '30 4 * * 1', handler: () => {} })],
      database: url,
    });
    await second.tasks.runPending();
    const row = await scheduleRow(second);
    expect(row.cron).toBe('30 4 * * 1');
    const next = new Date(row.next_run_at);
    expect([next.getUTCDay(), next.getUTCHours(), next.getUTCMinutes()]).toEqual([1, 4, 30]);
  });

  it('refuses, before opening the database, a schedule that does not parse or a payload schema that refuses {}', async () => {
    const badCron = await rejectionOf(
      hosts.start({ modules: [reportsModule({ schedule: 'every night', handler: () => {} })] }),
    );
    expect(badCron.code).toBe('ORION_ERR_MODULE_DEFINITION_INVALID');
    expect(badCron.message).toContain('tasks.0.schedule');
    const badPayload = await rejectionOf(
      hosts.start({ modules: [reportsModule({ payload: z.object({ day: z.string() }), handler: () => {} })] }),
    );
    expect(badPayload.code).toBe('ORION_ERR_MODULE_DEFINITION_INVALID');
    expect(badPayload.message).toContain('tasks.0.payload');
    const badOption = await rejectionOf(hosts.start({ modules: [], tasks: { timeoutSeconds: 0 } }));
    expect(badOption.code).toBe('ORION_ERR_VALIDATION');
  });
});
