import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostErrors, supportedLocales, type ModuleDefinition } from '../../packages/contracts/src/index.js';
import { workspaceRoot } from '../support/package-fixtures.js';

interface Row {
  status: number;
  owner: string;
}

/** The README's error table: `| `CODE` | status | audience | owner | message |` rows, by code. */
function readmeErrorTable(): Map<string, Row> {
  const readme = readFileSync(join(workspaceRoot, 'README.md'), 'utf8');
  const rows = new Map<string, Row>();
  for (const match of readme.matchAll(
    /^\| `([A-Z][A-Z0-9_]*_ERR_[A-Z0-9_]+)` \| (\d{3}) \| (?:client|server) \| ([a-z-]+) \|/gm,
  )) {
    expect(rows.has(match[1]!), `${match[1]} is listed twice`).toBe(false);
    rows.set(match[1]!, { status: Number(match[2]), owner: match[3]! });
  }
  return rows;
}

/** Every code the host and the workspace's modules declare, with its status and translations. */
async function declaredErrorCodes(): Promise<Map<string, Row & { messages: Partial<Record<string, string>> }>> {
  const codes = new Map<string, Row & { messages: Partial<Record<string, string>> }>();
  for (const [code, entry] of Object.entries(hostErrors)) {
    codes.set(code, { status: entry.status, owner: 'host', messages: { en: entry.message, ...entry.messages } });
  }
  for (const folder of readdirSync(join(workspaceRoot, 'packages'))) {
    const dir = join(workspaceRoot, 'packages', folder);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    if (!manifest.orion) continue;
    const entry = (await import(join(dir, 'src', 'index.ts'))) as Record<string, ModuleDefinition>;
    const definition = entry[manifest.orion.export ?? 'default']!;
    for (const [code, error] of Object.entries(definition.errors)) {
      codes.set(code, {
        status: error.status,
        owner: definition.code,
        messages: { en: error.message, ...error.messages },
      });
    }
  }
  return codes;
}

describe('the README’s error table', () => {
  it('lists every code of the host and of the workspace’s modules, with its status and owner, and nothing else', async () => {
    const table = readmeErrorTable();
    const declared = await declaredErrorCodes();
    const undocumented = [...declared.keys()].filter((code) => !table.has(code));
    const unknown = [...table.keys()].filter((code) => !declared.has(code));
    expect({ undocumented, unknown }).toEqual({ undocumented: [], unknown: [] });
    for (const [code, { status, owner }] of declared) expect(table.get(code), code).toEqual({ status, owner });
  });

  it('every code has a message in every supported locale', async () => {
    const missing = [...(await declaredErrorCodes())].flatMap(([code, { messages }]) =>
      supportedLocales.filter((locale) => !messages[locale]).map((locale) => `${code}: ${locale}`),
    );
    expect(missing).toEqual([]);
  });
});
