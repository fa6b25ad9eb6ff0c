import { afterEach, describe, expect, it } from 'vitest';
import { moduleEntry } from '../../../../test/support/package-fixtures.js';
import { runCli } from '../../src/cli/run-cli.js';
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

  it('fails for two modules that provide the same service, with ORION_ERR_SERVICE_PROVIDER_DUPLICATE', async () => {
    const provider = (name: string, code: string) =>
      sourceModule(
        name,
        `import { defineModule, provideService, createServiceRef } from '@orion/contracts';
const notesRef = createServiceRef({ id: 'notes.store' });
export default defineModule({ code: '${code}', name: '${code}', version: '1.0.0', provides: [provideService(notesRef, () => ({}))] });
`,
      );
    const app = cliApp(cleanups, [provider('fixture-notes', 'notes'), provider('fixture-other-notes', 'other-notes')]);
    // in process (the command's source), so it runs without a build
    const result = { code: -1, stdout: '', stderr: '' };
    result.code = await runCli(['check'], {
      cwd: app,
      env: {},
      stdout: { write: (chunk: string) => (result.stdout += chunk) },
      stderr: { write: (chunk: string) => (result.stderr += chunk) },
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^services: Service "notes\.store" is provided by module "notes" and by module "other-notes": .*\(ORION_ERR_SERVICE_PROVIDER_DUPLICATE\)$/m,
    );
    expect(result.stdout).toMatch(/: 1 problem\(s\)\.\n$/);
  });

  it('warns, without failing, about an internal module that declares store or storefront routes or menu items', async () => {
    const audit = sourceModule(
      'fixture-audit',
      `import { defineModule } from '@orion/contracts';
export default defineModule({
  code: 'audit', name: 'Audit', version: '1.0.0', isInternal: true,
  routes: { store: [{ method: 'GET', path: '/entries', handler: () => [] }], admin: [{ method: 'GET', path: '/', handler: () => [] }] },
  menuItems: [{ id: 'audit.home', frontend: 'admin', label: 'Audit', path: '/audit' }, { id: 'audit.shop', frontend: 'storefront', label: 'Audit', path: '/audit' }],
});
`,
    );
    const app = cliApp(cleanups, [alphaModule, audit]);
    // in process (the command's source), so it runs without a build
    const result = { code: -1, stdout: '', stderr: '' };
    result.code = await runCli(['check'], {
      cwd: app,
      env: {},
      stdout: { write: (chunk: string) => (result.stdout += chunk) },
      stderr: { write: (chunk: string) => (result.stderr += chunk) },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Checked 3 module package\(s\), \d+ file\(s\): no problems\.\n$/);
    expect(result.stderr).toBe(
      'warning: Internal module "audit" declares store route GET /entries, storefront menu item "audit.shop"; ' +
        'internal modules are admin-only, so the host does not serve them. Move them to the admin frontend, ' +
        'or make the module optional.\n',
    );
  });
});
