import {
  createServiceRef,
  defineModule,
  provideService,
  type ModuleContext,
  type ModuleDefinitionInput,
  type AnyDatabase,
} from '@orion/contracts';
import { TenancyService } from '@orion/tenancy';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { expect, it } from 'vitest';
import { describeEachDatabase, postgresUrl } from '../../../test/support/databases.js';
import { rejectionOf } from '../../../test/support/rejection.js';
import { recordingLogger, useOrionHosts } from '../../../test/support/orion-host.js';

const mod = (code: string, extra: Partial<ModuleDefinitionInput> = {}) =>
  defineModule({ code, name: code, version: '1.0.0', ...extra });

const notesRef = createServiceRef<{ note: string }>({ id: 'notes.store' });

/** Connections other than this one to the database `url` names (PostgreSQL). */
async function connectionsTo(url: string): Promise<number> {
  const database = new URL(url).pathname.slice(1);
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    const result = await client.query<{ count: string }>(
      'SELECT count(*) AS count FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [database],
    );
    return Number(result.rows[0]!.count);
  } finally {
    await client.end();
  }
}

describeEachDatabase('start-up strictness', (dialect) => {
  const hosts = useOrionHosts(dialect);

  /** A module whose hooks record what ran, and keep the database handle they were given. */
  function recorded(
    code: string,
    calls: string[],
    handles: Kysely<AnyDatabase>[],
    extra: Partial<ModuleDefinitionInput> = {},
  ) {
    return mod(code, {
      onStartup: ({ db }: ModuleContext) => {
        handles.push(db);
        calls.push(`${code} started`);
      },
      onShutdown: () => void calls.push(`${code} stopped`),
      ...extra,
    });
  }

  /** The database handle of a failed start-up is closed, and on PostgreSQL no connection is left. */
  async function expectNothingLeftOpen(handles: Kysely<AnyDatabase>[]): Promise<void> {
    expect(handles.length).toBeGreaterThan(0);
    for (const db of handles) await expect(sql`SELECT 1`.execute(db)).rejects.toThrow();
    if (dialect === 'postgres') expect(await connectionsTo(await hosts.url())).toBe(0);
  }

  it('two modules providing one service ref is ORION_ERR_SERVICE_PROVIDER_DUPLICATE, before the database opens', async () => {
    const notes = mod('notes', { provides: [provideService(notesRef, () => ({ note: 'a' }))] });
    const otherNotes = mod('other-notes', { provides: [provideService(notesRef, () => ({ note: 'b' }))] });
    const error = await rejectionOf(hosts.start({ modules: [notes, otherNotes] }));
    expect(error).toMatchObject({
      code: 'ORION_ERR_SERVICE_PROVIDER_DUPLICATE',
      details: { serviceId: 'notes.store', first: 'notes', second: 'other-notes' },
    });
    expect(error.message).toContain('Service "notes.store" is provided by module "notes" and by module "other-notes"');
    // nothing was migrated: every migration of the host is still pending
    const host = await hosts.start({ modules: [notes], migrate: false });
    expect((await host.pendingMigrations()).map((step) => step.migration)).toContain('tenancy_001_create_tables');
  });

  it('a throwing onStartup aborts start-up with ORION_ERR_STARTUP_HOOK_FAILED and leaves nothing half-started', async () => {
    const calls: string[] = [];
    const handles: Kysely<AnyDatabase>[] = [];
    const first = recorded('first', calls, handles);
    const broken = recorded('broken', calls, handles, {
      requires: ['first'],
      onStartup: ({ db }) => {
        handles.push(db);
        throw new Error('feed API unreachable');
      },
    });
    const last = recorded('last', calls, handles, { requires: ['broken'] });
    const logger = recordingLogger();
    const error = await rejectionOf(hosts.start({ modules: [first, broken, last], logger }));
    expect(error).toMatchObject({
      code: 'ORION_ERR_STARTUP_HOOK_FAILED',
      details: { code: 'broken', hook: 'onStartup', reason: 'feed API unreachable' },
      cause: expect.objectContaining({ message: 'feed API unreachable' }),
    });
    expect(error.message).toMatch(
      /^The onStartup hook of module "broken" failed: feed API unreachable\. Start-up stopped/,
    );
    // the module started before is shut down again, the one after never starts
    expect(calls).toEqual(['first started', 'first stopped']);
    await expectNothingLeftOpen(handles);
  });

  it('an onStartup that does not finish within hookTimeoutMs aborts with ORION_ERR_STARTUP_HOOK_TIMEOUT', async () => {
    const calls: string[] = [];
    const handles: Kysely<AnyDatabase>[] = [];
    const first = recorded('first', calls, handles);
    const hanging = recorded('hanging', calls, handles, {
      onStartup: ({ db }) => {
        handles.push(db);
        return new Promise<void>(() => {});
      },
    });
    const error = await rejectionOf(
      hosts.start({ modules: [first, hanging], hookTimeoutMs: 50, logger: recordingLogger() }),
    );
    expect(error).toMatchObject({
      code: 'ORION_ERR_STARTUP_HOOK_TIMEOUT',
      details: { code: 'hanging', hook: 'onStartup', timeoutMs: 50 },
    });
    expect(error.message).toContain('The onStartup hook of module "hanging" did not finish within 50 ms');
    expect(calls).toEqual(['first started', 'first stopped']);
    await expectNothingLeftOpen(handles);
  });

  it('onStartupFailure: continue, globally or for one module, logs the coded error and starts the rest', async () => {
    const broken = mod('broken', {
      onStartup: () => {
        throw new Error('feed API unreachable');
      },
    });
    const hanging = mod('hanging', { onStartup: () => new Promise<void>(() => {}) });
    const calls: string[] = [];
    const last = recorded('last', calls, [], { requires: ['broken', 'hanging'] });
    const startedEvents: string[] = [];

    const logger = recordingLogger();
    const host = await hosts.start({
      modules: [broken, hanging, last],
      hookTimeoutMs: 50,
      onStartupFailure: 'continue',
      logger,
      subscribe: (events) => events.on('module.startup', ({ code }) => void startedEvents.push(code)),
    });
    expect(calls).toEqual(['last started']);
    expect(startedEvents).toEqual(['tenancy', 'broken', 'hanging', 'last']);
    const logged = logger.entries.filter((entry) => entry.level === 'error');
    expect(logged.map((entry) => (entry.meta?.error as { code?: string } | undefined)?.code)).toEqual([
      'ORION_ERR_STARTUP_HOOK_FAILED',
      'ORION_ERR_STARTUP_HOOK_TIMEOUT',
    ]);
    expect(logged[0]!.message).toBe(
      'onStartup hook of module "broken" failed; start-up continues (onStartupFailure: continue)',
    );
    await host.close();

    // per module: only the named module may fail; any other still aborts
    const perModule = await hosts.start({
      modules: [broken, mod('after', { requires: ['broken'] })],
      onStartupFailure: { modules: { broken: 'continue' } },
      logger: recordingLogger(),
    });
    await perModule.close();
    const aborted = await rejectionOf(
      hosts.start({
        modules: [broken, hanging, last],
        hookTimeoutMs: 50,
        onStartupFailure: { default: 'abort', modules: { broken: 'continue' } },
        logger: recordingLogger(),
      }),
    );
    expect(aborted).toMatchObject({ code: 'ORION_ERR_STARTUP_HOOK_TIMEOUT', details: { code: 'hanging' } });
  });

  it('an onShutdown that hangs or throws is logged and close() still closes the database', async () => {
    const handles: Kysely<AnyDatabase>[] = [];
    const hangs = mod('hangs', {
      onStartup: ({ db }) => void handles.push(db),
      onShutdown: () => new Promise<void>(() => {}),
    });
    const throws = mod('throws', {
      onShutdown: () => {
        throw new Error('flush failed');
      },
    });
    const logger = recordingLogger();
    const host = await hosts.start({ modules: [hangs, throws], hookTimeoutMs: 50, logger });
    await host.close();
    expect(logger.entries.filter((entry) => entry.level === 'error').map((entry) => entry.message)).toEqual([
      'onShutdown hook of module "throws" failed',
      'onShutdown hook of module "hangs" did not finish within 50 ms',
    ]);
    await expectNothingLeftOpen(handles);
  });

  it('an onEnable that does not finish within hookTimeoutMs is a hook failure of the change, which stands', async () => {
    const slow = mod('slow', { onEnable: () => new Promise<void>(() => {}) });
    const host = await hosts.start({
      modules: [slow],
      hookTimeoutMs: 50,
      enabledByDefault: false,
      logger: recordingLogger(),
    });
    const { id: platformId } = await new TenancyService(host.db).createPlatform({ code: 'main', name: 'Main' });
    const result = await host.modules.enable(platformId, 'slow');
    expect(result.changed).toEqual(['slow']);
    expect(result.hookFailures).toEqual([
      {
        module: 'slow',
        hook: 'onEnable',
        error: expect.objectContaining({ message: 'onEnable hook of module "slow" did not finish within 50 ms' }),
      },
    ]);
    expect(await host.modules.isEnabled(platformId, 'slow')).toBe(true);
  });

  it('refuses a bad hookTimeoutMs or a policy naming a module that is not installed, before the database opens', async () => {
    const notes = mod('notes');
    const badTimeout = await rejectionOf(hosts.start({ modules: [notes], hookTimeoutMs: 0 }));
    expect(badTimeout).toMatchObject({ code: 'ORION_ERR_VALIDATION', details: { subject: 'lifecycle options' } });
    const badPolicy = await rejectionOf(
      hosts.start({ modules: [notes], onStartupFailure: { modules: { ghost: 'continue' } } }),
    );
    expect(badPolicy.code).toBe('ORION_ERR_VALIDATION');
    expect(badPolicy.message).toContain('No installed module has the code "ghost"');
    const host = await hosts.start({ modules: [notes], migrate: false });
    expect((await host.pendingMigrations()).length).toBeGreaterThan(0);
  });
});
