import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { installIsolated, writePackage } from '../../../../test/support/package-fixtures.js';
import { alphaModule, cliApp, orion } from './cli-app.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

describe('orion doctor', () => {
  it('finds no problem in an app linked to the workspace packages', async () => {
    const app = cliApp(cleanups, [alphaModule]);
    const result = await orion(app, ['doctor']);
    // @orion/core, @orion/contracts, @orion/tenancy and the module package fixture-alpha, each
    // once however many links lead to it
    expect(result).toEqual({
      code: 0,
      stdout: 'Looked at 4 installed Orion package folder(s): no problems.\n',
      stderr: '',
    });
  });

  it('reports copies in the hoisted, .pnpm and nested layouts, a range that does not fit, and a skipped package', async () => {
    const widget = (version: string) => ({ name: '@orion/widget', version });
    const app = cliApp(
      cleanups,
      [
        widget('1.0.0'),
        { name: '@orion/gadget', dependencies: { '@orion/widget': '^2.0.0' } },
        { name: '@orion/gizmo', dependencies: { '@orion/widget': '^3.0.0' } },
      ],
      { '@orion/catalog': '^0.1.0' },
    );
    installIsolated(app, [widget('2.0.0')], []);
    writePackage(join(app, 'node_modules', '@orion', 'gizmo', 'node_modules', '@orion', 'widget'), widget('3.0.0'));

    const result = await orion(app, ['doctor']);
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    const at = (path: string) => join(app, 'node_modules', path);
    expect(lines).toEqual([
      `duplicate: @orion/widget is installed 3 times: 1.0.0 at ${at('@orion/widget')}, ` +
        `2.0.0 at ${at('.pnpm/@orion+widget@2.0.0/node_modules/@orion/widget')}, ` +
        `3.0.0 at ${at('@orion/gizmo/node_modules/@orion/widget')}`,
      // gizmo loads its own nested 3.0.0, which fits; gadget loads the hoisted 1.0.0, which does not
      `range: @orion/gadget@1.0.0 (${at('@orion/gadget')}) declares @orion/widget@^2.0.0 in dependencies, ` +
        `but 1.0.0 is installed (${at('@orion/widget')})`,
      `skipped: @orion/catalog (not-installed, required by fixture-app): listed by fixture-app but not found from ${app}`,
      'Looked at 8 installed Orion package folder(s): 3 problem(s).',
    ]);
  });
});
