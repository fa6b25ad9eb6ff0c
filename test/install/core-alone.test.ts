/**
 * `npm install @orion/core` alone (issue 15): the embedded default runs on SQLite without the
 * optional peers (`pg`, `pg-boss`, Fastify, Hono) being installed or reported, and a `postgres://` URL
 * without them is a coded error that says what to install.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PackedApp, cleanEnv, packPackages, seedBetterSqlitePrebuild } from './packed-app.js';

const run = promisify(execFile);
const here = fileURLToPath(new URL('.', import.meta.url));
let packDir: string;
let app: PackedApp;

interface Outcome {
  started: boolean;
  modules?: string[];
  unknownRoute?: { status: number; code: string };
  code?: string | null;
  message?: string;
  details?: Record<string, unknown> | null;
  logged: string[];
}

beforeAll(async () => {
  packDir = mkdtempSync(join(tmpdir(), 'orion-pack-alone-'));
  const tarballs = await packPackages(packDir, ['@orion/contracts', '@orion/core', '@orion/tenancy']);
  const installEnv = await seedBetterSqlitePrebuild(join(packDir, 'prebuilds'));
  const dir = mkdtempSync(join(tmpdir(), 'orion-core-alone-'));
  copyFileSync(join(here, 'core-alone.mjs'), join(dir, 'core-alone.mjs'));
  app = new PackedApp(dir, 'npm', tarballs, installEnv);
  await app.install(['@orion/core']);
}, 600_000);
afterAll(() => {
  rmSync(packDir, { recursive: true, force: true });
  if (app) rmSync(app.dir, { recursive: true, force: true });
});

const start = async (database: string) =>
  JSON.parse(await app.node('core-alone.mjs', { ORION_DATABASE: database })) as Outcome;

describe('an app with only @orion/core, installed with npm from the packed tarballs', () => {
  it('installs neither pg nor pg-boss (nor Fastify, nor Hono), and starts on SQLite without a warning', async () => {
    for (const name of ['pg', 'pg-boss', 'fastify', 'hono', '@hono/node-server']) {
      expect(existsSync(join(app.dir, 'node_modules', name)), `node_modules/${name}`).toBe(false);
    }
    expect(existsSync(join(app.dir, 'node_modules', 'better-sqlite3'))).toBe(true);
    const outcome = await start('sqlite:app.db');
    expect(outcome).toEqual({
      started: true,
      modules: ['tenancy'],
      unknownRoute: { status: 404, code: 'ORION_ERR_ROUTE_NOT_FOUND' },
      logged: [],
    });
  });

  it('orion doctor finds no problem (absent optional peers are not one)', async () => {
    const { stdout } = await run(join(app.dir, 'node_modules', '.bin', 'orion'), ['doctor'], {
      cwd: app.dir,
      env: cleanEnv(),
    });
    expect(stdout).not.toMatch(/fastify|hono|pg-boss|\bpg\b/);
  });

  it('a postgres:// database without pg answers ORION_ERR_OPTIONAL_DEPENDENCY_MISSING naming what to install', async () => {
    const outcome = await start('postgres://postgres@127.0.0.1:5432/never-opened');
    expect(outcome).toMatchObject({
      started: false,
      code: 'ORION_ERR_OPTIONAL_DEPENDENCY_MISSING',
      details: { feature: 'PostgreSQL support', packages: 'pg pg-boss' },
    });
    expect(outcome.message).toContain('npm install pg pg-boss');
  });
});
