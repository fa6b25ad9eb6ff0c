import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModuleDefinition } from '../../packages/contracts/src/index.js';
import { describe, expect, it } from 'vitest';
import { coreMessages } from '../../packages/core/src/i18n/core-messages.js';
import { workspaceRoot } from '../support/package-fixtures.js';
import { checkTranslations } from './translations.js';

/** Every workspace module's messages, by module code, and the host's own. */
const definitions: ModuleDefinition[] = [];

async function workspaceMessages(): Promise<Record<string, Record<string, Record<string, string>>>> {
  const namespaces: Record<string, Record<string, Record<string, string>>> = { orion: coreMessages };
  for (const folder of readdirSync(join(workspaceRoot, 'packages'))) {
    const dir = join(workspaceRoot, 'packages', folder);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    if (!manifest.orion) continue;
    const entry = (await import(join(dir, 'src', 'index.ts'))) as Record<string, ModuleDefinition>;
    const definition = entry[manifest.orion.export ?? 'default']!;
    namespaces[definition.code] = withErrorMessages(definition);
    definitions.push(definition);
  }
  return namespaces;
}

/** A module's messages plus its error codes' (`error.<CODE>` in each locale), checked by the same rule. */
function withErrorMessages(definition: ModuleDefinition): Record<string, Record<string, string>> {
  const namespace: Record<string, Record<string, string>> = {};
  for (const [locale, messages] of Object.entries(definition.messages)) namespace[locale] = { ...messages };
  for (const [code, error] of Object.entries(definition.errors)) {
    for (const [locale, message] of Object.entries({ en: error.message, ...error.messages })) {
      if (message !== undefined) (namespace[locale] ??= {})[`error.${code}`] = message;
    }
  }
  return namespace;
}

describe('translations', () => {
  it('every English key of every module and of the host exists in de, fr and lb with the same placeholders', async () => {
    const namespaces = await workspaceMessages();
    expect(Object.keys(namespaces).sort()).toEqual([
      'catalog',
      'cms',
      'customers',
      'inventory',
      'marketplace',
      'orders',
      'orion',
      'tenancy',
    ]);
    expect(checkTranslations(namespaces)).toEqual([]);
  });

  it('every menu item and permission of every module has an English message', async () => {
    await workspaceMessages();
    const missing = definitions.flatMap((definition) =>
      [
        ...definition.menuItems.map((item) => `menu.${item.id}`),
        ...definition.permissions.map((permission) => `permission.${permission.code}`),
      ]
        .filter((key) => definition.messages.en[key] === undefined)
        .map((key) => `${definition.code}: ${key}`),
    );
    expect(missing).toEqual([]);
  });

  it('checks a module’s error codes like its messages', () => {
    const namespace = withErrorMessages({
      messages: {
        en: { 'menu.shelf': 'Shelves' },
        de: { 'menu.shelf': 'Regale' },
        fr: { 'menu.shelf': 'Étagères' },
        lb: { 'menu.shelf': 'Regaler' },
      },
      errors: {
        SHELF_ERR_FULL: {
          message: 'Shelf {name} is full.',
          status: 409,
          messages: { de: 'Das Regal ist voll.', fr: 'L’étagère {name} est pleine.' },
        },
      },
    } as unknown as ModuleDefinition);
    expect(checkTranslations({ shelf: namespace })).toEqual([
      { namespace: 'shelf', locale: 'de', key: 'error.SHELF_ERR_FULL', problem: 'placeholders differ' },
      { namespace: 'shelf', locale: 'lb', key: 'error.SHELF_ERR_FULL', problem: 'missing' },
    ]);
  });

  it('catches a missing key and a translation with other placeholders', () => {
    expect(
      checkTranslations({
        shelf: {
          en: { 'menu.shelf': 'Shelves', 'error.full': 'Shelf {name} is full' },
          de: { 'menu.shelf': 'Regale', 'error.full': 'Regal ist voll' },
          fr: { 'error.full': 'L’étagère {name} est pleine', 'menu.shelf': 'Étagères' },
        },
      }),
    ).toEqual([
      { namespace: 'shelf', locale: 'lb', key: 'menu.shelf', problem: 'missing' },
      { namespace: 'shelf', locale: 'de', key: 'error.full', problem: 'placeholders differ' },
      { namespace: 'shelf', locale: 'lb', key: 'error.full', problem: 'missing' },
    ]);
  });
});
