import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { alphaModule, cliApp, sourceModule } from './cli-app.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

const importerModule = sourceModule(
  'fixture-importer',
  `import { defineModule } from '@orion/contracts';
export default defineModule({ code: 'importer', name: 'Importer', version: '1.0.0', features: ['bulk-import', 'orders.bulk-export'] });
`,
);

/** Runs `orion ...args` in process and returns what it wrote. */
async function run(app: string, args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    cwd: app,
    env: {},
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
  });
  return { code, stdout, stderr };
}

describe('orion modules shows features', () => {
  it('in a column when some module declares one, and always in --json', async () => {
    const app = cliApp(cleanups, [alphaModule, importerModule]);
    const table = await run(app, ['modules']);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n').slice(0, 4)).toEqual([
      'code      tier      version  package                 requires  features',
      'tenancy   core      0.1.0    @orion/tenancy@0.1.0    -         -',
      'alpha     optional  1.2.0    fixture-alpha@1.2.3     -         -',
      'importer  optional  1.0.0    fixture-importer@1.0.0  -         bulk-import, orders.bulk-export',
    ]);
    const json = JSON.parse((await run(app, ['modules', '--json'])).stdout) as {
      modules: { code: string; features: string[] }[];
    };
    expect(json.modules.map(({ code, features }) => [code, features])).toEqual([
      ['tenancy', []],
      ['alpha', []],
      ['importer', ['bulk-import', 'orders.bulk-export']],
    ]);
  });

  it('without a column when no module declares one', async () => {
    const app = cliApp(cleanups, [alphaModule]);
    const table = await run(app, ['modules']);
    expect(table.stdout.split('\n')[0]).toBe('code     tier      version  package               requires');
  });
});
