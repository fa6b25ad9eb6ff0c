/**
 * Type-checks every TypeScript example in the documentation, so a wrong example fails the build.
 *
 * Run: `pnpm docs:check` (part of `pnpm test`, and so of CI through `.ci/run`).
 *
 * What is checked
 * - Every ```ts / ```typescript fenced block in `README.md` (root), `packages/*\/README.md`,
 *   `examples/*\/README.md` and `docs/**\/*.md`.
 * - Every ```ts / ```typescript fenced block inside a `/** … *\/` comment in `packages/*\/src/**\/*.ts`
 *   (tests excluded): that is every TSDoc `@example`.
 *
 * How
 * - Each block becomes its own module, `<package>/.doc-examples/<source-path>-<n>.ts`, in the package (or
 *   example app) it documents, so its bare imports (`kysely`, `zod`, `hono`) resolve exactly as they would
 *   for that package; the root README's and `docs/`'s go to `packages/core/.doc-examples/root/`, as for an
 *   app that depends on `@orion/core`. The folders are gitignored and rebuilt on every run.
 * - One TypeScript program checks them all under `tsconfig.base.json` (strict, NodeNext, ESM), with
 *   `@orion/*` (and subpaths such as `@orion/testing/vitest`) mapped to the workspace packages' sources,
 *   so no build is needed and the examples are checked against the code they sit in.
 * - A failure is reported at the example's own line: `packages/orders/src/orders-service.ts:42:7 TS2339 …`.
 *   The process exits 1 when any example fails.
 *
 * Conventions for writing examples
 * - An example is a complete module: it imports what it uses (`import { ordersModule } from '@orion/orders'`).
 *   An example on an internal declaration imports it relatively, as the file around it would
 *   (`from './orders-inputs.js'`): relative imports in TSDoc resolve from the documented file.
 *   Every block is a module (an `export {}` is appended), so top-level `await` works and names never
 *   clash between blocks.
 * - The context an example would otherwise have to build in ten lines is declared once, for all examples,
 *   in `scripts/doc-examples-prelude.d.ts`: `db` (a `Kysely<AnyDatabase>` with the migrations applied), `orion`
 *   (a created `Orion`), `services`, `context` (a resolved metrics context), `requestContext`, `storeId`,
 *   `platformId`, and the app's own authentication (`myAuth`, `mySessions`). A local declaration of the same name shadows the prelude's. Use these names rather than
 *   inventing new free variables; add to the prelude only what many examples share.
 * - Elided code is written so it still compiles: a `// …` comment line (a block comment would end the TSDoc
 *   comment), never a bare `...`.
 * - Opting out: the info string `ts no-check <reason>` (`ts no-check pino is not a dependency of this repository`)
 *   skips a block. Use it sparingly and always say why; the run lists every skipped block.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const generatedFolder = '.doc-examples';
const preludePath = join(root, 'scripts', 'doc-examples-prelude.d.ts');

/** One fenced TypeScript block found in a document. */
export interface DocExample {
  /** The document, relative to the repository root with `/` separators. */
  source: string;
  /** 1-based line in the document of the block's first code line. */
  line: number;
  /** The block's code, one entry per line, comment prefixes and the fence's indentation removed. */
  code: string[];
  /** How many characters were removed from the start of each code line (` * ` and indentation). */
  indent: number;
  /** The reason given after `no-check`, when the block opts out. */
  skipReason?: string;
}

// A fence line: three or more backticks and an info string without backticks (CommonMark).
const fence = /^(\s*)(`{3,})\s*(ts|typescript)\b([^`]*)$/;
const anyFence = /^\s*`{3,}[^`]*$/;
const closingFence = /^\s*`{3,}\s*$/;

/**
 * Finds the fenced TypeScript blocks among `lines`, whose document line numbers are `lineNumbers`;
 * `prefix` is how many characters were already cut from each line (a TSDoc comment's ` * `).
 */
function fencedBlocks(
  source: string,
  lines: readonly string[],
  lineNumbers: readonly number[],
  prefix = 0,
): DocExample[] {
  const examples: DocExample[] = [];
  for (let i = 0; i < lines.length; i++) {
    const opening = fence.exec(lines[i]!);
    if (!opening) {
      // Skip other languages' blocks whole, so their contents are never mistaken for fences.
      if (anyFence.test(lines[i]!)) {
        for (i++; i < lines.length && !closingFence.test(lines[i]!); i++);
      }
      continue;
    }
    const indent = opening[1]!.length;
    const info = opening[4]!.trim();
    const code: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !closingFence.test(lines[j]!); j++) code.push(lines[j]!.slice(indent));
    if (j >= lines.length) throw new Error(`${source}:${lineNumbers[i]}: unclosed code fence`);
    const example: DocExample = { source, line: lineNumbers[i]! + 1, code, indent: prefix + indent };
    const optOut = /^no-check\b\s*(.*)$/.exec(info);
    if (optOut) {
      if (!optOut[1]) throw new Error(`${source}:${lineNumbers[i]}: "no-check" needs a reason after it`);
      example.skipReason = optOut[1];
    }
    examples.push(example);
    i = j;
  }
  return examples;
}

/**
 * The examples of one document: the fenced blocks of a Markdown file, or those inside the `/** … *\/`
 * comments of a TypeScript file (with the leading ` * ` removed). `source` is the document's path
 * relative to the repository root; it decides the kind and where the example's module goes.
 *
 * @throws Error for an unclosed fence, a `no-check` without a reason, or an `@example` without a fence.
 */
export function extractExamples(source: string, text: string): DocExample[] {
  const lines = text.split('\n');
  if (source.endsWith('.md'))
    return fencedBlocks(
      source,
      lines,
      lines.map((_, index) => index + 1),
    );
  const examples: DocExample[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*\/\*\*/.test(lines[i]!) || lines[i]!.includes('*/')) continue;
    const body: string[] = [];
    const numbers: number[] = [];
    const prefix = /^\s*\* ?/.exec(lines[i + 1] ?? '')?.[0].length ?? 0;
    for (i++; i < lines.length && !lines[i]!.includes('*/'); i++) {
      body.push(lines[i]!.replace(/^\s*\* ?/, ''));
      numbers.push(i + 1);
    }
    body.forEach((line, index) => {
      // An `@example` is checked through its fence: one without a fence would silently go unchecked.
      if (!/^@example\b/.test(line.trim())) return;
      const next = body.slice(index + 1).find((candidate) => candidate.trim() !== '');
      if (next === undefined || !anyFence.test(next)) {
        throw new Error(`${source}:${numbers[index]}: @example without a \`\`\`ts fence; put its code in one`);
      }
    });
    examples.push(...fencedBlocks(source, body, numbers, prefix));
  }
  return examples;
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

function filesUnder(dir: string, accept: (path: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) found.push(...filesUnder(path, accept));
    } else if (accept(path)) found.push(path);
  }
  return found;
}

function childDirs(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isDirectory());
}

/**
 * The folder an example's module is written to: its package's or its example app's, so that its bare
 * imports resolve through that package's dependencies. The root README and `docs/` are written for an
 * app that depends on `@orion/core` (and so has `kysely`, `zod`, `hono` and, as a peer, `fastify`): their
 * examples resolve through `packages/core`.
 */
function ownerDir(source: string, folder: string): string {
  const match = /^(packages|examples)\/[^/]+/.exec(source);
  return match ? join(root, match[0], folder) : join(root, 'packages', 'core', folder, 'root');
}

/** Every example of the repository's READMEs, `docs/` and packages' TSDoc, in a stable order. */
export function collectExamples(): DocExample[] {
  const packageDirs = childDirs(join(root, 'packages'));
  const exampleDirs = existsSync(join(root, 'examples')) ? childDirs(join(root, 'examples')) : [];
  const markdown = [
    join(root, 'README.md'),
    ...[...packageDirs, ...exampleDirs].map((dir) => join(dir, 'README.md')),
    ...filesUnder(join(root, 'docs'), (path) => path.endsWith('.md')),
  ].filter((path) => existsSync(path));
  const isSource = (path: string) =>
    path.endsWith('.ts') && !path.endsWith('.d.ts') && !/\.test\.ts$/.test(path) && !path.includes(`${sep}test${sep}`);
  const sources = packageDirs.flatMap((dir) => filesUnder(join(dir, 'src'), isSource));
  return [...markdown, ...sources].flatMap((file) =>
    extractExamples(toPosix(relative(root, file)), readFileSync(file, 'utf8')),
  );
}

/** The path of the generated module of each checked (not skipped) example. */
function modulePaths(examples: readonly DocExample[], folder: string): Map<string, DocExample> {
  const modules = new Map<string, DocExample>();
  const counters = new Map<string, number>();
  for (const example of examples) {
    if (example.skipReason) continue;
    const n = (counters.get(example.source) ?? 0) + 1;
    counters.set(example.source, n);
    const base = example.source
      .replace(/^(packages|examples)\/[^/]+\//, '')
      .replace(/\.(ts|md)$/, '')
      .replaceAll('/', '__');
    modules.set(join(ownerDir(example.source, folder), `${base}-${n}.ts`), example);
  }
  return modules;
}

/**
 * The module text of an example: a header line, then the block line for line (module line k, 1-based, is
 * document line `example.line + k - 2`), then `export {}`. A relative import in a TSDoc example means the
 * same as it would in the file around it (`from './orders-inputs.js'` in `orders/src/orders-service.ts`).
 */
function moduleText(path: string, example: DocExample): string {
  const sourceDir = dirname(join(root, example.source));
  const code = example.code.map((line) =>
    line.replace(
      /(\bfrom\s+|\bimport\s*\(\s*)(['"])(\.{1,2}\/[^'"]*)\2/g,
      (_, lead: string, quote: string, specifier: string) => {
        let target = toPosix(relative(dirname(path), resolve(sourceDir, specifier)));
        if (!target.startsWith('.')) target = `./${target}`;
        return `${lead}${quote}${target}${quote}`;
      },
    ),
  );
  return `// Generated by scripts/check-doc-examples.ts from ${example.source}:${example.line}; do not edit.\n${code.join('\n')}\nexport {};\n`;
}

/**
 * Maps each workspace package's name and subpath exports to its sources (`./dist/vitest.js` is
 * `./src/vitest.ts`), so the examples are checked against the code they sit in, without a build.
 */
function workspacePaths(): Record<string, string[]> {
  const paths: Record<string, string[]> = {};
  for (const dir of childDirs(join(root, 'packages'))) {
    const manifestPath = join(dir, 'package.json');
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
      name: string;
      exports?: Record<string, unknown>;
    };
    for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
      const file = typeof target === 'string' ? target : (target as { default?: string }).default;
      const source = file && /^\.\/dist\/(.+)\.js$/.exec(file);
      if (!source) continue;
      paths[`${manifest.name}${subpath.slice(1)}`] = [join(dir, 'src', `${source[1]}.ts`)];
    }
  }
  return paths;
}

function compilerOptions(): ts.CompilerOptions {
  const configPath = join(root, 'tsconfig.base.json');
  const config = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root, undefined, configPath);
  return {
    ...parsed.options,
    noEmit: true,
    declaration: false,
    sourceMap: false,
    paths: workspacePaths(),
  };
}

/** One error of one example, at the example's place in its document. */
export interface DocExampleFailure {
  /** `source:line:column` in the document, or the generated file's place for an error outside any example. */
  at: string;
  example?: DocExample;
  diagnostic: ts.Diagnostic;
  message: string;
}

/** The result of checking every example. */
export interface DocExamplesCheck {
  examples: DocExample[];
  modules: Map<string, DocExample>;
  program: ts.Program;
  failures: DocExampleFailure[];
}

/**
 * Type-checks `examples` (by default every example of the repository) in one program, after rewriting
 * their modules under `folder` (by default `.doc-examples`) in each package.
 */
export function checkDocExamples(options: { examples?: DocExample[]; folder?: string } = {}): DocExamplesCheck {
  const examples = options.examples ?? collectExamples();
  const modules = modulePaths(examples, options.folder ?? generatedFolder);
  for (const dir of new Set([...modules.keys()].map((path) => dirname(path))))
    rmSync(dir, { recursive: true, force: true });
  for (const [path, example] of modules) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, moduleText(path, example));
  }
  const program = ts.createProgram([preludePath, ...modules.keys()], compilerOptions());
  const checked = new Set([preludePath, ...modules.keys()]);
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...program
      .getSourceFiles()
      .filter((file) => checked.has(resolve(file.fileName)))
      .flatMap((file) => [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]),
  ];
  const failures = diagnostics.map((diagnostic): DocExampleFailure => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n  ');
    const file = diagnostic.file;
    if (!file || diagnostic.start === undefined) return { at: '(compiler options)', diagnostic, message };
    const { line, character } = file.getLineAndCharacterOfPosition(diagnostic.start);
    const example = modules.get(resolve(file.fileName));
    if (!example)
      return { at: `${toPosix(relative(root, file.fileName))}:${line + 1}:${character + 1}`, diagnostic, message };
    const column = character + 1 + (line === 0 ? 0 : example.indent);
    return { at: `${example.source}:${example.line + line - 1}:${column}`, example, diagnostic, message };
  });
  // By document and line, so the report reads in the order of the files.
  const place = (failure: DocExampleFailure) => failure.at.replace(/\d+/g, (digits) => digits.padStart(8, '0'));
  failures.sort((a, b) => (place(a) < place(b) ? -1 : place(a) > place(b) ? 1 : 0));
  return { examples, modules, program, failures };
}

function main(): void {
  const started = performance.now();
  let result: DocExamplesCheck;
  try {
    result = checkDocExamples();
  } catch (error) {
    // A malformed document (an unclosed fence, an @example without one): its place is in the message.
    console.error(`doc examples: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
    return;
  }
  const { examples, modules, failures } = result;
  const skipped = examples.filter((example) => example.skipReason);
  for (const example of skipped) console.log(`skipped ${example.source}:${example.line} (${example.skipReason})`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (failures.length > 0) {
    for (const failure of failures) console.error(`${failure.at} TS${failure.diagnostic.code} ${failure.message}`);
    const documents = new Set(failures.map((failure) => failure.example?.source ?? failure.at));
    console.error(
      `\ndoc examples: ${failures.length} error(s) in ${documents.size} document(s); ` +
        `${modules.size} examples checked, ${skipped.length} skipped (${seconds}s)`,
    );
    process.exitCode = 1;
    return;
  }
  console.log(`doc examples: ${modules.size} checked, ${skipped.length} skipped, all compile (${seconds}s)`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
