import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostErrors, supportedLocales, type ModuleDefinition } from '../../packages/contracts/src/index.js';
import { workspaceRoot } from '../support/package-fixtures.js';

/** One row of the README's error table. */
interface Row {
  status: number;
  audience: string;
  owner: string;
  /** The English message template. */
  message: string;
}

/**
 * The README's error table by code: rows `| `CODE` | status | audience | owner | `` message `` |`,
 * the message in double backticks with `|` written `\|`.
 */
function readmeErrorTable(): Map<string, Row> {
  const readme = readFileSync(join(workspaceRoot, 'README.md'), 'utf8');
  const rows = new Map<string, Row>();
  for (const match of readme.matchAll(
    /^\| `([A-Z][A-Z0-9_]*_ERR_[A-Z0-9_]+)` \| (\d{3}) \| ([a-z]+) \| ([a-z-]+) \| `` (.*) `` \|$/gm,
  )) {
    expect(rows.has(match[1]!), `${match[1]} is listed twice`).toBe(false);
    rows.set(match[1]!, {
      status: Number(match[2]),
      audience: match[3]!,
      owner: match[4]!,
      message: match[5]!.replace(/\\\|/g, '|'),
    });
  }
  return rows;
}

/**
 * Every code the host and the workspace's modules declare, with its row as the README should
 * show it, and its messages by locale. A module's code is for the client when the host answers it
 * with its status and message (4xx and 503), as `errorResponse` does.
 */
async function declaredErrorCodes(): Promise<Map<string, { row: Row; messages: Partial<Record<string, string>> }>> {
  const codes = new Map<string, { row: Row; messages: Partial<Record<string, string>> }>();
  for (const [code, entry] of Object.entries(hostErrors)) {
    codes.set(code, {
      row: { status: entry.status, audience: entry.audience, owner: 'host', message: entry.message },
      messages: { en: entry.message, ...entry.messages },
    });
  }
  for (const folder of readdirSync(join(workspaceRoot, 'packages'))) {
    const dir = join(workspaceRoot, 'packages', folder);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    if (!manifest.orion) continue;
    const entry = (await import(join(dir, 'src', 'index.ts'))) as Record<string, ModuleDefinition>;
    const definition = entry[manifest.orion.export ?? 'default']!;
    for (const [code, error] of Object.entries(definition.errors)) {
      const audience = error.status < 500 || error.status === 503 ? 'client' : 'server';
      codes.set(code, {
        row: { status: error.status, audience, owner: definition.code, message: error.message },
        messages: { en: error.message, ...error.messages },
      });
    }
  }
  return codes;
}

describe('the README’s error table', () => {
  it('lists every code of the host and of the workspace’s modules, with its status, audience, owner and message, and nothing else', async () => {
    const table = readmeErrorTable();
    const declared = await declaredErrorCodes();
    const undocumented = [...declared.keys()].filter((code) => !table.has(code));
    const unknown = [...table.keys()].filter((code) => !declared.has(code));
    expect({ undocumented, unknown }).toEqual({ undocumented: [], unknown: [] });
    for (const [code, { row }] of declared) expect(table.get(code), code).toEqual(row);
  });

  it('every code has a message in every supported locale', async () => {
    const missing = [...(await declaredErrorCodes())].flatMap(([code, { messages }]) =>
      supportedLocales.filter((locale) => !messages[locale]).map((locale) => `${code}: ${locale}`),
    );
    expect(missing).toEqual([]);
  });
});
