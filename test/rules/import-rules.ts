/**
 * The seeds' "core must not depend on optional" rule, enforced: no package of a core module (nor
 * the host, @orion/core) imports an optional module's package, and no optional module imports
 * another optional module's package. Imports are read with TypeScript's own pre-processor from
 * every source file under `src/`, and from the package.json's dependencies and peerDependencies.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
// the same specifier → package mapping as `orion check` uses over the installed packages
import { packageNameOf } from '../../packages/core/src/cli/import-rules.js';

export interface WorkspacePackage {
  name: string;
  dir: string;
  /** `host` for @orion/core, the module tier for module packages, `library` for the rest. */
  kind: 'host' | 'core' | 'optional' | 'internal' | 'library';
}

export interface ImportViolation {
  importer: string;
  imported: string;
  where: string;
  rule: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(m|c)?[jt]sx?$/.test(entry) && !/\.test\.[jt]s$/.test(entry) ? [path] : [];
  });
}

function importsOf(pkg: WorkspacePackage): { imported: string; where: string }[] {
  const found: { imported: string; where: string }[] = [];
  for (const file of sourceFiles(join(pkg.dir, 'src'))) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const reference of info.importedFiles) {
      const imported = packageNameOf(reference.fileName);
      if (imported !== undefined) found.push({ imported, where: file });
    }
  }
  const manifest = JSON.parse(readFileSync(join(pkg.dir, 'package.json'), 'utf8'));
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const name of Object.keys(manifest[field] ?? {}))
      found.push({ imported: name, where: `${pkg.dir}/package.json (${field})` });
  }
  return found;
}

/** Every import that breaks the rules; empty when the workspace is clean. */
export function checkImportRules(packages: WorkspacePackage[]): ImportViolation[] {
  const kinds = new Map(packages.map((pkg) => [pkg.name, pkg.kind]));
  const violations: ImportViolation[] = [];
  for (const pkg of packages) {
    for (const { imported, where } of importsOf(pkg)) {
      if (imported === pkg.name || kinds.get(imported) !== 'optional') continue;
      if (pkg.kind === 'core' || pkg.kind === 'host') {
        violations.push({
          importer: pkg.name,
          imported,
          where,
          rule: `a ${pkg.kind === 'host' ? 'host' : 'core module'} package must not import an optional module`,
        });
      } else if (pkg.kind === 'optional') {
        violations.push({
          importer: pkg.name,
          imported,
          where,
          rule: 'an optional module must not import another optional module; declare `requires` and use a service contract',
        });
      }
    }
  }
  return violations;
}
