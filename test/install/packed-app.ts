/**
 * Real apps outside the workspace, installed from the packages' packed tarballs with npm or pnpm,
 * exactly as a user installs them from the registry (only the `@orion/*` tarballs are local; every
 * other dependency comes from the registry).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { workspaceRoot } from '../support/package-fixtures.js';

const run = promisify(execFile);
export const pnpmBin = join(workspaceRoot, 'node_modules', '.bin', 'pnpm');
const npmBin = 'npm';

/** A clean environment: nothing from the workspace's own pnpm run leaks into the app's. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'USER', 'SHELL'];
  return {
    ...Object.fromEntries(keep.filter((key) => process.env[key] !== undefined).map((key) => [key, process.env[key]!])),
    CI: 'true',
    ...extra,
  };
}

/**
 * Packs every publishable package with `pnpm pack` (which rewrites `workspace:` ranges) into `dir`;
 * the tarballs by package name (`@orion/core`, `create-orion-module`, …), read from each package.json.
 * `only` limits it to the packages a test installs.
 */
export async function packPackages(dir: string, only?: readonly string[]): Promise<Record<string, string>> {
  const tarballs: Record<string, string> = {};
  for (const folder of readdirSync(join(workspaceRoot, 'packages'))) {
    const cwd = join(workspaceRoot, 'packages', folder);
    const { name } = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')) as { name: string };
    if (only && !only.includes(name)) continue;
    const { stdout } = await run(pnpmBin, ['pack', '--pack-destination', dir], { cwd, env: cleanEnv() });
    const file = stdout.trim().split('\n').pop()!.trim();
    tarballs[name] = file.startsWith('/') ? file : join(dir, file);
  }
  return tarballs;
}

/**
 * Offers the workspace's compiled better-sqlite3 as a local prebuild in `dir`, under the name
 * prebuild-install looks for (`better-sqlite3-v<version>-node-v<abi>-<platform>-<arch>.tar.gz`), and
 * returns the environment that points installs at it. Without it every install compiles the
 * driver (minutes on two cores), since GitHub, where its prebuilds live, is not reachable from CI.
 * An install that resolves another version of better-sqlite3 does not find it and compiles, as a
 * user's would.
 */
export async function seedBetterSqlitePrebuild(dir: string): Promise<Record<string, string>> {
  mkdirSync(dir, { recursive: true });
  const require = createRequire(join(workspaceRoot, 'packages', 'core', 'package.json'));
  const root = dirname(require.resolve('better-sqlite3/package.json'));
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  if (existsSync(join(root, 'build', 'Release', 'better_sqlite3.node'))) {
    const file = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
    await run('tar', ['czf', join(dir, file), 'build/Release/better_sqlite3.node'], { cwd: root });
  }
  return { npm_config_better_sqlite3_local_prebuilds: dir };
}

export type PackageManager = 'npm' | 'pnpm';

/** An app folder whose package.json depends on the given `@orion/*` packages by tarball. */
export class PackedApp {
  constructor(
    readonly dir: string,
    readonly manager: PackageManager,
    readonly tarballs: Record<string, string>,
    /** More environment for the installs (see {@link seedBetterSqlitePrebuild}). */
    readonly installEnv: Record<string, string> = {},
  ) {}

  /**
   * Writes package.json with `dependencies` and installs; every `@orion/*` resolves to its tarball,
   * everything else (`fastify`, say) comes from the registry.
   */
  async install(packages: string[], registryPackages: Record<string, string> = {}): Promise<void> {
    const spec = (name: string) => `file:${this.tarballs[name]}`;
    const overrides = Object.fromEntries(
      Object.keys(this.tarballs)
        .filter((name) => name.startsWith('@orion/'))
        .map((name) => [name, spec(name)]),
    );
    // pnpm installs a module's missing peers (@orion/contracts, @orion/tenancy) from the registry,
    // where these unpublished versions are not, and its overrides do not reach auto-installed peers;
    // so the pnpm app names them itself, as the peers pnpm would have added.
    const peers = this.manager === 'pnpm' ? ['@orion/contracts', '@orion/tenancy'] : [];
    const manifest = {
      name: 'packed-app',
      private: true,
      type: 'module',
      dependencies: {
        ...Object.fromEntries([...peers, ...packages].map((name) => [name, spec(name)])),
        ...registryPackages,
      },
      ...(this.manager === 'npm' ? { overrides } : { pnpm: { overrides, onlyBuiltDependencies: ['better-sqlite3'] } }),
    };
    writeFileSync(join(this.dir, 'package.json'), JSON.stringify(manifest, null, 2));
    const args =
      this.manager === 'npm'
        ? [npmBin, ['install', '--no-audit', '--no-fund', '--loglevel=error']]
        : [pnpmBin, ['install', '--no-frozen-lockfile', '--reporter=append-only', '--config.node-linker=isolated']];
    try {
      await run(args[0] as string, args[1] as string[], {
        cwd: this.dir,
        env: cleanEnv(this.installEnv),
        maxBuffer: 64 * 1024 * 1024,
      });
    } catch (error) {
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
      throw new Error(`${this.manager} install failed:\n${stdout.slice(-4000)}\n${stderr.slice(-4000)}`, {
        cause: error,
      });
    }
  }

  /** Runs `script` (a file in the app folder) with Node; resolves with stdout, or rejects with the failure. */
  async node(script: string, env: Record<string, string>): Promise<string> {
    const { stdout } = await run(process.execPath, ['--no-warnings', script], { cwd: this.dir, env: cleanEnv(env) });
    return stdout;
  }
}
