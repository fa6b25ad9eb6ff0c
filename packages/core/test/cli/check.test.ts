import { afterEach, describe, expect, it } from 'vitest';
import { moduleEntry } from '../../../../test/support/package-fixtures.js';
import { alphaModule, betaModule, cliApp, gammaModule, orion, sourceModule } from './cli-app.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

/** beta with a second file importing a core module's package, a library and a builtin: all allowed. */
const betaWithAllowedImports = {
  ...betaModule,
  files: {
    ...betaModule.files,
    'lib/extra.js': `import { tenancyModule } from '@orion/tenancy';\nimport { readFileSync } from 'node:fs';\nexport { defineModule } from '@orion/contracts';\nexport const load = (name) => import(name);\n`,
  },
};

describe('orion check', () => {
  it('passes on an app whose modules follow the graph and import rules', async () => {
    const app = cliApp(cleanups, [alphaModule, betaWithAllowedImports, gammaModule]);
    const result = await orion(app, ['check']);
    expect(result.stdout).toMatch(/^Checked 4 module package\(s\), \d+ file\(s\): no problems\.\n$/);
    expect(result).toMatchObject({ code: 0, stderr: '' });
  });

  it('fails for an optional module importing another (dynamic import too) and a core module importing an optional one', async () => {
    const beta = {
      ...betaModule,
      files: { ...betaModule.files, 'lib/extra.js': `export const loadAlpha = () => import('fixture-alpha');\n` },
    };
    const kernel = sourceModule(
      'fixture-kernel',
      `import 'fixture-alpha/index.js';\n${moduleEntry({ code: 'kernel', isCore: true })}`,
    );
    const app = cliApp(cleanups, [alphaModule, beta, kernel]);
    const result = await orion(app, ['check']);
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.filter((line) => line.startsWith('import rule: '))).toEqual([
      'import rule: fixture-beta (optional module "beta") imports fixture-alpha (optional module "alpha") in ' +
        'node_modules/fixture-beta/lib/extra.js: an optional module must not import another optional module; ' +
        'declare `requires` and use a service reference instead',
      'import rule: fixture-kernel (core module "kernel") imports fixture-alpha (optional module "alpha") in ' +
        'node_modules/fixture-kernel/index.js: a core module must not import an optional module',
    ]);
    expect(lines.at(-1)).toMatch(/^Checked 4 module package\(s\), \d+ file\(s\): 2 problem\(s\)\.$/);
  });

  it('fails for a module whose requirement is not installed, with the coded graph error', async () => {
    const needy = sourceModule('fixture-needy', moduleEntry({ code: 'needy', requires: ['ghost'] }));
    const app = cliApp(cleanups, [alphaModule, needy]);
    const result = await orion(app, ['check']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^module graph: Module "needy" requires module "ghost", which is not installed\. .*\(ORION_ERR_MODULE_REQUIREMENT_MISSING\)$/m,
    );
    expect(result.stdout).toMatch(/: 1 problem\(s\)\.\n$/);
  });
});
