import { defineModule } from '@orion/contracts';
import { describe, expect, it } from 'vitest';
import * as core from '../src/index.js';

/**
 * The public surface of `@orion/core` at run time (the API report, `etc/core.api.md`, covers the types):
 * the host's parts are reached through `createOrion` and the factories, never by constructing the
 * classes behind them.
 */
describe('@orion/core public surface', () => {
  it('exports no implementation class of the host', () => {
    const internal = [
      'ModuleRegistry',
      'ModuleEnablement',
      'StatsAggregator',
      'EventBus',
      'ServiceRegistry',
      'PlatformConfig',
      'TaskRunner',
      'Translator',
      'ModuleMenu',
      'MigrationRunner',
      'createRequestHandler',
      'listPermissions',
    ];
    expect(internal.filter((name) => name in core)).toEqual([]);
  });

  it('exports the factories a host and an app start from', () => {
    for (const name of [
      'createOrion',
      'createTranslator',
      'discoverModules',
      'openDatabase',
      'orionFastify',
      'orionHono',
    ]) {
      expect(typeof (core as Record<string, unknown>)[name], name).toBe('function');
    }
  });

  it('createTranslator translates the host error codes before any host exists', () => {
    const translator = core.createTranslator();
    const fallback = new core.OrionError('ORION_ERR_NOT_READY').message;
    expect(translator.error('de-LU', 'ORION_ERR_NOT_READY', {}, fallback)).toBe(
      'Der Server startet noch. Bitte versuchen Sie es in ein paar Sekunden erneut.',
    );
    expect(translator.error('pt', 'ORION_ERR_NOT_READY', {}, fallback)).toBe(
      translator.error('en', 'ORION_ERR_NOT_READY', {}, fallback),
    );
    expect(translator.errorStatus('ORION_ERR_NOT_FOUND')).toBeUndefined();
  });

  it("createTranslator includes the given modules' messages, as a host would", () => {
    const shelf = defineModule({
      code: 'shelf',
      name: 'Shelf',
      version: '1.0.0',
      messages: { en: { 'menu.shelf.list': 'Shelves' }, de: { 'menu.shelf.list': 'Regale' } },
    });
    const translator = core.createTranslator({ modules: [shelf] });
    expect(translator.t('de', 'shelf', 'menu.shelf.list')).toBe('Regale');
    expect(translator.t('fr', 'shelf', 'menu.shelf.list')).toBe('Shelves');
    expect(core.createTranslator().t('de', 'shelf', 'menu.shelf.list')).toBe('menu.shelf.list');
  });

  it('createTranslator refuses modules that do not form a valid graph', () => {
    const needsMissing = defineModule({ code: 'needs', name: 'Needs', version: '1.0.0', requires: ['absent'] });
    expect(() => core.createTranslator({ modules: [needsMissing] })).toThrow(
      expect.objectContaining({ code: 'ORION_ERR_MODULE_REQUIREMENT_MISSING' }),
    );
  });
});
