/**
 * The scaffold as a new user meets it, from the packed tarballs, in empty folders outside the
 * repository: `create-orion-module my-notes` (run as `npm create` runs it: `npm exec` of the package)
 * writes a module whose `npm install && npm test` pass (SQLite and PostgreSQL) and whose `npm run dev`
 * starts a host; `pnpm dlx` (what `pnpm create` runs) writes one whose `pnpm install && pnpm test`
 * pass. Then fresh apps, one installed with npm and one with pnpm, add the module with the
 * local-development step its README documents and show its metric on both dashboards, its route, its
 * menu item and its error code in German, on SQLite and PostgreSQL, with `orion check` and
 * `orion doctor` clean.
 */
import { execFile } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresUrl, testDialects } from '../support/databases.js';
import { cleanEnv, packPackages, pnpmBin, seedBetterSqlitePrebuild } from './packed-app.js';

const run = promisify(execFile);
const here = fileURLToPath(new URL('.', import.meta.url));
const fastify = '^5.12.8';
/** PostgreSQL's driver and task queue, optional peers of @orion/core the apps bring to run on PostgreSQL. */
const postgres = { pg: '^8.23.1', 'pg-boss': '^10.4.2' };

let work: string;
let tarballs: Record<string, string>;
/** Points prebuild-install at the workspace's better-sqlite3 binary (see seedBetterSqlitePrebuild). */
let prebuildEnv: Record<string, string>;
/** Every `@orion/*` package resolves to its local tarball: these versions are not on the registry. */
let overrides: Record<string, string>;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'orion-scaffold-'));
  mkdirSync(join(work, 'pack'));
  // what the scaffold, the module and the apps install
  tarballs = await packPackages(join(work, 'pack'), [
    'create-orion-module',
    '@orion/contracts',
    '@orion/core',
    '@orion/tenancy',
    '@orion/testing',
  ]);
  overrides = Object.fromEntries(
    Object.entries(tarballs)
      .filter(([name]) => name.startsWith('@orion/'))
      .map(([name, file]) => [name, `file:${file}`]),
  );
  prebuildEnv = await seedBetterSqlitePrebuild(join(work, 'prebuilds'));
}, 180_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs a command in `cwd` with a clean environment; rejects with its output when it fails. */
async function sh(cwd: string, command: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  try {
    const { stdout, stderr } = await run(command, args, {
      cwd,
      env: cleanEnv({ ...prebuildEnv, ...env }),
      maxBuffer: 64 * 1024 * 1024,
    });
    return `${stdout}\n${stderr}`;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stdout.slice(-6000)}\n${stderr.slice(-6000)}`, {
      cause: error,
    });
  }
}

/** The fields of a scaffolded module's package.json that the tests rewrite. */
interface ScaffoldedManifest {
  devDependencies: Record<string, string>;
  overrides?: Record<string, string>;
  pnpm: { overrides?: Record<string, string> };
}

function editJson(file: string, edit: (json: ScaffoldedManifest) => void): void {
  const json = JSON.parse(readFileSync(file, 'utf8')) as ScaffoldedManifest;
  edit(json);
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
}

interface ModuleAppOutput {
  modules: string[];
  added: number;
  list: { status: number; count: number | null };
  missing: { status: number; body: { error: { code: string; message: string } } };
  storeMetric: { key: string; value: number; label: string } | null;
  adminMetric: { key: string; value: number } | null;
  failures: string[];
  menu: { id: string; module: string; label: string; path: string }[];
}

/**
 * Runs the app script on a new database of each dialect and checks what the module shows, then
 * `orion check` and `orion doctor`.
 */
async function expectModuleWorksIn(app: string): Promise<void> {
  copyFileSync(join(here, 'module-app.mjs'), join(app, 'module-app.mjs'));
  for (const dialect of testDialects()) {
    const database = await createTestDatabase(dialect);
    const output = JSON.parse(
      await run(process.execPath, ['--no-warnings', 'module-app.mjs'], {
        cwd: app,
        env: cleanEnv({ ORION_DATABASE: database.url, MODULE: 'my-notes' }),
      })
        .then(({ stdout }) => stdout)
        .finally(() => database.drop()),
    ) as ModuleAppOutput;
    expect(output.modules, dialect).toEqual(['tenancy', 'my-notes']);
    expect(output.added).toBe(201);
    expect(output.list).toEqual({ status: 200, count: 1 });
    expect(output.missing).toMatchObject({
      status: 404,
      body: {
        error: { code: 'MY_NOTES_ERR_ITEM_NOT_FOUND', message: 'Eintrag 999999 wurde in diesem Shop nicht gefunden.' },
      },
    });
    expect(output.storeMetric).toMatchObject({ key: 'my-notes.items', value: 1, label: 'Einträge' });
    expect(output.adminMetric).toMatchObject({ key: 'my-notes.items', value: 1 });
    expect(output.failures).toEqual([]);
    expect(output.menu).toEqual([
      expect.objectContaining({ id: 'my-notes.items', module: 'my-notes', path: '/my-notes' }),
    ]);
  }
  const orion = join(app, 'node_modules', '.bin', 'orion');
  expect(await sh(app, orion, ['check'])).toContain('no problems');
  expect(await sh(app, orion, ['doctor'])).toContain('no problems');
}

describe('create-orion-module from its packed tarball', () => {
  let moduleDir: string;

  it('writes a module whose npm install, npm test and npm run dev pass right away', async () => {
    const created = await sh(work, 'npm', [
      'exec',
      '--yes',
      '--package',
      tarballs['create-orion-module']!,
      '--',
      'create-orion-module',
      'my-notes',
    ]);
    expect(created).toContain('Created the Orion module "my-notes"');
    moduleDir = join(work, 'my-notes');
    const manifest = JSON.parse(readFileSync(join(moduleDir, 'package.json'), 'utf8'));
    expect(Object.keys(manifest.peerDependencies).sort()).toEqual([
      '@orion/contracts',
      '@orion/tenancy',
      'kysely',
      'zod',
    ]);
    expect(manifest.orion).toEqual({ module: './dist/index.js', export: 'myNotesModule' });
    // the one change a user with the registry would not make: the unreleased @orion/* come from the tarballs
    editJson(join(moduleDir, 'package.json'), (json) => {
      for (const name of Object.keys(json.devDependencies))
        if (overrides[name]) json.devDependencies[name] = overrides[name];
      json.overrides = overrides;
    });

    await sh(moduleDir, 'npm', ['install', '--no-audit', '--no-fund', '--loglevel=error']);
    expect(existsSync(join(moduleDir, 'dist', 'index.js'))).toBe(true);
    const tested = await sh(moduleDir, 'npm', ['test'], {
      CI: process.env.CI === 'true' ? 'true' : 'false',
      ORION_TEST_POSTGRES_URL: postgresUrl,
      NO_COLOR: '1',
      // eslint-disable-next-line no-control-regex -- strips the ANSI colour escapes (ESC [ … m)
    }).then((output) => output.replace(/\u001b\[[0-9;]*m/g, ''));
    expect(tested).toMatch(/Tests\s+\d+ passed/);
    // on a machine without PostgreSQL (and not CI) its half is skipped, visibly; otherwise nothing is
    if (testDialects().includes('postgres')) expect(tested).not.toMatch(/\d+ skipped/);
    else expect(tested).toContain('skipping the PostgreSQL suites');

    const dev = await sh(moduleDir, 'npm', ['run', 'dev', '--', '--once'], {
      ORION_DATABASE: 'sqlite:.orion/dev-test.sqlite',
    });
    expect(dev).toContain('"my-notes.items"');
  }, 480_000);

  it('pnpm create (pnpm dlx) writes a module whose pnpm install and pnpm test pass', async () => {
    const created = await sh(work, pnpmBin, [
      '--package',
      tarballs['create-orion-module']!,
      'dlx',
      'create-orion-module',
      'pnpm-notes',
    ]);
    expect(created).toContain('pnpm install');
    const dir = join(work, 'pnpm-notes');
    editJson(join(dir, 'package.json'), (json) => {
      for (const name of Object.keys(json.devDependencies))
        if (overrides[name]) json.devDependencies[name] = overrides[name];
      json.pnpm.overrides = overrides;
    });
    await sh(dir, pnpmBin, ['install', '--reporter=append-only']);
    const tested = await sh(dir, pnpmBin, ['test'], {
      CI: process.env.CI === 'true' ? 'true' : 'false',
      ORION_TEST_POSTGRES_URL: postgresUrl,
      NO_COLOR: '1',
      // eslint-disable-next-line no-control-regex -- strips the ANSI colour escapes (ESC [ … m)
    }).then((output) => output.replace(/\u001b\[[0-9;]*m/g, ''));
    expect(tested).toMatch(/Tests\s+\d+ passed/);
    if (testDialects().includes('postgres')) expect(tested).not.toMatch(/\d+ skipped/);
  }, 300_000);

  it('npm: a linked module folder is a second copy (doctor fails); with install-links=true it is a copy and everything shows on both databases', async () => {
    const app = join(work, 'npm-app');
    mkdirSync(app);
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify(
        {
          name: 'npm-app',
          private: true,
          type: 'module',
          dependencies: { '@orion/core': overrides['@orion/core'], fastify, ...postgres },
          overrides,
        },
        null,
        2,
      ),
    );
    // npm's default links the folder: the module then loads its own second copies of the peers
    await sh(app, 'npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '../my-notes']);
    expect(lstatSync(join(app, 'node_modules', 'my-notes')).isSymbolicLink()).toBe(true);
    const doctor = await sh(app, join(app, 'node_modules', '.bin', 'orion'), ['doctor']).then(
      () => 'exit 0',
      (error: Error) => error.message,
    );
    expect(doctor).toMatch(/duplicate: @orion\/(contracts|tenancy) is installed 2 times/);

    // the README's step: copy folder dependencies instead of linking them, and reinstall the folder
    writeFileSync(join(app, '.npmrc'), 'install-links=true\n');
    rmSync(join(app, 'node_modules', 'my-notes'), { recursive: true, force: true });
    await sh(app, 'npm', ['install', '--no-audit', '--no-fund', '--loglevel=error']);
    expect(lstatSync(join(app, 'node_modules', 'my-notes')).isDirectory()).toBe(true);
    expect(JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')).dependencies['my-notes']).toBe(
      'file:../my-notes',
    );
    await expectModuleWorksIn(app);
  }, 300_000);

  it('pnpm: an app adds the module folder with file: (a copy); everything shows on both databases', async () => {
    const app = join(work, 'pnpm-app');
    mkdirSync(app);
    // as in packed-app.ts: pnpm would install the peers from the registry, where these versions are not
    const peers = { '@orion/contracts': overrides['@orion/contracts'], '@orion/tenancy': overrides['@orion/tenancy'] };
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify(
        {
          name: 'pnpm-app',
          private: true,
          type: 'module',
          dependencies: { '@orion/core': overrides['@orion/core'], ...peers, fastify, ...postgres },
          pnpm: { overrides, onlyBuiltDependencies: ['better-sqlite3'] },
        },
        null,
        2,
      ),
    );
    await sh(app, pnpmBin, ['add', 'file:../my-notes', '--reporter=append-only', '--config.node-linker=isolated']);
    await expectModuleWorksIn(app);
  }, 300_000);
});
