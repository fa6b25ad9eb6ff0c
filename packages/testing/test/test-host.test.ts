import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { defineModule } from '@orion/core';
import pg from 'pg';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestDatabase, startTestHost, testPostgresUrl, type SeededTenancy, type TestHost } from '@orion/testing';
import { describeEachDatabase, useTestHosts } from '@orion/testing/vitest';
import { notesModule } from './notes-module.js';

async function postgresDatabaseExists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: testPostgresUrl() });
  await client.connect();
  try {
    const result = await client.query('select 1 from pg_database where datname = $1', [name]);
    return result.rowCount === 1;
  } finally {
    await client.end();
  }
}

/** Whether the database a {@link TestHost} made is still there: the SQLite folder, or the PostgreSQL database. */
async function databaseExists(dialect: string, url: string): Promise<boolean> {
  if (dialect === 'sqlite') return existsSync(dirname(url.slice('sqlite:'.length)));
  return postgresDatabaseExists(new URL(url).pathname.slice(1));
}

describeEachDatabase('startTestHost', (dialect) => {
  let host: TestHost;
  let tenancy: SeededTenancy;
  const view = () => ({
    platformId: tenancy.platformId,
    storeId: tenancy.storeId,
    permissions: ['notes.view', 'notes.write'],
  });

  beforeEach(async () => {
    host = await startTestHost({ modules: [notesModule], dialect });
    tenancy = await host.seedTenancy();
  });
  afterEach(() => host.stop());

  it('runs the modules’ migrations on a database of its own, and removes it on stop (twice is fine)', async () => {
    expect(host.dialect).toBe(dialect);
    expect(host.database.url.startsWith(dialect === 'sqlite' ? 'sqlite:' : 'postgres:')).toBe(true);
    expect(await host.db.selectFrom('notes').selectAll().execute()).toEqual([]);
    expect(await databaseExists(dialect, host.database.url)).toBe(true);
    await host.stop();
    await host.stop();
    expect(await databaseExists(dialect, host.database.url)).toBe(false);
  });

  it('seeds a platform, a merchant, an active store on the platform and its owner', async () => {
    const store = await host.db
      .selectFrom('stores')
      .selectAll()
      .where('id', '=', tenancy.storeId)
      .executeTakeFirstOrThrow();
    expect(store).toMatchObject({ merchant_id: tenancy.merchantId, default_currency: 'EUR' });
    expect(Boolean(store.is_active)).toBe(true);
    const membership = await host.db
      .selectFrom('store_platforms')
      .selectAll()
      .where('store_id', '=', tenancy.storeId)
      .executeTakeFirstOrThrow();
    expect(membership.platform_id).toBe(tenancy.platformId);
    expect(Boolean(membership.is_active)).toBe(true);
    const team = await host.db.selectFrom('store_users').selectAll().where('store_id', '=', tenancy.storeId).execute();
    expect(team).toEqual([expect.objectContaining({ user_id: tenancy.userId, role: 'owner' })]);

    const second = await host.seedTenancy({ platformId: tenancy.platformId, user: false, currency: 'CHF' });
    expect(second.platformId).toBe(tenancy.platformId);
    expect(second.storeId).not.toBe(tenancy.storeId);
    expect(second.userId).toBeUndefined();
    expect(await host.db.selectFrom('platforms').select('id').execute()).toHaveLength(1);
  });

  it('calls the module’s routes through the request handler with the given context', async () => {
    const created = await host.request('POST', '/api/v1/store/notes/', {
      context: view(),
      body: { body: 'Call back' },
    });
    expect(created).toMatchObject({ status: 201, body: { id: expect.any(Number), body: 'Call back' } });
    const other = await host.seedTenancy({ platformId: tenancy.platformId });
    await host.request('POST', '/api/v1/store/notes', {
      context: { ...view(), storeId: other.storeId },
      body: { body: 'Theirs' },
    });

    const listed = await host.request('GET', '/api/v1/store/notes', { context: view() });
    expect(listed.status).toBe(200);
    expect(listed.headers.get('content-type')).toContain('application/json');
    expect(listed.body).toEqual({ items: [{ id: created.body.id, body: 'Call back' }] });

    expect((await host.request('GET', '/api/v1/store/notes')).status).toBe(401);
    const denied = await host.request('GET', '/api/v1/store/notes', {
      context: { ...view(), permissions: [], locale: 'de' },
    });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('ORION_ERR_FORBIDDEN');
    const invalid = await host.request('POST', '/api/v1/store/notes', { context: view(), body: { body: '' } });
    expect(invalid.status).toBe(400);
    await host.orion.modules.disable(tenancy.platformId, 'notes');
    expect((await host.request('GET', '/api/v1/store/notes', { context: view() })).status).toBe(404);
  });

  it('reads the store and admin dashboards', async () => {
    for (const body of ['one', 'two']) {
      await host.request('POST', '/api/v1/store/notes', { context: view(), body: { body } });
    }
    const outside = await host.seedTenancy();
    await host.request('POST', '/api/v1/store/notes', {
      context: { platformId: outside.platformId, storeId: outside.storeId, permissions: ['notes.write'] },
      body: { body: 'elsewhere' },
    });

    const store = await host.storeDashboard({ storeId: tenancy.storeId, platformId: tenancy.platformId });
    expect(store.failures).toEqual([]);
    expect(store.values['notes.count']).toBe(2);
    expect(store.metric('notes.count')).toMatchObject({ label: 'Notes', category: 'notes' });
    const admin = await host.adminDashboard({ platformId: tenancy.platformId });
    expect(admin.scope).toBe('platform');
    expect(admin.values['notes.count']).toBe(2);
    expect(admin.metric('notes.missing')).toBeUndefined();
  });
});

describeEachDatabase('startTestHost clean-up', (dialect) => {
  // The clean-up path is the same on both databases; only a SQLite folder can be watched without racing other test files.
  it.skipIf(dialect === 'postgres')('removes the database it made when the host fails to start', async () => {
    const failing = defineModule({
      code: 'broken',
      name: 'Broken',
      version: '1.0.0',
      migrations: {
        broken_001_fail: {
          up: () => Promise.reject(new Error('migration on fire')),
        },
      },
    });
    // SQLite: the kit's temporary folders go to os.tmpdir(), pointed at a folder of this test's own
    const own = mkdtempSync(join(tmpdir(), 'orion-kit-'));
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = own;
    try {
      await expect(startTestHost({ dialect, modules: [failing] })).rejects.toThrow();
      expect(readdirSync(own)).toEqual([]);
    } finally {
      process.env.TMPDIR = saved;
      if (saved === undefined) delete process.env.TMPDIR;
      rmSync(own, { recursive: true, force: true });
    }
  });

  it('leaves a database it was given in place', async () => {
    const database = await createTestDatabase(dialect);
    try {
      const host = await startTestHost({ database, modules: [notesModule] });
      await host.stop();
      expect(await databaseExists(dialect, database.url)).toBe(true);
      const again = await startTestHost({ database, modules: [notesModule] });
      expect(await again.db.selectFrom('notes').selectAll().execute()).toEqual([]);
      await again.stop();
    } finally {
      await database.drop();
      await database.drop();
    }
    expect(await databaseExists(dialect, database.url)).toBe(false);
  });
});

describeEachDatabase('useTestHosts', (dialect) => {
  const hosts = useTestHosts(dialect);
  let previous: string | undefined;

  it('shares one database between the hosts of a test', async () => {
    const first = await hosts.start({ modules: [notesModule] });
    const { storeId } = await first.seedTenancy();
    await first.stop();
    const second = await hosts.start({ modules: [notesModule] });
    expect(second.database.url).toBe(first.database.url);
    expect(await second.db.selectFrom('stores').select('id').where('id', '=', storeId).execute()).toHaveLength(1);
    previous = second.database.url;
  });

  it('removed the previous test’s database', async () => {
    expect(previous).toBeDefined();
    expect(await databaseExists(dialect, previous!)).toBe(false);
    expect((await hosts.database()).url).not.toBe(previous);
  });
});
