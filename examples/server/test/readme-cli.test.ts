/**
 * The README's `orion` command lines for this repository, run as written (through the demo's
 * `orion` script) against a seeded demo database: only `sqlite:orion-demo.db` is swapped for the
 * test's database. Issue 14: they failed with `Command "orion" not found` and opened `orion.db`.
 */
import { exec } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createOrion } from '@orion/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { seedDemo } from '../src/seed/seed-demo.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const serverDir = fileURLToPath(new URL('..', import.meta.url));
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const run = promisify(exec);

/** The README's command lines that run the demo's `orion` script. */
function readmeCommands(): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  return readme
    .split('\n')
    .filter((line) => line.startsWith('npx -y pnpm@10.34.8 --filter @orion/example-server run --silent orion '));
}

describeEachDatabase('the README’s orion command lines', (dialect) => {
  let database: TestDatabase;
  const mediaDir = mkdtempSync(join(tmpdir(), 'orion-readme-cli-media-'));

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    process.env.CMS_MEDIA_DIR = mediaDir;
    const orion = await createOrion({ database: database.url, cwd: serverDir, logger: quiet });
    await seedDemo(orion, { scale: 0.02 });
    await orion.close();
  }, 180_000);
  afterAll(async () => {
    await database?.drop();
    rmSync(mediaDir, { recursive: true, force: true });
  });

  it('run as written from the repository root, on the demo’s database, and leave no orion.db behind', async () => {
    const commands = readmeCommands();
    expect(commands.length).toBeGreaterThanOrEqual(3);
    const hadOrionDb = existsSync(join(serverDir, 'orion.db'));
    for (const command of commands) {
      expect(command, 'the README points at the demo’s database').toContain('--database sqlite:orion-demo.db');
      const { stdout, stderr } = await run(command.replace('sqlite:orion-demo.db', database.url), {
        cwd: root,
        env: { ...process.env, DATABASE_URL: '' },
      });
      expect(stderr, command).not.toMatch(/error|not found/i);
      if (command.includes(' modules ')) expect(stdout).toMatch(/^orders\s+optional/m);
      else expect(stdout, command).toMatch(/orders/i);
    }
    if (!hadOrionDb) expect(existsSync(join(serverDir, 'orion.db'))).toBe(false);
  }, 120_000);
});
