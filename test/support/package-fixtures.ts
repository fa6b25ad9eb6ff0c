/**
 * Writes real package layouts to temporary folders for discovery and install tests: an app's
 * package.json, packages in npm's hoisted layout or pnpm's isolated one (`.pnpm` store plus
 * symlinks), and links to this workspace's built packages.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const workspaceRoot = fileURLToPath(new URL('../..', import.meta.url));

/** A workspace package's folder, such as `packagePath('contracts')`. */
export function packagePath(name: string): string {
  return join(workspaceRoot, 'packages', name);
}

export interface FixturePackage {
  name: string;
  version?: string;
  dependencies?: Record<string, string>;
  orion?: unknown;
  exports?: unknown;
  /** Files relative to the package folder, with their content. */
  files?: Record<string, string>;
  /** Raw package.json text, to write a malformed manifest. */
  rawManifest?: string;
}

/** A temporary folder removed by `remove()`. */
export function tempDir(prefix = 'orion-fixture-'): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Writes a package's package.json and files into `dir`. */
export function writePackage(dir: string, pkg: FixturePackage): string {
  mkdirSync(dir, { recursive: true });
  const manifest = {
    name: pkg.name,
    version: pkg.version ?? '1.0.0',
    type: 'module',
    ...(pkg.exports === undefined ? {} : { exports: pkg.exports }),
    ...(pkg.dependencies ? { dependencies: pkg.dependencies } : {}),
    ...(pkg.orion === undefined ? {} : { orion: pkg.orion }),
  };
  writeFileSync(join(dir, 'package.json'), pkg.rawManifest ?? JSON.stringify(manifest, null, 2));
  for (const [file, content] of Object.entries(pkg.files ?? {})) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), content);
  }
  return dir;
}

/** Writes the app's package.json. */
export function writeApp(root: string, dependencies: Record<string, string>): void {
  writePackage(root, { name: 'fixture-app', dependencies });
}

/** Links `node_modules/<name>` under `fromDir` to `target` (a workspace link, or pnpm's symlink). */
export function linkPackage(fromDir: string, name: string, target: string): void {
  const link = join(fromDir, 'node_modules', name);
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync(target, link, 'dir');
}

/** npm's hoisted layout: every package directly under `<root>/node_modules`. */
export function installHoisted(root: string, packages: FixturePackage[]): void {
  for (const pkg of packages) writePackage(join(root, 'node_modules', pkg.name), pkg);
}

/**
 * pnpm's isolated layout: each package in `node_modules/.pnpm/<name>@<version>/node_modules/<name>`,
 * its dependencies as sibling symlinks there, and only the app's direct dependencies linked at the top.
 */
export function installIsolated(root: string, packages: FixturePackage[], direct: string[]): void {
  const storeDir = (pkg: FixturePackage) =>
    join(root, 'node_modules', '.pnpm', `${pkg.name.replace('/', '+')}@${pkg.version ?? '1.0.0'}`, 'node_modules');
  const byName = new Map(packages.map((pkg) => [pkg.name, pkg]));
  for (const pkg of packages) {
    writePackage(join(storeDir(pkg), pkg.name), pkg);
    for (const dependency of Object.keys(pkg.dependencies ?? {})) {
      const target = byName.get(dependency);
      if (target) linkPackage(join(storeDir(pkg), '..'), dependency, join(storeDir(target), target.name));
    }
  }
  for (const name of direct) {
    const pkg = byName.get(name)!;
    linkPackage(root, name, join(storeDir(pkg), pkg.name));
  }
}

/** Source of a module entry that calls `defineModule` from `@orion/contracts` (link it with {@link linkContracts}). */
export function moduleEntry(definition: {
  code: string;
  version?: string;
  requires?: string[];
  isCore?: boolean;
  isInternal?: boolean;
  exportName?: string;
}): string {
  const { exportName = 'default', ...rest } = definition;
  const body = `defineModule(${JSON.stringify({ name: rest.code, version: '1.0.0', ...rest })})`;
  const statement = exportName === 'default' ? `export default ${body};` : `export const ${exportName} = ${body};`;
  return `import { defineModule } from '@orion/contracts';\n${statement}\n`;
}

/** Makes this workspace's built `@orion/contracts` resolvable from everything under `root`. */
export function linkContracts(root: string): void {
  linkPackage(root, '@orion/contracts', packagePath('contracts'));
}

/** A module package whose entry is `./index.js`. */
export function modulePackage(
  name: string,
  definition: Parameters<typeof moduleEntry>[0],
  extra: Partial<FixturePackage> = {},
): FixturePackage {
  const exportName = definition.exportName;
  return {
    name,
    orion: { module: './index.js', ...(exportName ? { export: exportName } : {}) },
    files: { 'index.js': moduleEntry(definition) },
    ...extra,
  };
}

/**
 * A temporary app folder with a package.json naming `dependencies` and this workspace's
 * `@orion/contracts` linked in; `cleanups` receives the function that removes it.
 */
export function fixtureApp(dependencies: Record<string, string>, cleanups: (() => void)[]): string {
  const dir = tempDir();
  cleanups.push(() => dir.remove());
  writeApp(dir.path, dependencies);
  linkContracts(dir.path);
  return dir.path;
}
