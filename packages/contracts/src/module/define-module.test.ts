import { describe, expect, it } from 'vitest';
import { isOrionError } from '../errors/orion-error.js';
import { createServiceRef, isServiceRef } from '../services/service-ref.js';
import { defineModule, isModuleDefinition } from './define-module.js';

describe('defineModule', () => {
  it('fills defaults and brands the definition', () => {
    const definition = defineModule({ code: 'order-notes', name: 'Order notes', version: '1.2.0' });
    expect(definition).toMatchObject({
      code: 'order-notes',
      isCore: false,
      isInternal: false,
      requires: [],
      permissions: [],
      menuItems: [],
      migrations: {},
      provides: [],
    });
    expect(isModuleDefinition(definition)).toBe(true);
    expect(isModuleDefinition({ ...definition, $$type: 'other' })).toBe(false);
    expect(Object.isFrozen(definition)).toBe(true);
  });

  it.each([
    [{ code: 'Orders' }, 'code'],
    [{ code: 'orders_v2' }, 'code'],
    [{ version: '1.0' }, 'version'],
    [{ isCore: true, isInternal: true }, 'isInternal'],
    [{ requires: ['orders'] }, 'requires'],
    [{ migrations: { create_orders: { up: async () => {} } } }, 'migrations.create_orders'],
    [{ migrations: { orders_001_create: { down: async () => {} } } }, 'migrations.orders_001_create.up'],
    [{ config: { schema: {}, envPrefix: 'ORDERS_' } }, 'config.schema'],
    [{ config: { schema: { safeParse() {} }, envPrefix: 'orders' } }, 'config.envPrefix'],
    [{ permissions: [{ code: 'view', label: 'View' }] }, 'permissions.0.code'],
    [{ database: { $$type: 'tables' } }, 'database.$$type'],
  ])('rejects %o with ORION_ERR_MODULE_DEFINITION_INVALID at %s', (override, path) => {
    try {
      defineModule({ code: 'orders', name: 'Orders', version: '1.0.0', ...(override as object) });
      expect.unreachable();
    } catch (error) {
      expect(isOrionError(error, 'ORION_ERR_MODULE_DEFINITION_INVALID')).toBe(true);
      const issues = (error as { details: { validationIssues: { path: string }[] } }).details.validationIssues;
      expect(issues.map((issue) => issue.path)).toContain(path);
    }
  });

  it('service refs are recognised by brand and keep their id', () => {
    const ref = createServiceRef<{ render(): string }>({ id: 'cms.content' });
    expect(isServiceRef(ref)).toBe(true);
    expect(isServiceRef({ id: 'cms.content' })).toBe(false);
    expect(() => createServiceRef({ id: 'content' })).toThrow(/<module>.<service>/);
  });
});
