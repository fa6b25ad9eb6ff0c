import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir, workspaceRoot } from '../support/package-fixtures.js';
import { checkImportRules, type WorkspacePackage } from './import-rules.js';

/** The workspace's packages, each with its kind read from its module definition's tier. */
async function workspacePackages(): Promise<WorkspacePackage[]> {
  const packages: WorkspacePackage[] = [];
  for (const folder of readdirSync(join(workspaceRoot, 'packages'))) {
    const dir = join(workspaceRoot, 'packages', folder);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    let kind: WorkspacePackage['kind'] = manifest.name === '@orion/core' ? 'host' : 'library';
    if (manifest.orion) {
      const entry = (await import(join(dir, 'src', 'index.ts'))) as Record<
        string,
        { isCore: boolean; isInternal: boolean }
      >;
      const definition = entry[manifest.orion.export ?? 'default']!;
      kind = definition.isCore ? 'core' : definition.isInternal ? 'internal' : 'optional';
    }
    packages.push({ name: manifest.name, dir, kind });
  }
  return packages;
}

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function fixturePackage(
  root: string,
  name: string,
  kind: WorkspacePackage['kind'],
  source: string,
  dependencies = {},
): WorkspacePackage {
  const dir = join(root, name.replace('/', '+'));
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, dependencies }));
  writeFileSync(join(dir, 'src', 'index.ts'), source);
  return { name, dir, kind };
}

describe('import rules', () => {
  it('the workspace follows them: core never imports optional, optional never imports optional', async () => {
    const packages = await workspacePackages();
    expect(
      packages
        .filter((pkg) => pkg.kind === 'optional')
        .map((pkg) => pkg.name)
        .sort(),
    ).toEqual(['@orion/catalog', '@orion/inventory', '@orion/marketplace', '@orion/orders']);
    expect(packages.find((pkg) => pkg.name === '@orion/tenancy')?.kind).toBe('core');
    expect(packages.find((pkg) => pkg.name === '@orion/cms')?.kind).toBe('core');
    expect(checkImportRules(packages)).toEqual([]);
  });

  it('finds a host, a core module and an optional module that break them, in code and in package.json', () => {
    const root = tempDir();
    cleanups.push(() => root.remove());
    const packages = [
      fixturePackage(root.path, '@orion/orders', 'optional', 'export const x = 1;'),
      fixturePackage(
        root.path,
        '@orion/catalog',
        'optional',
        "import type { X } from '@orion/orders/types';\nexport const y = await import('@orion/orders');",
      ),
      fixturePackage(root.path, '@orion/tenancy', 'core', "export { x } from '@orion/orders';"),
      fixturePackage(root.path, '@orion/core', 'host', "import '@orion/tenancy';", { '@orion/catalog': '1.0.0' }),
      fixturePackage(root.path, '@orion/contracts', 'library', 'export const z = 1;'),
    ];
    const violations = checkImportRules(packages).map(({ importer, imported }) => `${importer} -> ${imported}`);
    expect(violations).toEqual([
      '@orion/catalog -> @orion/orders',
      '@orion/catalog -> @orion/orders',
      '@orion/tenancy -> @orion/orders',
      '@orion/core -> @orion/catalog',
    ]);
  });
});
