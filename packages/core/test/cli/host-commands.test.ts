import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../../../../test/support/databases.js';
import { recordingLogger } from '../../../../test/support/orion-host.js';
import { createOrion, TenancyService, tenancyModule, type Orion } from '../../src/index.js';
import { alphaModule, betaModule, cliApp, gammaModule, orion } from './cli-app.js';

describeEachDatabase('orion migrate, modules, enable and disable', (dialect) => {
  const cleanups: (() => void)[] = [];
  let app: string;
  beforeAll(() => {
    // @orion/catalog is listed but not installed: discovery skips it
    app = cliApp(cleanups, [alphaModule, betaModule, gammaModule], { '@orion/catalog': '^0.1.0' });
  });
  afterAll(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

  describe('on a fresh database', () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await createTestDatabase(dialect);
    });
    afterAll(() => database.drop());

    it('other commands refuse it; migrate --dry-run lists the pending migrations and applies none; migrate applies them', async () => {
      const env = { DATABASE_URL: database.url };
      const library = await createOrion({
        cwd: app,
        database: database.url,
        migrate: false,
        logger: recordingLogger(),
      });
      const expected = (await library.pendingMigrations()).map((step) => [step.module, step.migration]);
      await library.close();
      const tenancy = Object.keys(tenancyModule.migrations).map(() => 'tenancy');
      expect(expected.map(([module]) => module)).toEqual(['core', 'core', 'core', ...tenancy, 'alpha']);
      const count = expected.length;

      const refused = await orion(app, ['modules', '--platform', '1'], env);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(
        new RegExp(
          `^error: The database has ${count} pending migration\\(s\\), .*\\(ORION_ERR_MIGRATIONS_PENDING\\)\\n$`,
        ),
      );

      const dryRun = await orion(app, ['migrate', '--dry-run'], env);
      expect(dryRun.code).toBe(0);
      expect(dryRun.stdout.split('\n')[0]).toBe(
        `${count} pending migration(s), in the order they would run (dry run: nothing applied):`,
      );
      expect(tableRows(dryRun.stdout)).toEqual(expected);
      // nothing was applied: a second dry run lists the same, and migrate applies all of them
      expect((await orion(app, ['migrate', '--dry-run'], env)).stdout).toBe(dryRun.stdout);

      const applied = await orion(app, ['migrate'], env);
      expect(applied.code).toBe(0);
      expect(applied.stdout.split('\n')[0]).toBe(`Applied ${count} migration(s):`);
      expect(tableRows(applied.stdout)).toEqual(expected.map((step) => [...step, 'Success']));
      expect(await orion(app, ['migrate', '--dry-run'], env)).toEqual({
        code: 0,
        stdout: 'Nothing to migrate: the database is up to date.\n',
        stderr: '',
      });
    });
  });

  describe('on a migrated database with two platforms', () => {
    let database: TestDatabase;
    let host: Orion;
    let one: number;
    let two: number;
    const cli = (...args: string[]) => orion(app, [...args, '--database', database.url]);
    beforeAll(async () => {
      database = await createTestDatabase(dialect);
      host = await createOrion({ cwd: app, database: database.url, logger: recordingLogger() });
      const tenancy = new TenancyService(host.db);
      one = (await tenancy.createPlatform({ code: 'one', name: 'One' })).id;
      two = (await tenancy.createPlatform({ code: 'two', name: 'Two' })).id;
      await host.modules.disable(two, 'alpha');
    });
    afterAll(async () => {
      await host.close();
      await database.drop();
    });

    it('modules lists every module with tier, versions, package and requirements, and what discovery skipped', async () => {
      const result = await cli('modules');
      expect(result.code).toBe(0);
      expect(result.stdout.split('\n').slice(0, 5)).toEqual([
        'code     tier      version  package               requires',
        'tenancy  core      0.1.0    @orion/tenancy@0.1.0  -',
        'alpha    optional  1.2.0    fixture-alpha@1.2.3   -',
        'beta     optional  2.0.0    fixture-beta@1.0.0    alpha',
        'gamma    optional  1.0.0    fixture-gamma@1.0.0   -',
      ]);
      expect(result.stdout).toMatch(
        /^Skipped by discovery \(1\):\n.*\n {2}@orion\/catalog\s+not-installed\s+listed by fixture-app/m,
      );
    });

    it('modules --platform --json says which modules are enabled on that platform', async () => {
      const enabledOn = async (platform: number) => {
        const result = await cli('modules', '--platform', String(platform), '--json');
        expect(result.code).toBe(0);
        return JSON.parse(result.stdout) as {
          platformId: number;
          modules: { code: string; tier: string; packageName: string; requires: string[]; enabled: boolean }[];
          skipped: { packageName: string; reason: string }[];
        };
      };
      const first = await enabledOn(one);
      expect(first.platformId).toBe(one);
      expect(first.modules.map((module) => [module.code, module.enabled])).toEqual([
        ['tenancy', true],
        ['alpha', true],
        ['beta', true],
        ['gamma', true],
      ]);
      expect(first.modules[2]).toMatchObject({ tier: 'optional', packageName: 'fixture-beta', requires: ['alpha'] });
      expect(first.skipped).toEqual([
        expect.objectContaining({ packageName: '@orion/catalog', reason: 'not-installed' }),
      ]);
      // alpha was disabled on platform two, and beta with it
      expect((await enabledOn(two)).modules.map((module) => [module.code, module.enabled])).toEqual([
        ['tenancy', true],
        ['alpha', false],
        ['beta', false],
        ['gamma', true],
      ]);
      const table = await cli('modules', '--platform', String(two));
      expect(table.stdout).toMatch(new RegExp(`^code .* enabled on platform ${two}$`, 'm'));
      expect(table.stdout).toMatch(/^beta\s+optional\s+2\.0\.0\s+fixture-beta@1\.0\.0\s+alpha\s+no$/m);
      expect(table.stdout).toMatch(/^gamma\s+optional\s+1\.0\.0\s+fixture-gamma@1\.0\.0\s+-\s+yes$/m);
    });

    it('disable and enable print the cascade; --dry-run changes nothing', async () => {
      const dryDisable = await cli('disable', 'alpha', '--platform', String(one), '--dry-run');
      expect(dryDisable.code).toBe(0);
      expect(dryDisable.stdout).toBe(
        `Dry run: disable "alpha" on platform ${one} would change 2 module(s); nothing was changed.\n` +
          '  would be disabled: beta\n  would be disabled: alpha\n',
      );
      expect(await host.modules.listEnabled(one)).toEqual(['tenancy', 'alpha', 'beta', 'gamma']);

      const disabled = await cli('disable', 'alpha', '--platform', String(one));
      expect(disabled.stdout).toBe(`Disabled 2 module(s) on platform ${one}:\n  disabled: beta\n  disabled: alpha\n`);
      expect(await host.modules.listEnabled(one)).toEqual(['tenancy', 'gamma']);

      const dryEnable = await cli('enable', 'beta', '--platform', String(one), '--dry-run');
      expect(dryEnable.stdout).toContain('  would be enabled: alpha\n  would be enabled: beta\n');
      expect(await host.modules.listEnabled(one)).toEqual(['tenancy', 'gamma']);

      const enabled = await cli('enable', 'beta', '--platform', String(one));
      expect(enabled).toEqual({
        code: 0,
        stdout: `Enabled 2 module(s) on platform ${one}:\n  enabled: alpha\n  enabled: beta\n`,
        stderr: '',
      });
      expect(await host.modules.listEnabled(one)).toEqual(['tenancy', 'alpha', 'beta', 'gamma']);
      expect((await cli('enable', 'beta', '--platform', String(one))).stdout).toBe(
        `Nothing to change: "beta" is already enabled on platform ${one}.\n`,
      );
    });

    it('a failing hook is printed and makes the exit status 1, and the change stands', async () => {
      await host.modules.disable(two, 'gamma');
      const result = await cli('enable', 'gamma', '--platform', String(two));
      expect(result.code).toBe(1);
      expect(result.stdout).toBe(`Enabled 1 module(s) on platform ${two}:\n  enabled: gamma\n`);
      expect(result.stderr).toBe(
        'error: the onEnable hook of module "gamma" failed: gamma setup failed (the change stands)\n',
      );
      expect(await host.modules.isEnabled(two, 'gamma')).toBe(true);
    });

    it.each([
      [['enable', 'alpha', '--platform', '999'], 'error: Platform 999 does not exist. (ORION_ERR_PLATFORM_NOT_FOUND)'],
      [['modules', '--platform', '999'], 'error: Platform 999 does not exist. (ORION_ERR_PLATFORM_NOT_FOUND)'],
      [
        ['disable', 'tenancy', '--platform', '1'],
        'error: Module "tenancy" is a core module and can not be disabled. (ORION_ERR_MODULE_ALWAYS_ENABLED)',
      ],
      [
        ['enable', 'nope', '--platform', '1'],
        'error: Module "nope" is not installed. (ORION_ERR_MODULE_NOT_INSTALLED)',
      ],
    ])('%j fails with one coded line', async (args, line) => {
      expect(await cli(...args)).toEqual({ code: 1, stdout: '', stderr: `${line}\n` });
    });
  });
});

/** The cells of the table rows after the title line and the header of `stdout`. */
function tableRows(stdout: string): string[][] {
  return stdout
    .trimEnd()
    .split('\n')
    .slice(2)
    .map((line) => line.split(/\s{2,}/));
}
