import { createOrion } from '../../src/index.js';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedTenancy } from '../../../testing/src/index.js';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../../../../test/support/databases.js';
import {
  cli,
  instanceApp,
  startInstance,
  untilAllAgree,
  widgetsShown,
  type Instance,
  type InstanceState,
} from './instance-processes.js';

// Three app processes (the built dist) on one database, changed through one of them and through the
// CLI: every process's enabled list, dashboard, menu, route and config must follow, and each hears
// the change as a remote event. The polls have a generous cap; the delay is measured in bench/.
describeEachDatabase('three app processes on one database', (dialect) => {
  const cleanups: (() => void)[] = [];
  let database: TestDatabase;
  let app: string;
  let instances: Instance[] = [];
  let platformId: number;
  let storeId: number;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    app = instanceApp(cleanups);
    const seeder = await createOrion({ cwd: app, database: database.url, logger: quietLogger });
    ({ platformId, storeId } = await seedTenancy(seeder.db, { user: false }));
    await seeder.close();
    instances = await Promise.all([0, 1, 2].map(() => startInstance(app, database.url)));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
    for (const cleanup of cleanups.splice(0)) cleanup();
    await database?.drop();
  }, 60_000);

  it('a module disabled through one process is gone from the others’ dashboards, menus and routes', async () => {
    const [first, second, third] = instances as [Instance, Instance, Instance];
    await untilAllAgree(instances, platformId, storeId, (state) => widgetsShown(state) === true);
    await first.call('/disable', { platform: platformId, code: 'widgets' });
    await untilAllAgree(instances, platformId, storeId, (state) => widgetsShown(state) === false);
    const events = async (instance: Instance) =>
      (await instance.state(platformId, storeId)).events.filter((event) => event.code === 'widgets');
    expect(await events(first)).toEqual([{ name: 'module.disabled', code: 'widgets', origin: 'local' }]);
    for (const other of [second, third]) {
      await untilAllAgree([other], platformId, storeId, (state) => state.events.length >= 1);
      expect(await events(other)).toEqual([{ name: 'module.disabled', code: 'widgets', origin: 'remote' }]);
    }

    await second.call('/enable', { platform: platformId, code: 'widgets' });
    await untilAllAgree(instances, platformId, storeId, (state) => widgetsShown(state) === true);
  });

  it('the CLI changing enablement is seen by every running process without a restart', async () => {
    const disabled = await cli(app, database.url, ['disable', 'widgets', '--platform', String(platformId)]);
    expect(disabled).toMatchObject({ code: 0 });
    await untilAllAgree(instances, platformId, storeId, (state) => widgetsShown(state) === false);
    for (const instance of instances) {
      await untilAllAgree([instance], platformId, storeId, (state) =>
        state.events.some((event) => event.name === 'module.disabled' && event.origin === 'remote'),
      );
    }
    const enabled = await cli(app, database.url, ['enable', 'widgets', '--platform', String(platformId)]);
    expect(enabled).toMatchObject({ code: 0 });
    await untilAllAgree(instances, platformId, storeId, (state) => widgetsShown(state) === true);
  });

  it('per-platform configuration set through one process is what every process resolves', async () => {
    const [first] = instances as [Instance];
    await first.call('/config', { platform: platformId, code: 'widgets', value: JSON.stringify({ perPage: 7 }) });
    await untilAllAgree(instances, platformId, storeId, (state) => state.config.perPage === 7);
    await untilAllAgree(instances.slice(1), platformId, storeId, (state) =>
      state.events.some(
        (event) => event.name === 'module.config_changed' && event.origin === 'remote' && event.config?.perPage === 7,
      ),
    );
  });

  it('per-platform configuration changed through the CLI is what every process serves, heard as remote', async () => {
    const config = (...args: string[]) =>
      cli(app, database.url, ['config', 'widgets', '--platform', String(platformId), ...args]);
    const heard = (perPage: number) => (state: InstanceState) =>
      state.config.perPage === perPage &&
      state.events.some(
        (event) =>
          event.name === 'module.config_changed' && event.origin === 'remote' && event.config?.perPage === perPage,
      );
    expect(await config('--set', 'perPage=9')).toMatchObject({ code: 0 });
    await untilAllAgree(instances, platformId, storeId, heard(9));
    // refused by the module's schema: nothing stored, nothing heard, the processes keep serving 9
    const refused = await config('--set', 'perPage=0');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('(ORION_ERR_CONFIG_INVALID)');
    // unset: every process is back on the default, heard as remote again
    expect(await config('--unset', 'perPage')).toMatchObject({ code: 0 });
    await untilAllAgree(instances, platformId, storeId, heard(20));
    for (const instance of instances) {
      const changes = (await instance.state(platformId, storeId)).events.filter(
        (event) => event.name === 'module.config_changed' && event.origin === 'remote',
      );
      expect(changes.map((event) => event.config?.perPage).slice(-2)).toEqual([9, 20]);
    }
  });

  if (dialect === 'postgres') {
    it('after the server kills their LISTEN connections, the processes reconnect and catch up', async () => {
      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      try {
        const listeners = `from pg_stat_activity where datname = current_database() and application_name = 'orion-listen'`;
        const killed = await admin.query(`select pg_terminate_backend(pid) ${listeners}`);
        expect(killed.rowCount).toBe(3);
        // changed at once, while the listeners are down or reconnecting
        expect(await cli(app, database.url, ['disable', 'widgets', '--platform', String(platformId)])).toMatchObject({
          code: 0,
        });
        await untilAllAgree(instances, platformId, storeId, (state) => widgetsShown(state) === false);
        for (let waited = 0; ; waited += 50) {
          const { rows } = await admin.query(`select count(*)::int as n ${listeners} and query like 'LISTEN%'`);
          if (rows[0].n === 3) break;
          if (waited > 10_000) throw new Error(`${rows[0].n} of 3 processes listen again after 10 s`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        // listening again: a change reaches them by NOTIFY
        await instances[2]!.call('/enable', { platform: platformId, code: 'widgets' });
        await untilAllAgree(instances, platformId, storeId, (state) => widgetsShown(state) === true);
      } finally {
        await admin.end();
      }
    });
  }
});

const quietLogger = { debug() {}, info() {}, warn() {}, error() {} };
