/**
 * The README's "Writing a module" example is type-checked as printed: its code is
 * `packages/orders/test/readme-module-example.ts`, which the orders package's `tsc` checks under
 * strict with `@orion/contracts`, `@orion/tenancy`, `kysely` and `zod` resolved as a module
 * package resolves them. This test keeps the two the same.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workspaceRoot } from '../support/package-fixtures.js';

const readme = readFileSync(join(workspaceRoot, 'README.md'), 'utf8');
const section = readme.slice(
  readme.indexOf('## Writing a module\n'),
  readme.indexOf('\n## ', readme.indexOf('## Writing a module\n') + 1),
);

describe('README "Writing a module"', () => {
  it('prints exactly the example file that tsc checks', () => {
    const printed = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    expect(printed).toBe(readFileSync(join(workspaceRoot, 'packages/orders/test/readme-module-example.ts'), 'utf8'));
  });

  it('shows a package.json with a version and the peer dependencies the example imports', () => {
    const packageJson = JSON.parse(/```json\n([\s\S]*?)```/.exec(section)?.[1] ?? '{}') as {
      version?: string;
      peerDependencies?: Record<string, string>;
    };
    expect(packageJson.version).toMatch(/^\d+\.\d+\.\d+$/);
    const imported = [...(/```ts\n([\s\S]*?)```/.exec(section)?.[1] ?? '').matchAll(/from '([^']+)'/g)].map(
      (match) => match[1],
    );
    expect(imported.length).toBeGreaterThan(0);
    expect(Object.keys(packageJson.peerDependencies ?? {}).sort()).toEqual([...new Set(imported)].sort());
  });
});
