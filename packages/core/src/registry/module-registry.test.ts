import { defineModule, isOrionError, type ModuleDefinitionInput } from '@orion/contracts';
import { describe, expect, it } from 'vitest';
import { ModuleRegistry } from './module-registry.js';

const mod = (code: string, extra: Partial<ModuleDefinitionInput> = {}) =>
  defineModule({ code, name: code, version: '1.0.0', ...extra });

const registryOf = (...definitions: ReturnType<typeof mod>[]) =>
  ModuleRegistry.create(definitions.map((definition) => ({ definition })));

function errorOf(build: () => unknown) {
  try {
    build();
  } catch (error) {
    if (isOrionError(error)) return error;
    throw error;
  }
  throw new Error('expected an OrionError');
}

describe('ModuleRegistry', () => {
  const tenancy = mod('tenancy', { isCore: true });
  const inventory = mod('inventory', { requires: ['tenancy'] });
  const marketplace = mod('marketplace', { requires: ['inventory'] });
  const audit = mod('audit', { isInternal: true });

  it('orders modules so requirements come first, and answers tier and lookups', () => {
    const registry = registryOf(marketplace, audit, inventory, tenancy);
    expect(registry.codes()).toEqual(['tenancy', 'inventory', 'marketplace', 'audit']);
    expect(registry.tier('tenancy')).toBe('core');
    expect(registry.tier('marketplace')).toBe('optional');
    expect(registry.tier('audit')).toBe('internal');
    expect(registry.byTier('optional').map((module) => module.code)).toEqual(['inventory', 'marketplace']);
    expect(registry.get('orders')).toBeUndefined();
    expect(registry.requirementsOf('marketplace')).toEqual(['tenancy', 'inventory', 'marketplace']);
    expect(registry.dependentsOf('inventory')).toEqual(['marketplace', 'inventory']);
    expect(errorOf(() => registry.tier('orders')).code).toBe('ORION_ERR_MODULE_NOT_INSTALLED');
  });

  it('ORION_ERR_MODULE_DUPLICATE names both sources', () => {
    const error = errorOf(() =>
      ModuleRegistry.create([
        { definition: inventory, source: { packageName: '@orion/inventory', packageVersion: '1.0.0' } },
        {
          definition: mod('inventory'),
          source: { packageName: 'acme-inventory', packageVersion: '2.0.0', entryFile: '/x/index.js' },
        },
      ]),
    );
    expect(error.code).toBe('ORION_ERR_MODULE_DUPLICATE');
    expect(error.message).toContain('@orion/inventory@1.0.0');
    expect(error.message).toContain('acme-inventory@2.0.0 (/x/index.js)');
  });

  it('collects the modules’ error codes, and ORION_ERR_MODULE_ERROR_CODE_DUPLICATE names both modules', () => {
    // module "a" may declare A_ERR_B_ERR_TAKEN, and so may module "a-err-b": the naming rule alone can not keep them apart
    const taken = { message: 'Taken.', status: 409 };
    const registry = registryOf(
      tenancy,
      mod('a', { errors: { A_ERR_B_ERR_TAKEN: taken } }),
      mod('b', { errors: { B_ERR_GONE: { message: 'Gone.', status: 410 } } }),
    );
    expect(registry.errorCode('A_ERR_B_ERR_TAKEN')).toEqual({
      code: 'A_ERR_B_ERR_TAKEN',
      module: 'a',
      definition: { ...taken, messages: {} },
    });
    expect(registry.errorCode('B_ERR_GONE')?.definition.status).toBe(410);
    expect(registry.errorCode('ORION_ERR_NOT_FOUND')).toBeUndefined();
    expect([...registry.errorCodes().keys()]).toEqual(['A_ERR_B_ERR_TAKEN', 'B_ERR_GONE']);
    const error = errorOf(() =>
      registryOf(
        mod('a', { errors: { A_ERR_B_ERR_TAKEN: taken } }),
        mod('a-err-b', { errors: { A_ERR_B_ERR_TAKEN: taken } }),
      ),
    );
    expect(error.code).toBe('ORION_ERR_MODULE_ERROR_CODE_DUPLICATE');
    expect(error.details).toEqual({ errorCode: 'A_ERR_B_ERR_TAKEN', first: 'a', second: 'a-err-b' });
    expect(error.message).toBe(
      'Error code A_ERR_B_ERR_TAKEN is declared by module "a" and by module "a-err-b": every error code belongs to one module. Rename one of them, or uninstall one module.',
    );
  });

  it('ORION_ERR_MODULE_REQUIREMENT_MISSING says which package to install when it is known', () => {
    const error = errorOf(() => registryOf(tenancy, marketplace));
    expect(error.code).toBe('ORION_ERR_MODULE_REQUIREMENT_MISSING');
    expect(error.details).toMatchObject({
      code: 'marketplace',
      required: 'inventory',
      packageName: '@orion/inventory',
    });
    expect(error.message).toContain('npm install @orion/inventory');
    const unknown = errorOf(() => registryOf(tenancy, mod('reviews', { requires: ['ratings'] })));
    expect(unknown.message).toContain('provides module "ratings"');
  });

  it('ORION_ERR_MODULE_REQUIREMENT_CYCLE prints the cycle', () => {
    const error = errorOf(() =>
      registryOf(tenancy, mod('a', { requires: ['b'] }), mod('b', { requires: ['c'] }), mod('c', { requires: ['a'] })),
    );
    expect(error.code).toBe('ORION_ERR_MODULE_REQUIREMENT_CYCLE');
    expect(error.message).toContain('a -> b -> c -> a');
  });

  it('ORION_ERR_MODULE_TIER_VIOLATION when a core module requires an optional or internal one', () => {
    const error = errorOf(() =>
      registryOf(tenancy, inventory, mod('billing', { isCore: true, requires: ['inventory'] })),
    );
    expect(error.code).toBe('ORION_ERR_MODULE_TIER_VIOLATION');
    expect(error.details).toMatchObject({ code: 'billing', required: 'inventory', requiredTier: 'optional' });
    expect(errorOf(() => registryOf(audit, mod('billing', { isCore: true, requires: ['audit'] }))).code).toBe(
      'ORION_ERR_MODULE_TIER_VIOLATION',
    );
  });
});
