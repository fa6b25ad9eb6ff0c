import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorCodePrefixOf, reservedModuleCodeReason } from '@orion/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { moduleNames, orionVersions, reservedCodeReason, runCli, ScaffoldError, scaffoldModule } from '../src/index.js';

const folders: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'create-orion-module-'));
  folders.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof ScaffoldError) return error.code;
    throw error;
  }
  return undefined;
}

describe('moduleNames', () => {
  it('derives every name from a kebab-case code', () => {
    expect(moduleNames('my-notes')).toEqual({
      code: 'my-notes',
      packageName: 'my-notes',
      camel: 'myNotes',
      pascal: 'MyNotes',
      snake: 'my_notes',
      constant: 'MY_NOTES',
      title: 'My notes',
    });
    expect(moduleNames('notes')).toMatchObject({ camel: 'notes', pascal: 'Notes', constant: 'NOTES', title: 'Notes' });
    expect(moduleNames('@acme/order-notes-2')).toMatchObject({
      code: 'order-notes-2',
      packageName: '@acme/order-notes-2',
      camel: 'orderNotes2',
      snake: 'order_notes_2',
    });
    expect(moduleNames('@acme/orion-notes', 'notes')).toMatchObject({
      code: 'notes',
      packageName: '@acme/orion-notes',
    });
  });

  it('makes the error-code prefix the host expects', () => {
    for (const code of ['my-notes', 'notes', 'order-notes-2']) {
      expect(`${moduleNames(code).constant}_ERR_`).toBe(errorCodePrefixOf(code));
    }
  });

  it('rejects names that are not package names or codes that are not kebab-case', () => {
    for (const name of ['My-Notes', 'my_notes', 'my notes', '', '-notes', '@acme/']) {
      expect(
        codeOf(() => moduleNames(name)),
        name,
      ).toBe('CREATE_ORION_MODULE_ERR_NAME_INVALID');
    }
    expect(codeOf(() => moduleNames('notes.js'))).toBe('CREATE_ORION_MODULE_ERR_NAME_INVALID');
    expect(codeOf(() => moduleNames('notes', 'Notes'))).toBe('CREATE_ORION_MODULE_ERR_NAME_INVALID');
  });

  it('rejects the codes the host reserves, with the same rules as @orion/contracts', () => {
    for (const code of ['core', 'orion', 'module', 'orion-notes', 'notes-lock', '@acme/core']) {
      expect(
        codeOf(() => moduleNames(code)),
        code,
      ).toBe('CREATE_ORION_MODULE_ERR_CODE_RESERVED');
    }
    for (const code of [
      'core',
      'orion',
      'module',
      'orion-x',
      'x-lock',
      'a-lock-b',
      'cores',
      'my-core',
      'notes',
      'lock',
      'orion2',
    ]) {
      expect(reservedCodeReason(code) === undefined, code).toBe(reservedModuleCodeReason(code) === undefined);
    }
  });
});

describe('scaffoldModule', () => {
  it('writes the module package with every placeholder replaced and the workspace’s @orion/* versions', () => {
    const dir = join(tempDir(), 'my-notes');
    const { files, names } = scaffoldModule({ name: 'my-notes', dir });
    expect(names.code).toBe('my-notes');
    expect(files).toEqual(
      expect.arrayContaining([
        '.gitignore',
        'README.md',
        'package.json',
        'tsconfig.json',
        'tsup.config.ts',
        'vitest.config.ts',
        'dev/server.mjs',
        'src/index.ts',
        'src/my-notes-module.ts',
        'src/my-notes-routes.ts',
        'src/my-notes-metrics-provider.ts',
        'src/my-notes-errors.ts',
        'src/migrations/my-notes-001-create-items.ts',
        'src/messages/de.ts',
        'src/messages/en.ts',
        'src/messages/fr.ts',
        'src/messages/lb.ts',
        'test/my-notes.test.ts',
      ]),
    );
    for (const file of files) {
      expect(readFileSync(join(dir, file), 'utf8'), file).not.toMatch(
        /__(code|package|camel|Pascal|snake|CONST|Title|version:[^_]+)__/,
      );
    }
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const versions = orionVersions();
    expect(manifest.name).toBe('my-notes');
    expect(manifest.orion).toEqual({ module: './dist/index.js', export: 'myNotesModule' });
    expect(manifest.peerDependencies['@orion/contracts']).toBe(`^${versions['@orion/contracts']}`);
    expect(manifest.devDependencies['@orion/core']).toBe(`^${versions['@orion/core']}`);
    expect(manifest.devDependencies['@orion/testing']).toBe(`^${versions['@orion/testing']}`);
    const workspaceCore = JSON.parse(readFileSync(new URL('../../core/package.json', import.meta.url), 'utf8'));
    expect(versions['@orion/core']).toBe(workspaceCore.version);

    const module = readFileSync(join(dir, 'src/my-notes-module.ts'), 'utf8');
    expect(module).toContain("code: 'my-notes'");
    expect(module).toContain("envPrefix: 'MY_NOTES_'");
    expect(module).toContain('my_notes_001_create_items: myNotes001CreateItems');
    expect(readFileSync(join(dir, 'src/my-notes-errors.ts'), 'utf8')).toContain('MY_NOTES_ERR_ITEM_NOT_FOUND');
    expect(readFileSync(join(dir, 'src/schema.ts'), 'utf8')).toContain('my_notes_items: MyNotesItemsTable');
  });

  it('writes into an empty folder and refuses one that holds anything', () => {
    const empty = tempDir();
    expect(scaffoldModule({ name: 'notes', dir: empty }).dir).toBe(empty);
    const used = tempDir();
    writeFileSync(join(used, 'keep.txt'), 'mine');
    expect(codeOf(() => scaffoldModule({ name: 'notes', dir: used }))).toBe('CREATE_ORION_MODULE_ERR_DIR_NOT_EMPTY');
    expect(readFileSync(join(used, 'keep.txt'), 'utf8')).toBe('mine');
  });
});

describe('runCli', () => {
  function io() {
    const out: string[] = [];
    const err: string[] = [];
    return {
      out,
      err,
      io: {
        out: (text: string) => out.push(text),
        err: (text: string) => err.push(text),
        userAgent: 'pnpm/10.34.8 npm/? node/v20',
      },
    };
  }

  it('writes the module and prints the next steps for the package manager that ran it', async () => {
    const parent = tempDir();
    const { out, io: cli } = io();
    expect(await runCli(['@acme/my-notes', '--dir', join(parent, 'notes')], cli)).toBe(0);
    expect(out.join('\n')).toContain('Created the Orion module "my-notes" (@acme/my-notes)');
    expect(out.join('\n')).toContain('pnpm install');
    expect(JSON.parse(readFileSync(join(parent, 'notes', 'package.json'), 'utf8')).name).toBe('@acme/my-notes');
  });

  it('answers a usage error with 2 and a refusal with 1, writing nothing', async () => {
    const parent = tempDir();
    const missing = io();
    expect(await runCli([], missing.io)).toBe(2);
    expect(missing.err.join('\n')).toContain('Usage:');
    expect(await runCli(['a', 'b'], io().io)).toBe(2);
    expect(await runCli(['notes', '--unknown'], io().io)).toBe(2);
    const reserved = io();
    expect(await runCli(['core', '--dir', join(parent, 'core')], reserved.io)).toBe(1);
    expect(reserved.err.join('\n')).toContain('CREATE_ORION_MODULE_ERR_CODE_RESERVED');
    mkdirSync(join(parent, 'taken'));
    writeFileSync(join(parent, 'taken', 'x'), '');
    expect(await runCli(['notes', '--dir', join(parent, 'taken')], io().io)).toBe(1);
    const help = io();
    expect(await runCli(['--help'], help.io)).toBe(0);
    expect(help.out.join('\n')).toContain('--dir');
  });
});
