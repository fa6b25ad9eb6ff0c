import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { moduleNames, type ModuleNames } from './module-names.js';
import { orionVersions } from './orion-versions.js';
import { ScaffoldError } from './scaffold-error.js';

/** Options of {@link scaffoldModule}. */
export interface ScaffoldOptions {
  /** The package name: `my-notes` or `@acme/my-notes`; the module code is its last part unless `code` is given. */
  name: string;
  /** The module code, kebab-case. Default: the name without its scope. */
  code?: string;
  /** Where to write: a missing or empty folder. Default: the code, in the current folder. */
  dir?: string;
  /** The `@orion/*` versions to depend on. Default: the ones released with this scaffold ({@link orionVersions}). */
  versions?: Readonly<Record<string, string>>;
}

/** What {@link scaffoldModule} wrote. */
export interface ScaffoldResult {
  /** The absolute folder of the new module. */
  dir: string;
  /** The names derived from the package name and code. */
  names: ModuleNames;
  /** The files written, relative to `dir`, sorted. */
  files: string[];
}

/** The template folder, next to `dist/` and `src/` in the package. */
const templatesDir = fileURLToPath(new URL('../templates/', import.meta.url));

/**
 * Templates stored under another name: npm leaves `.gitignore` out of a tarball, and a nested
 * `package.json` would be linted (publint) and read by tools as a package of its own.
 */
const renamed: Record<string, string> = { gitignore: '.gitignore', '_package.json': 'package.json' };

/**
 * Writes a new module package from the templates: every `__code__`, `__camel__`, `__Pascal__`,
 * `__snake__`, `__CONST__`, `__Title__`, `__package__` and `__version:<package>__` in a file's name or
 * text is replaced by the module's names and the `@orion/*` versions.
 *
 * @throws ScaffoldError `CREATE_ORION_MODULE_ERR_NAME_INVALID` or `CREATE_ORION_MODULE_ERR_CODE_RESERVED`
 *   (see {@link moduleNames}); `CREATE_ORION_MODULE_ERR_DIR_NOT_EMPTY` when the folder holds anything.
 * @example
 * ```ts
 * import { scaffoldModule } from 'create-orion-module';
 * const { dir, files } = scaffoldModule({ name: 'my-notes' });
 * console.log(dir, files.length);
 * ```
 */
export function scaffoldModule(options: ScaffoldOptions): ScaffoldResult {
  const names = moduleNames(options.name, options.code);
  const dir = resolve(options.dir ?? names.code);
  if (existsSync(dir) && (!statSync(dir).isDirectory() || readdirSync(dir).length > 0)) {
    throw new ScaffoldError(
      'CREATE_ORION_MODULE_ERR_DIR_NOT_EMPTY',
      `${dir} is not an empty folder: choose another name, or a new folder with --dir.`,
    );
  }
  const versions = options.versions ?? orionVersions();
  const substitute = (text: string) =>
    text
      .replace(/__version:(@[a-z0-9-]+\/[a-z0-9-]+)__/g, (_match, name: string) => {
        const version = versions[name];
        if (version === undefined) throw new Error(`No version known for ${name}`);
        return version;
      })
      .replaceAll('__package__', names.packageName)
      .replaceAll('__code__', names.code)
      .replaceAll('__camel__', names.camel)
      .replaceAll('__Pascal__', names.pascal)
      .replaceAll('__snake__', names.snake)
      .replaceAll('__CONST__', names.constant)
      .replaceAll('__Title__', names.title);

  const files: string[] = [];
  for (const template of templateFiles(templatesDir)) {
    const path = relative(templatesDir, template);
    const parts = path.split(/[\\/]/).map((part) => renamed[part] ?? substitute(part));
    const target = join(dir, ...parts);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, substitute(readFileSync(template, 'utf8')));
    files.push(parts.join('/'));
  }
  return { dir, names, files: files.sort() };
}

function templateFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? templateFiles(join(folder, entry.name)) : [join(folder, entry.name)],
  );
}
