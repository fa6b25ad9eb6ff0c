import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, expect, it } from 'vitest';
import { tenancyModule } from '../src/index.js';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { linkPackage, packagePath, tempDir, writeApp } from '../../../test/support/package-fixtures.js';

const run = promisify(execFile);

/**
 * A user's app: a package.json that depends on @orion/core alone (linked to this workspace's
 * build, as a workspace link would be) and a script that uses only the package's public door.
 */
function userApp(script: string, file = 'app.mjs'): string {
  const dir = tempDir('orion-app-');
  cleanups.push(dir.remove);
  writeApp(dir.path, { '@orion/core': '^0.1.0' });
  linkPackage(dir.path, '@orion/core', packagePath('core'));
  writeFileSync(join(dir.path, file), script);
  return dir.path;
}

const cleanups: (() => void)[] = [];
let database: TestDatabase | undefined;
afterEach(async () => {
  cleanups.splice(0).forEach((cleanup) => cleanup());
  await database?.drop();
  database = undefined;
});

const dashboardsScript = `
import { createOrion, TenancyService } from '@orion/core';
const orion = await createOrion({ database: process.env.ORION_DATABASE });
const tenancy = new TenancyService(orion.db);
const platform = await tenancy.createPlatform({ code: 'main', name: 'Main' });
const merchant = await tenancy.createMerchant({ name: 'Acme' });
const store = await tenancy.createStore({ merchantId: merchant.id, code: 'acme', name: 'Acme', defaultCurrency: 'EUR' });
await tenancy.addStoreToPlatform(store.id, platform.id);
const user = await tenancy.createUser({ email: 'ada@acme.test', name: 'Ada' });
await tenancy.addStoreUser({ storeId: store.id, userId: user.id, role: 'owner' });
const storeStats = await orion.statsAggregator.getStoreDashboardStats({ storeId: store.id, platformId: platform.id });
const adminStats = await orion.statsAggregator.getAdminDashboardStats({ platformId: platform.id });
console.log(JSON.stringify({
  modules: orion.discovery.modules.map((m) => m.packageName),
  store: storeStats.categories,
  admin: adminStats.categories,
}));
await orion.close();
`;

describeEachDatabase('an app that depends on @orion/core alone', (dialect) => {
  it('discovers tenancy through core and gets a tenancy category from both dashboards', async () => {
    database = await createTestDatabase(dialect);
    const cwd = userApp(dashboardsScript);
    const { stdout } = await run(process.execPath, ['app.mjs'], {
      cwd,
      env: { ...process.env, ORION_DATABASE: database.url },
    });
    const result = JSON.parse(stdout) as {
      modules: string[];
      store: Record<string, { key: string; value: number }[]>;
      admin: Record<string, { key: string; value: number }[]>;
    };
    expect(result.modules).toEqual(['@orion/tenancy']);
    expect(Object.keys(result.store)).toEqual(['tenancy']);
    expect(Object.keys(result.admin)).toEqual(['tenancy']);
    const value = (metrics: { key: string; value: number }[], key: string) => metrics.find((m) => m.key === key)?.value;
    expect(value(result.store.tenancy!, 'tenancy.team_members')).toBe(1);
    expect(value(result.admin.tenancy!, 'tenancy.total_stores')).toBe(1);
    expect(value(result.admin.tenancy!, 'tenancy.merchants')).toBe(1);
  });

  it('four processes starting at once on a fresh database all come up, and each migration runs once', async () => {
    database = await createTestDatabase(dialect);
    const cwd = userApp(`
      import { createOrion } from '@orion/core';
      // every process starts migrating at the same moment, whenever Node finished loading it
      await new Promise((resolve) => setTimeout(resolve, Number(process.env.START_AT) - Date.now()));
      const orion = await createOrion({ database: process.env.ORION_DATABASE });
      const rows = await orion.db.selectFrom('orion_migrations_tenancy').select('name').execute();
      console.log(JSON.stringify(rows.map((row) => row.name)));
      await orion.close();
    `);
    const env = { ...process.env, ORION_DATABASE: database.url, START_AT: String(Date.now() + 2_000) };
    const outputs = await Promise.all([1, 2, 3, 4].map(() => run(process.execPath, ['app.mjs'], { cwd, env })));
    const expected = Object.keys(tenancyModule.migrations).sort();
    expect(expected.length).toBeGreaterThan(1);
    for (const { stdout } of outputs) expect(JSON.parse(stdout)).toEqual(expected);
  });
});

it('a CommonJS consumer on Node 20.19+ can require("@orion/core")', async () => {
  const cwd = userApp(
    `const core = require('@orion/core');
     console.log(JSON.stringify({ createOrion: typeof core.createOrion, isOrionError: typeof core.isOrionError }));`,
    'app.cjs',
  );
  const { stdout } = await run(process.execPath, ['--no-warnings', 'app.cjs'], { cwd });
  expect(JSON.parse(stdout)).toEqual({ createOrion: 'function', isOrionError: 'function' });
});
