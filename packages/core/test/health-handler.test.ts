/**
 * Item 11 of issue 14: the library's health routes over real HTTP. Readiness follows the database
 * (503 while it refuses connections, 200 again once it is back), and the unauthenticated bodies say
 * `unhealthy` without any driver text: no database name, no error message.
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { defineModule } from '@orion/contracts';
import { Hono } from 'hono';
import pg from 'pg';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDatabase, postgresUrl } from '../../../test/support/databases.js';
import { recordingLogger, useOrionHosts } from '../../../test/support/orion-host.js';
import { createHealthHandler, type FetchHandler, type Orion } from '../src/index.js';

const pinged = defineModule({ code: 'pinged', name: 'Pinged', version: '1.0.0', healthCheck: () => true });

async function listen(handler: FetchHandler): Promise<{ url: string; close(): Promise<void> }> {
  const app = new Hono();
  for (const path of ['/health', '/health/live', '/health/ready']) app.get(path, (c) => handler(c.req.raw));
  const server: ServerType = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(() => done())) };
}

/** Runs one statement on the PostgreSQL server's maintenance database. */
async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

describeEachDatabase('the library’s health routes over HTTP', (dialect) => {
  const hosts = useOrionHosts(dialect);
  let orion: Orion;
  let logger: ReturnType<typeof recordingLogger>;
  let server: Awaited<ReturnType<typeof listen>>;
  let started: Orion | undefined;
  let stopping = false;
  let databaseName = '';
  let refusing = false;

  beforeEach(async () => {
    logger = recordingLogger();
    orion = await hosts.start({ modules: [pinged], logger, healthCheckTimeoutMs: 3000 });
    databaseName = new URL((await hosts.url()).replace(/^sqlite:/, 'file:')).pathname.split('/').pop()!;
    started = undefined;
    stopping = false;
    server = await listen(createHealthHandler({ orion: () => started, stopping: () => stopping, logger }));
  });
  afterEach(async () => {
    await server.close();
    if (refusing) await admin(`alter database "${databaseName}" allow_connections true`);
    refusing = false;
  });

  const get = async (path: string) => {
    const response = await fetch(`${server.url}${path}`);
    return { status: response.status, text: await response.text() };
  };

  it('answers live at once, starting before the host is there, ready once it is, stopping after', async () => {
    expect(await get('/health/live')).toEqual({ status: 200, text: '{"status":"live"}' });
    expect(await get('/health/ready')).toEqual({ status: 503, text: '{"status":"starting"}' });
    expect((await get('/health')).status).toBe(503);
    started = orion;
    expect(await get('/health/ready')).toEqual({ status: 200, text: '{"status":"ready"}' });
    const health = await get('/health');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.text)).toEqual({
      status: 'healthy',
      checkedAt: expect.any(String),
      database: { status: 'healthy', durationMs: expect.any(Number) },
      modules: { pinged: { status: 'healthy', durationMs: expect.any(Number) } },
    });
    stopping = true;
    expect(await get('/health/ready')).toEqual({ status: 503, text: '{"status":"stopping"}' });
    expect((await get('/health/live')).status).toBe(200);
  });

  it('is not ready while the database is gone, says unhealthy without driver text, and logs the reason', async () => {
    started = orion;
    expect((await get('/health/ready')).status).toBe(200);
    if (dialect === 'postgres') {
      // the server refuses new connections to the database and ends the open ones
      refusing = true;
      await admin(`alter database "${databaseName}" allow_connections false`);
      await admin(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${databaseName}'`);
    } else {
      await orion.db.destroy(); // the SQLite file's handle is closed under the host
    }
    const ready = await get('/health/ready');
    expect(ready).toEqual({ status: 503, text: '{"status":"unhealthy"}' });
    const health = await get('/health');
    expect(health.status).toBe(503);
    expect(JSON.parse(health.text)).toMatchObject({ status: 'unhealthy', database: { status: 'unhealthy' } });
    expect(Object.keys(JSON.parse(health.text).database).sort()).toEqual(['durationMs', 'status']);
    for (const answer of [ready, health]) {
      expect(answer.text).not.toContain(databaseName);
      expect(answer.text).not.toMatch(/message|error|connection|destroyed|postgres|sqlite/i);
    }
    expect(logger.entries.some((entry) => entry.message === 'Health check "database" is unhealthy')).toBe(true);
    if (dialect === 'postgres') {
      await admin(`alter database "${databaseName}" allow_connections true`);
      refusing = false;
      expect(await get('/health/ready')).toEqual({ status: 200, text: '{"status":"ready"}' });
    }
  });
});
