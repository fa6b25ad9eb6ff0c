/**
 * The CLI tests' app: a temporary folder whose package.json depends on @orion/core (linked to this
 * workspace's build) and on fixture module packages written to disk, and `orion(...)`, which runs
 * the BUILT binary there as a user would.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  fixtureApp,
  installHoisted,
  linkPackage,
  packagePath,
  type FixturePackage,
} from '../../../../test/support/package-fixtures.js';

const run = promisify(execFile);
export const binPath = join(packagePath('core'), 'dist', 'cli', 'bin.js');

/** What one run of the binary printed, and its exit status. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node dist/cli/bin.js ...args` in `cwd`. The environment is cleaned of `DATABASE_URL`
 * (pass it in `env` to test it) so the runner's own never leaks in.
 */
export async function orion(cwd: string, args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  try {
    const { stdout, stderr } = await run(process.execPath, [binPath, ...args], { cwd, env: { ...inherited, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/**
 * An app depending on @orion/core and on `packages` (installed in npm's hoisted layout), plus
 * `extraDependencies` listed but not necessarily installed.
 */
export function cliApp(
  cleanups: (() => void)[],
  packages: FixturePackage[] = [],
  extraDependencies: Record<string, string> = {},
): string {
  const dependencies = Object.fromEntries(packages.map((pkg) => [pkg.name, pkg.version ?? '1.0.0']));
  const root = fixtureApp({ '@orion/core': '^0.1.0', ...dependencies, ...extraDependencies }, cleanups);
  linkPackage(root, '@orion/core', packagePath('core'));
  installHoisted(root, packages);
  return root;
}

/**
 * Makes the zod that @orion/contracts uses resolvable from everything under `root`, for fixture
 * modules that declare a config schema (`import { z } from 'zod'`).
 */
export function linkZod(root: string): void {
  linkPackage(root, 'zod', join(packagePath('contracts'), 'node_modules', 'zod'));
}

/** A module package whose `index.js` is `source` (which may import `@orion/contracts`), plus `files`. */
export function sourceModule(
  name: string,
  source: string,
  files: Record<string, string> = {},
  version = '1.0.0',
): FixturePackage {
  return { name, version, orion: { module: './index.js' }, files: { 'index.js': source, ...files } };
}

/**
 * Three optional fixture modules: `alpha` (a migration, a table, and metrics read from it),
 * `beta` (requires alpha) and `gamma` (its onEnable hook and its metrics provider fail).
 */
export const alphaModule = sourceModule(
  'fixture-alpha',
  `import { defineModule } from '@orion/contracts';
export default defineModule({
  code: 'alpha',
  name: 'Alpha',
  version: '1.2.0',
  migrations: {
    alpha_001_create_notes: {
      up: (db) => db.schema.createTable('alpha_notes').addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('store_id', 'integer', (c) => c.notNull()).execute(),
    },
  },
  metricsProvider: () => ({
    metricsCategory: 'alpha',
    async getStoreMetrics(db, storeId, context) {
      const row = await db.selectFrom('alpha_notes').select((eb) => eb.fn.countAll().as('n')).where('store_id', '=', storeId).executeTakeFirst();
      return [
        { key: 'alpha.notes', value: Number(row.n), label: 'Alpha notes', category: 'alpha' },
        { key: 'alpha.sales.EUR', value: 1234.5, label: 'Alpha sales (EUR)', category: 'alpha', unit: 'EUR',
          ...(context.includeTrends ? { trend: 'up', trendValue: 12.5 } : {}) },
      ];
    },
    async getPlatformMetrics(db) {
      const row = await db.selectFrom('alpha_notes').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
      return [{ key: 'alpha.all_notes', value: Number(row.n), label: 'All alpha notes', category: 'alpha', unit: '%' }];
    },
  }),
});
`,
  {},
  '1.2.3',
);

export const betaModule = sourceModule(
  'fixture-beta',
  `import { defineModule } from '@orion/contracts';
export default defineModule({ code: 'beta', name: 'Beta', version: '2.0.0', requires: ['alpha'] });
`,
);

export const gammaModule = sourceModule(
  'fixture-gamma',
  `import { defineModule } from '@orion/contracts';
export default defineModule({
  code: 'gamma',
  name: 'Gamma',
  version: '1.0.0',
  onEnable: () => { throw new Error('gamma setup failed'); },
  metricsProvider: () => ({
    metricsCategory: 'gamma',
    getStoreMetrics: () => { throw new Error('gamma is down'); },
    getPlatformMetrics: () => { throw new Error('gamma is down'); },
  }),
});
`,
);
