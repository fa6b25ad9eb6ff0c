import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../../../../test/support/databases.js';
import { recordingLogger } from '../../../../test/support/orion-host.js';
import { createOrion, TenancyService } from '../../src/index.js';
import { alphaModule, cliApp, linkZod, orion, sourceModule } from './cli-app.js';

/** A module whose config schema coerces strings, as environment variables arrive. */
const settingsModule = sourceModule(
  'fixture-settings',
  `import { defineModule } from '@orion/contracts';
import { z } from 'zod';
export default defineModule({
  code: 'settings',
  name: 'Settings',
  version: '1.0.0',
  config: {
    schema: z.object({
      pageSize: z.coerce.number().int().min(1).max(100).default(20),
      title: z.string().min(1).default('Shop'),
      notes: z.string().optional(),
    }),
    envPrefix: 'SETTINGS_',
  },
});
`,
);

interface ConfigJson {
  platformId: number;
  code: string;
  config: Record<string, unknown>;
  overrides: Record<string, unknown>;
  dryRun?: boolean;
  changed?: string[];
}

describeEachDatabase('orion config', (dialect) => {
  const cleanups: (() => void)[] = [];
  let app: string;
  let database: TestDatabase;
  let one: number;
  let two: number;
  const cli = (args: string[], env: Record<string, string> = {}) =>
    orion(app, [...args, '--database', database.url], env);
  const config = (platform: number, ...args: string[]) =>
    cli(['config', 'settings', '--platform', String(platform), ...args]);
  /** What a fresh process reads from the database. */
  const stored = async (platform: number): Promise<ConfigJson> => {
    const result = await config(platform, '--json');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    return JSON.parse(result.stdout) as ConfigJson;
  };

  beforeAll(async () => {
    app = cliApp(cleanups, [alphaModule, settingsModule]);
    linkZod(app);
    database = await createTestDatabase(dialect);
    const host = await createOrion({ cwd: app, database: database.url, logger: recordingLogger() });
    const tenancy = new TenancyService(host.db);
    one = (await tenancy.createPlatform({ code: 'one', name: 'One' })).id;
    two = (await tenancy.createPlatform({ code: 'two', name: 'Two' })).id;
    await host.close();
  });
  afterAll(async () => {
    cleanups.splice(0).forEach((cleanup) => cleanup());
    await database?.drop();
  });

  it('prints the effective configuration and where each key comes from', async () => {
    const shown = await config(one);
    expect(shown).toEqual({
      code: 0,
      stdout: 'key       value   source\npageSize  20      default\ntitle     "Shop"  default\n',
      stderr: '',
    });
    const fromEnv = await cli(['config', 'settings', '--platform', String(one)], { SETTINGS_PAGE_SIZE: '30' });
    expect(fromEnv.stdout).toMatch(/^pageSize {2}30 {6}environment \(SETTINGS_PAGE_SIZE\)$/m);
    expect((await cli(['config', 'alpha', '--platform', String(one)])).stdout).toBe(
      `"alpha" has no configuration on platform ${one}.\n`,
    );
  });

  it('--set coerces the strings with the module’s schema and stores them on that platform only; --dry-run changes nothing', async () => {
    const dryRun = await config(one, '--set', 'pageSize=50', '--set', 'title=Big shop', '--dry-run');
    expect(dryRun).toEqual({
      code: 0,
      stdout:
        `Dry run: the configuration of "settings" on platform ${one} would change 2 setting(s); nothing was changed.\n` +
        '  would set pageSize: 20 -> 50\n  would set title: "Shop" -> "Big shop"\n',
      stderr: '',
    });
    expect((await stored(one)).overrides).toEqual({});

    const set = await config(one, '--set', 'pageSize=50', '--set', 'title=Big shop');
    expect(set).toEqual({
      code: 0,
      stdout:
        `Changed 2 setting(s) of "settings" on platform ${one}:\n` +
        '  set pageSize: 20 -> 50\n  set title: "Shop" -> "Big shop"\n',
      stderr: '',
    });
    // stored as the schema reads it: a number, not the string "50"
    expect(await stored(one)).toEqual({
      platformId: one,
      code: 'settings',
      config: { pageSize: 50, title: 'Big shop' },
      overrides: { pageSize: 50, title: 'Big shop' },
    });
    expect((await stored(two)).overrides).toEqual({});
    expect((await config(one)).stdout).toBe(
      'key       value       source\npageSize  50          platform override\ntitle     "Big shop"  platform override\n',
    );
    expect((await config(one, '--set', 'pageSize=50')).stdout).toBe(
      `Nothing to change: the overrides of "settings" on platform ${one} already say so.\n`,
    );
  });

  it('--unset removes an override, back to the default; --json prints the result', async () => {
    const unset = await config(one, '--unset', 'pageSize', '--set', 'notes=hello', '--json');
    expect(unset.code).toBe(0);
    expect(JSON.parse(unset.stdout)).toEqual({
      platformId: one,
      code: 'settings',
      dryRun: false,
      changed: ['notes', 'pageSize'],
      config: { pageSize: 20, title: 'Big shop', notes: 'hello' },
      overrides: { title: 'Big shop', notes: 'hello' },
    });
    expect((await stored(one)).overrides).toEqual({ title: 'Big shop', notes: 'hello' });
    expect((await config(one, '--unset', 'pageSize')).stdout).toBe(
      `Nothing to change: the overrides of "settings" on platform ${one} already say so.\n`,
    );
  });

  it.each([
    [
      ['--set', 'pageSize=0'],
      /^error: Configuration of module "settings" is invalid: platform override "pageSize": .*\(ORION_ERR_CONFIG_INVALID\)\n$/,
    ],
    [
      ['--set', 'pageSize=many'],
      /^error: Configuration of module "settings" is invalid: platform override "pageSize": .*\(ORION_ERR_CONFIG_INVALID\)\n$/,
    ],
    [
      ['--set', 'pageSize=30', '--set', 'colour=red'],
      /^error: Configuration of module "settings" is invalid: platform override "colour": not a setting of the module \(its settings: pageSize, title, notes\)\. \(ORION_ERR_CONFIG_INVALID\)\n$/,
    ],
  ])('%j is refused with one coded line, exit status 1, and nothing stored', async (args, line) => {
    const before = await stored(one);
    const result = await config(one, ...args);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(line);
    expect(await stored(one)).toEqual(before);
  });

  it.each([
    [
      ['config', 'alpha', '--platform', '1', '--set', 'x=1'],
      /^error: Configuration of module "alpha" is invalid: .*it has none.*\(ORION_ERR_CONFIG_INVALID\)\n$/,
    ],
    [
      ['config', 'nope', '--platform', '1'],
      /^error: Module "nope" is not installed\. \(ORION_ERR_MODULE_NOT_INSTALLED\)\n$/,
    ],
    [
      ['config', 'settings', '--platform', '999'],
      /^error: Platform 999 does not exist\. \(ORION_ERR_PLATFORM_NOT_FOUND\)\n$/,
    ],
  ])('%j fails with one coded line', async (args, line) => {
    const result = await cli(args);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toMatch(line);
  });

  it.each([
    [['--set', 'pageSize'], "error: option '--set <key=value>' argument 'pageSize' is invalid."],
    [['--set', 'pageSize='], "error: option '--set <key=value>' argument 'pageSize=' is invalid."],
    [['--set', 'title=x', '--unset', 'title'], 'error: "title" is both set and unset; give one of them.'],
  ])('%j is a usage error: exit status 2', async (args, start) => {
    const result = await config(one, ...args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.startsWith(start)).toBe(true);
    expect(result.stderr.split('\n')).toHaveLength(2);
  });
});
