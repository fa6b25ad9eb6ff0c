/**
 * Start-up and discovery: `createOrion` on a database whose migrations are applied, and
 * `discoverModules` over a generated app whose node_modules holds 200 packages.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createOrion, discoverModules } from '@orion/core';
import { benchModules } from './bench-modules.js';
import { cacheDir, benchRoot } from './dataset.js';
import { quietLogger } from './generate.js';
import { percentile } from './random.js';

export interface TimingSummary {
  runs: number;
  first: number;
  p50: number;
  p99: number;
}

function summary(times: number[], first: number): TimingSummary {
  return { runs: times.length, first, p50: percentile(times, 50), p99: percentile(times, 99) };
}

/**
 * `createOrion` with {@link benchModules} (the six optional modules; the host adds tenancy) on `url`
 * (migrations already applied) until it resolves; then closed (not timed).
 */
export async function measureStartup(url: string, runs: number): Promise<TimingSummary> {
  const times: number[] = [];
  let first = 0;
  for (let i = 0; i < runs + 1; i++) {
    const started = performance.now();
    const orion = await createOrion({ modules: benchModules, database: url, logger: quietLogger });
    const elapsed = performance.now() - started;
    await orion.close();
    if (i === 0) first = elapsed;
    else times.push(elapsed);
  }
  return summary(times, first);
}

/** The workspace's module packages linked into the app: real Orion modules among the plain packages. */
const orionPackages = ['core', 'tenancy', 'customers', 'cms', 'orders', 'catalog', 'inventory', 'marketplace'];
export const discoveryPackageCount = 200;

/**
 * Writes (once per list of Orion packages) `bench/.cache/discovery-app`: a package.json depending on
 * 200 packages, plain ones written as real package.json files (some scoped, some depending on others)
 * and links to this workspace's `@orion/*` packages (the host and all seven modules), as pnpm would link them.
 */
export function writeDiscoveryApp(root = join(cacheDir, 'discovery-app')): string {
  const marker = join(root, '.complete');
  const contents = orionPackages.join(',');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === contents) return root;
  rmSync(root, { recursive: true, force: true });
  const plain = discoveryPackageCount - orionPackages.length;
  const names: string[] = [];
  for (let i = 0; i < plain; i++) {
    const name = i % 5 === 0 ? `@vendor${i % 7}/lib-${i}` : `bench-lib-${i}`;
    names.push(name);
  }
  const dependencies: Record<string, string> = {};
  names.forEach((name, i) => {
    dependencies[name] = '^1.0.0';
    const dir = join(root, 'node_modules', name);
    mkdirSync(dir, { recursive: true });
    const deps = i + 1 < names.length && i % 3 === 0 ? { [names[i + 1]!]: '^1.0.0' } : {};
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name, version: '1.0.0', type: 'module', main: './index.js', dependencies: deps }, null, 2),
    );
    writeFileSync(join(dir, 'index.js'), 'export default {};\n');
  });
  for (const code of orionPackages) {
    const name = `@orion/${code}`;
    dependencies[name] = 'workspace:^';
    const link = join(root, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(benchRoot, '..', 'packages', code), link, 'dir');
  }
  writeFileSync(
    join(root, 'package.json'),
    JSON.stringify({ name: 'bench-discovery-app', private: true, type: 'module', dependencies }, null, 2),
  );
  writeFileSync(marker, contents);
  return root;
}

/** `discoverModules` over the app; the first run also imports the module entries (cached after). */
export async function measureDiscovery(runs: number): Promise<TimingSummary & { packages: number; modules: string[] }> {
  const cwd = writeDiscoveryApp();
  const times: number[] = [];
  let first = 0;
  let modules: string[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const started = performance.now();
    const result = await discoverModules({ cwd });
    const elapsed = performance.now() - started;
    modules = result.modules.map((module) => module.definition.code);
    if (i === 0) first = elapsed;
    else times.push(elapsed);
  }
  return { ...summary(times, first), packages: discoveryPackageCount, modules };
}
