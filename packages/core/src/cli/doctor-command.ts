import { join } from 'node:path';
import { isOrionError } from '@orion/contracts';
import type { Command } from 'commander';
import semver from 'semver';
import type { DiscoveryResult } from '../discovery/discover-modules.js';
import { locatePackage } from '../discovery/package-locator.js';
import { findInstalledCopies, readManifest, type InstalledCopy } from './installed-copies.js';
import type { SessionFactory } from './cli-session.js';

/**
 * `orion doctor`: looks at how the app's Orion packages are installed. It reports every
 * `@orion/*` package (and every module package discovery found) installed in more than one
 * folder, every dependency or peer dependency of such a package on another one whose installed
 * version does not fit the declared range (or that is not installed where the package can load
 * it), and what discovery skipped. The exit status is 1 when it finds a problem.
 */
export function doctorCommand(program: Command, session: SessionFactory): void {
  program
    .command('doctor')
    .description(
      'Find duplicate copies of Orion packages, version ranges that do not fit, and skipped packages (exit status 1 on a problem).',
    )
    .action(async (_options: unknown, command: Command) => {
      const cli = session(command);
      const problems: string[] = [];
      let discovery: DiscoveryResult | undefined;
      try {
        discovery = await cli.discover();
      } catch (error) {
        if (!isOrionError(error)) throw error;
        problems.push(`discovery: ${error.message} (${error.code})`);
      }
      const modulePackages = new Set(discovery?.modules.map((module) => module.packageName));
      const copies = findInstalledCopies(
        join(cli.appDir, 'node_modules'),
        (name) => name.startsWith('@orion/') || modulePackages.has(name),
      );
      const isOrionPackage = (name: string) => name.startsWith('@orion/') || modulePackages.has(name);

      problems.push(...duplicateProblems(copies));
      for (const copy of copies) problems.push(...rangeProblems(copy, isOrionPackage));
      for (const skip of discovery?.skipped ?? []) {
        problems.push(`skipped: ${skip.packageName} (${skip.reason}, required by ${skip.requiredBy}): ${skip.detail}`);
      }

      cli.print(...problems);
      const summary = `Looked at ${copies.length} installed Orion package folder(s)`;
      if (problems.length === 0) {
        cli.print(`${summary}: no problems.`);
      } else {
        cli.print(`${summary}: ${problems.length} problem(s).`);
        cli.fail();
      }
    });
}

function duplicateProblems(copies: InstalledCopy[]): string[] {
  const byName = new Map<string, InstalledCopy[]>();
  for (const copy of copies) byName.set(copy.name, [...(byName.get(copy.name) ?? []), copy]);
  return [...byName]
    .filter(([, found]) => found.length > 1)
    .map(([name, found]) => [name, found.sort(byVersion)] as const)
    .map(
      ([name, found]) =>
        `duplicate: ${name} is installed ${found.length} times: ${found.map((copy) => `${copy.version} at ${copy.dir}`).join(', ')}`,
    );
}

function rangeProblems(copy: InstalledCopy, isOrionPackage: (name: string) => boolean): string[] {
  const problems: string[] = [];
  const fields = [
    ['dependencies', copy.manifest.dependencies],
    ['peerDependencies', copy.manifest.peerDependencies],
  ] as const;
  for (const [field, ranges] of fields) {
    for (const [dependency, declared] of Object.entries(ranges ?? {})) {
      if (!isOrionPackage(dependency) || dependency === copy.name) continue;
      const range = checkableRange(declared);
      const who = `${copy.name}@${copy.version} (${copy.dir}) declares ${dependency}@${declared} in ${field}`;
      const dir = locatePackage(dependency, copy.dir);
      if (dir === undefined) {
        const optional =
          field === 'peerDependencies' && copy.manifest.peerDependenciesMeta?.[dependency]?.optional === true;
        if (!optional) problems.push(`missing: ${who}, but it is not installed where ${copy.name} can load it`);
        continue;
      }
      const installed = readManifest(join(dir, 'package.json'))?.version;
      if (range === undefined || installed === undefined) continue;
      if (!semver.satisfies(installed, range, { includePrerelease: true })) {
        problems.push(`range: ${who}, but ${installed} is installed (${dir})`);
      }
    }
  }
  return problems;
}

function byVersion(a: InstalledCopy, b: InstalledCopy): number {
  const valid = semver.valid(a.version) !== null && semver.valid(b.version) !== null;
  return (
    (valid ? semver.compare(a.version, b.version) : a.version.localeCompare(b.version)) || a.dir.localeCompare(b.dir)
  );
}

/**
 * The semver range to test, or `undefined` when the specifier is not one: `workspace:^` and the
 * like (the workspace's own version, fitting by construction), `file:`, `link:`, `npm:` aliases,
 * git and tarball URLs.
 */
function checkableRange(declared: string): string | undefined {
  const range = declared.startsWith('workspace:') ? declared.slice('workspace:'.length) : declared;
  if (range === '' || range === '^' || range === '~') return undefined;
  return semver.validRange(range) === null ? undefined : range;
}
