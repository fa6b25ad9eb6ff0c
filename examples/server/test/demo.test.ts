import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, expect, it } from 'vitest';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../../../test/support/databases.js';

const run = promisify(execFile);
const serverDir = fileURLToPath(new URL('..', import.meta.url));

let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.drop();
  database = undefined;
});

async function demo(url: string): Promise<string> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/demo.ts'], {
    cwd: serverDir,
    env: { ...process.env, DATABASE_URL: url },
  });
  return stdout;
}

describeEachDatabase('the README’s demo', (dialect) => {
  it('seeds once, prints a store dashboard and both admin dashboards, and reuses the data on a second start', async () => {
    database = await createTestDatabase(dialect);
    const first = await demo(database.url);
    expect(first).toContain(`Orion demo on ${dialect}; modules: tenancy`);
    expect(first).toMatch(/\d+ stores, \d+ users/);
    expect(first).toContain('Store dashboard: ');
    expect(first).toContain('Admin dashboard: Letzshop Marketplace');
    expect(first).toContain('Admin dashboard: Wholesale Portal');
    expect(first).toMatch(/Team members\s+\d+/);
    const second = await demo(database.url);
    expect(second).toContain('reusing it');
    const tables = (output: string) => output.slice(output.indexOf('Store dashboard'));
    expect(tables(second)).toBe(tables(first));
  }, 120_000);
});
