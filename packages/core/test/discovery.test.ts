import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverModules } from '../src/discovery/discover-modules.js';
import {
  fixtureApp,
  installHoisted,
  installIsolated,
  linkContracts,
  linkPackage,
  modulePackage,
  tempDir,
  writePackage,
} from '../../../test/support/package-fixtures.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

const app = (dependencies: Record<string, string>) => fixtureApp(dependencies, cleanups);

const core = { name: '@orion/core', dependencies: { '@orion/tenancy': '1.0.0', 'left-pad': '1.0.0' } };
const tenancy = modulePackage('@orion/tenancy', { code: 'tenancy', isCore: true, exportName: 'tenancyModule' });
const orders = modulePackage('@orion/orders', { code: 'orders', requires: ['tenancy'] });
const leftPad = { name: 'left-pad', files: { 'index.js': 'export default 1;' } };

describe('discoverModules', () => {
  it('finds modules in npm’s hoisted layout, following Orion packages’ dependencies', async () => {
    const root = app({ '@orion/core': '1.0.0', '@orion/orders': '1.0.0', express: '5.0.0' });
    installHoisted(root, [core, tenancy, orders, leftPad, { name: 'express' }]);
    const result = await discoverModules({ cwd: root });
    expect(result.modules.map((module) => [module.packageName, module.definition.code]).sort()).toEqual([
      ['@orion/orders', 'orders'],
      ['@orion/tenancy', 'tenancy'],
    ]);
    expect(result.skipped).toEqual([]);
  });

  it('finds modules in pnpm’s isolated layout, where a dependency of core is not visible from the app', async () => {
    const root = app({ '@orion/core': '1.0.0', '@orion/orders': '1.0.0' });
    installIsolated(root, [core, tenancy, orders, leftPad], ['@orion/core', '@orion/orders']);
    const result = await discoverModules({ cwd: root });
    const found = result.modules.find((module) => module.definition.code === 'tenancy');
    expect(found?.packageDir).toContain(join('.pnpm', '@orion+tenancy@1.0.0'));
    expect(result.modules.map((module) => module.definition.code).sort()).toEqual(['orders', 'tenancy']);
  });

  it('follows workspace links to folders outside node_modules', async () => {
    const root = app({ 'my-module': 'workspace:*' });
    const elsewhere = tempDir();
    cleanups.push(elsewhere.remove);
    writePackage(elsewhere.path, modulePackage('my-module', { code: 'my-module' }));
    linkContracts(elsewhere.path);
    linkPackage(root, 'my-module', elsewhere.path);
    const result = await discoverModules({ cwd: root });
    expect(result.modules).toHaveLength(1);
    expect(result.modules[0]!.packageDir).toBe(elsewhere.path);
  });

  it('finds a package whose exports map hides package.json', async () => {
    const root = app({ 'hidden-manifest': '1.0.0' });
    installHoisted(root, [modulePackage('hidden-manifest', { code: 'hidden' }, { exports: { '.': './index.js' } })]);
    const result = await discoverModules({ cwd: root });
    expect(result.modules.map((module) => module.definition.code)).toEqual(['hidden']);
  });

  it('does not follow the dependencies of packages that are not Orion packages', async () => {
    const root = app({ 'some-lib': '1.0.0' });
    installHoisted(root, [{ name: 'some-lib', dependencies: { '@orion/orders': '1.0.0' } }, orders]);
    const result = await discoverModules({ cwd: root });
    expect(result.modules).toEqual([]);
  });

  it('reports dependencies that are listed but not installed', async () => {
    const root = app({ '@orion/orders': '1.0.0', '@orion/catalog': '1.0.0' });
    installHoisted(root, [orders]);
    const result = await discoverModules({ cwd: root });
    expect(result.skipped).toEqual([
      expect.objectContaining({ packageName: '@orion/catalog', requiredBy: 'fixture-app', reason: 'not-installed' }),
    ]);
  });

  it('does not report optional peers and optional dependencies that are absent (issue 15)', async () => {
    const root = app({ '@orion/core': '1.0.0' });
    const manifest = {
      name: '@orion/core',
      version: '1.0.0',
      type: 'module',
      dependencies: { '@orion/tenancy': '1.0.0' },
      optionalDependencies: { 'some-optional': '1.0.0' },
      peerDependencies: { fastify: '^5.0.0', pg: '^8.0.0', '@orion/orders': '1.0.0' },
      peerDependenciesMeta: { fastify: { optional: true }, pg: { optional: true } },
    };
    installHoisted(root, [{ name: '@orion/core', rawManifest: JSON.stringify(manifest) }, tenancy]);
    const result = await discoverModules({ cwd: root });
    expect(result.modules.map((module) => module.definition.code)).toEqual(['tenancy']);
    // a required peer that is missing is still reported
    expect(result.skipped).toEqual([
      expect.objectContaining({ packageName: '@orion/orders', requiredBy: '@orion/core', reason: 'not-installed' }),
    ]);
  });

  it('reports the second copy of the same package and version under another path', async () => {
    const root = app({ '@orion/core': '1.0.0', 'plugin-a': '1.0.0' });
    installHoisted(root, [
      core,
      tenancy,
      leftPad,
      modulePackage('plugin-a', { code: 'plugin-a' }, { dependencies: { '@orion/tenancy': '1.0.0' } }),
    ]);
    writePackage(join(root, 'node_modules', 'plugin-a', 'node_modules', '@orion', 'tenancy'), tenancy);
    const result = await discoverModules({ cwd: root });
    expect(result.modules.map((module) => module.definition.code).sort()).toEqual(['plugin-a', 'tenancy']);
    expect(result.skipped).toEqual([
      expect.objectContaining({ packageName: '@orion/tenancy', requiredBy: 'plugin-a', reason: 'duplicate-copy' }),
    ]);
  });

  describe('errors name the package and the file', () => {
    it('ORION_ERR_APP_MANIFEST_INVALID when the app has no package.json', async () => {
      const dir = tempDir();
      cleanups.push(dir.remove);
      await expect(discoverModules({ cwd: dir.path })).rejects.toMatchObject({
        code: 'ORION_ERR_APP_MANIFEST_INVALID',
        message: expect.stringContaining(join(dir.path, 'package.json')),
      });
    });

    it('ORION_ERR_MODULE_MANIFEST_INVALID for a malformed orion field', async () => {
      const root = app({ 'bad-manifest': '1.0.0' });
      installHoisted(root, [{ name: 'bad-manifest', orion: { module: 42 } }]);
      await expect(discoverModules({ cwd: root })).rejects.toMatchObject({
        code: 'ORION_ERR_MODULE_MANIFEST_INVALID',
        details: { packageName: 'bad-manifest', file: join(root, 'node_modules', 'bad-manifest', 'package.json') },
      });
    });

    it('ORION_ERR_MODULE_MANIFEST_INVALID for a package.json that is not JSON', async () => {
      const root = app({ broken: '1.0.0' });
      installHoisted(root, [{ name: 'broken', rawManifest: '{ "name": "broken", ' }]);
      await expect(discoverModules({ cwd: root })).rejects.toMatchObject({
        code: 'ORION_ERR_MODULE_MANIFEST_INVALID',
        details: { packageName: 'broken' },
      });
    });

    it('ORION_ERR_MODULE_ENTRY_INVALID when the entry file is missing', async () => {
      const root = app({ unbuilt: '1.0.0' });
      installHoisted(root, [{ name: 'unbuilt', orion: { module: './dist/index.js' } }]);
      await expect(discoverModules({ cwd: root })).rejects.toMatchObject({
        code: 'ORION_ERR_MODULE_ENTRY_INVALID',
        message: expect.stringMatching(/unbuilt.*does not exist/),
        details: { file: join(root, 'node_modules', 'unbuilt', 'dist', 'index.js') },
      });
    });

    it('ORION_ERR_MODULE_ENTRY_INVALID when importing the entry throws', async () => {
      const root = app({ throws: '1.0.0' });
      installHoisted(root, [
        {
          name: 'throws',
          orion: { module: './index.js' },
          files: { 'index.js': 'throw new Error("boom at import");' },
        },
      ]);
      await expect(discoverModules({ cwd: root })).rejects.toMatchObject({
        code: 'ORION_ERR_MODULE_ENTRY_INVALID',
        message: expect.stringContaining('boom at import'),
      });
    });

    it('ORION_ERR_MODULE_DEFINITION_INVALID when the entry exports no definition', async () => {
      const root = app({ empty: '1.0.0' });
      installHoisted(root, [
        {
          name: 'empty',
          orion: { module: './index.js' },
          files: { 'index.js': 'export const notAModule = { code: "x" };' },
        },
      ]);
      await expect(discoverModules({ cwd: root })).rejects.toMatchObject({
        code: 'ORION_ERR_MODULE_DEFINITION_INVALID',
        message: expect.stringContaining('no export named "default"'),
        details: { packageName: 'empty', file: join(root, 'node_modules', 'empty', 'index.js') },
      });
    });

    it('ORION_ERR_MODULE_DEFINITION_INVALID when the export is a plain object, not a defineModule() result', async () => {
      const root = app({ plain: '1.0.0' });
      installHoisted(root, [
        {
          name: 'plain',
          orion: { module: './index.js' },
          files: { 'index.js': 'export default { code: "plain", name: "Plain", version: "1.0.0" };' },
        },
      ]);
      await expect(discoverModules({ cwd: root })).rejects.toMatchObject({
        code: 'ORION_ERR_MODULE_DEFINITION_INVALID',
        message: expect.stringContaining('defineModule()'),
      });
    });
  });
});
