import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createOrion } from '../src/index.js';
import { recordingLogger } from '../../../test/support/orion-host.js';
import { fixtureApp, installHoisted, modulePackage } from '../../../test/support/package-fixtures.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

const app = (dependencies: Record<string, string>) => fixtureApp(dependencies, cleanups);

const start = (cwd: string) => createOrion({ cwd, database: 'sqlite::memory:', logger: recordingLogger() });

describe('start-up from an app’s installed packages', () => {
  it('ORION_ERR_MODULE_DUPLICATE names both packages and their files', async () => {
    const root = app({ 'acme-notes': '1.0.0', 'other-notes': '2.0.0' });
    installHoisted(root, [
      modulePackage('acme-notes', { code: 'notes' }),
      modulePackage('other-notes', { code: 'notes' }, { version: '2.0.0' }),
    ]);
    await expect(start(root)).rejects.toMatchObject({
      code: 'ORION_ERR_MODULE_DUPLICATE',
      message: expect.stringMatching(
        new RegExp(
          `acme-notes@1\\.0\\.0 \\(${join(root, 'node_modules', 'acme-notes', 'index.js')}\\).*other-notes@2\\.0\\.0`,
        ),
      ),
    });
  });

  it('ORION_ERR_MODULE_REQUIREMENT_MISSING names the package to install', async () => {
    const root = app({ '@orion/marketplace': '1.0.0' });
    installHoisted(root, [modulePackage('@orion/marketplace', { code: 'marketplace', requires: ['inventory'] })]);
    await expect(start(root)).rejects.toMatchObject({
      code: 'ORION_ERR_MODULE_REQUIREMENT_MISSING',
      details: { code: 'marketplace', required: 'inventory', packageName: '@orion/inventory' },
    });
  });

  it('ORION_ERR_MODULE_REQUIREMENT_CYCLE prints the cycle across packages', async () => {
    const root = app({ 'mod-a': '1.0.0', 'mod-b': '1.0.0' });
    installHoisted(root, [
      modulePackage('mod-a', { code: 'mod-a', requires: ['mod-b'] }),
      modulePackage('mod-b', { code: 'mod-b', requires: ['mod-a'] }),
    ]);
    await expect(start(root)).rejects.toMatchObject({
      code: 'ORION_ERR_MODULE_REQUIREMENT_CYCLE',
      message: expect.stringContaining('mod-a -> mod-b -> mod-a'),
    });
  });

  it('ORION_ERR_MODULE_TIER_VIOLATION when an installed core module requires an optional one', async () => {
    const root = app({ 'core-billing': '1.0.0', 'opt-ledger': '1.0.0' });
    installHoisted(root, [
      modulePackage('core-billing', { code: 'billing', isCore: true, requires: ['ledger'] }),
      modulePackage('opt-ledger', { code: 'ledger' }),
    ]);
    await expect(start(root)).rejects.toMatchObject({ code: 'ORION_ERR_MODULE_TIER_VIOLATION' });
  });

  it('reports what discovery skipped as a warning, and starts', async () => {
    const root = app({ 'acme-notes': '1.0.0', 'not-there': '1.0.0' });
    installHoisted(root, [modulePackage('acme-notes', { code: 'notes' })]);
    const logger = recordingLogger();
    const orion = await createOrion({ cwd: root, database: 'sqlite::memory:', logger });
    expect(orion.registry.codes()).toEqual(['tenancy', 'notes']);
    expect(orion.discovery?.skipped.map((skip) => skip.packageName)).toEqual(['not-there']);
    expect(logger.entries).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: expect.stringContaining('Discovery skipped not-there (not-installed)'),
      }),
    );
    await orion.close();
  });
});
