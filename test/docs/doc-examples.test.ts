import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDocExamples, extractExamples } from '../../scripts/check-doc-examples.js';
import { workspaceRoot } from '../support/package-fixtures.js';

const tsdoc = [
  "import { z } from 'zod';", // 1
  '/**', // 2
  ' * A code.', // 3
  ' *', // 4
  ' * @example', // 5
  ' * ```ts', // 6
  " * import { TenancyService } from '@orion/tenancy';", // 7
  " * await new TenancyService(db).createPlatfrom({ code: 'eu', name: 'Europe' });", // 8
  ' * ```', // 9
  ' */', // 10
  'export const codeSchema = z.string();', // 11
].join('\n');

describe('extractExamples', () => {
  it('takes the fenced blocks of TSDoc comments, without the comment prefix, at their own lines', () => {
    expect(extractExamples('packages/tenancy/src/fake.ts', tsdoc)).toEqual([
      {
        source: 'packages/tenancy/src/fake.ts',
        line: 7,
        indent: 3,
        code: [
          "import { TenancyService } from '@orion/tenancy';",
          "await new TenancyService(db).createPlatfrom({ code: 'eu', name: 'Europe' });",
        ],
      },
    ]);
  });

  it('takes ts and typescript blocks of Markdown, indented ones too, and skips other languages', () => {
    const markdown = [
      '# Title',
      '```sh',
      '```ts',
      'not a fence',
      '```',
      '- item',
      '  ```typescript',
      '  const a = 1;',
      '  ```',
      '```ts',
      'const b = 2;',
      '```',
    ];
    expect(extractExamples('README.md', markdown.join('\n'))).toEqual([
      { source: 'README.md', line: 8, code: ['const a = 1;'], indent: 2 },
      { source: 'README.md', line: 11, code: ['const b = 2;'], indent: 0 },
    ]);
  });

  it('skips a no-check block with its reason, and refuses one without a reason', () => {
    expect(extractExamples('README.md', '```ts no-check needs pino\nimport pino from "pino";\n```')).toEqual([
      { source: 'README.md', line: 2, code: ['import pino from "pino";'], indent: 0, skipReason: 'needs pino' },
    ]);
    expect(() => extractExamples('README.md', '```ts no-check\nx;\n```')).toThrow(
      'README.md:1: "no-check" needs a reason',
    );
  });

  it('refuses an @example without a fence, which would go unchecked', () => {
    const source = ['/**', ' * @example', ' * parse(1);', ' */'].join('\n');
    expect(() => extractExamples('packages/orders/src/fake.ts', source)).toThrow(
      'packages/orders/src/fake.ts:2: @example without',
    );
  });
});

describe('checkDocExamples', () => {
  const folder = '.doc-examples-test';
  afterAll(() => rmSync(join(workspaceRoot, 'packages', 'tenancy', folder), { recursive: true, force: true }));

  it('fails a wrong example at its line in the document, and passes a right one', () => {
    const [wrong] = extractExamples('packages/tenancy/src/fake.ts', tsdoc);
    const right = {
      ...wrong!,
      line: 20,
      code: wrong!.code.map((line) => line.replace('createPlatfrom', 'createPlatform')),
    };
    const { failures } = checkDocExamples({ examples: [wrong!, right], folder });
    expect(failures.map((failure) => [failure.at, failure.diagnostic.code])).toEqual([
      ['packages/tenancy/src/fake.ts:8:33', 2551],
    ]);
    expect(failures[0]!.message).toContain("Property 'createPlatfrom' does not exist on type 'TenancyService'");
  }, 180_000);
});
