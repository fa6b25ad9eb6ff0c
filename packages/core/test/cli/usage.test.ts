import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { packagePath } from '../../../../test/support/package-fixtures.js';
import { alphaModule, cliApp, orion } from './cli-app.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

describe('orion: usage errors, help and global options', () => {
  it.each([
    [['frobnicate'], "error: unknown command 'frobnicate'"],
    [['stats'], "error: required option '--platform <id>' not specified"],
    [['enable', 'alpha'], "error: required option '--platform <id>' not specified"],
    [['disable', '--platform', '1'], "error: missing required argument 'code'"],
    [
      ['modules', '--platform', 'abc'],
      "error: option '--platform <id>' argument 'abc' is invalid. Expected a positive integer id.",
    ],
    [['modules', '--bogus'], "error: unknown option '--bogus'"],
  ])('%j is a usage error: exit status 2, one line on stderr, no stack', async (args, line) => {
    const app = cliApp(cleanups);
    const result = await orion(app, args);
    expect(result).toEqual({ code: 2, stdout: '', stderr: `${line}\n` });
  });

  it.each(['0x10', '1e3', ' 12', '12 ', '12.0', '0', '012', '+12', '2147483648', '1234567890123456', ''])(
    'an id that is not plain decimal digits (%j) is a usage error, as on every route (issue 15)',
    async (id) => {
      const app = cliApp(cleanups);
      const result = await orion(app, ['modules', '--platform', id]);
      expect(result).toEqual({
        code: 2,
        stdout: '',
        stderr: `error: option '--platform <id>' argument '${id}' is invalid. Expected a positive integer id.\n`,
      });
    },
  );

  it.each([
    ['modules', '--platform <id>'],
    ['migrate', '--dry-run'],
    ['enable', '--platform <id>'],
    ['disable', '--dry-run'],
    ['config', '--set <key=value>'],
    ['stats', '--trends'],
    ['check', 'import rules'],
    ['doctor', 'duplicate copies'],
  ])('orion %s --help describes the command and its options, with the global ones', async (command, mentions) => {
    const app = cliApp(cleanups);
    const result = await orion(app, [command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Usage: orion ${command} `));
    expect(result.stdout).toContain(mentions);
    expect(result.stdout).toContain('--database <url>');
    expect(result.stderr).toBe('');
  });

  it('--version prints the version of @orion/core', async () => {
    const app = cliApp(cleanups);
    const { version } = JSON.parse(readFileSync(join(packagePath('core'), 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(await orion(app, ['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('an error is one line with its code; --verbose adds the stack', async () => {
    const app = cliApp(cleanups);
    const quiet = await orion(app, ['modules', '--platform', '1', '--database', 'mysql://db/shop']);
    expect(quiet.code).toBe(1);
    expect(quiet.stderr).toBe(
      'error: Unsupported database option "mysql://db/shop": use "sqlite:<file>", "sqlite::memory:", a postgres:// URL or a Kysely instance. (ORION_ERR_DATABASE_INVALID)\n',
    );
    const verbose = await orion(app, ['modules', '--platform', '1', '--database', 'mysql://db/shop', '--verbose']);
    expect(verbose.code).toBe(1);
    expect(verbose.stderr.split('\n')[0]).toBe(quiet.stderr.trimEnd());
    expect(verbose.stderr).toMatch(/\n\s+at /);
  });

  it('without --database or DATABASE_URL the database is sqlite:orion.db in the app folder given by --cwd', async () => {
    const app = cliApp(cleanups, [alphaModule]);
    const from = dirname(app);
    const result = await orion(from, ['--cwd', relative(from, app), 'migrate']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^alpha\s+alpha_001_create_notes\s+Success$/m);
    expect(existsSync(join(app, 'orion.db'))).toBe(true);
    expect(existsSync(join(from, 'orion.db'))).toBe(false);
  });
});
