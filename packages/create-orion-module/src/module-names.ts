import { ScaffoldError } from './scaffold-error.js';

/** Every name the scaffold derives from a module code; see {@link moduleNames}. */
export interface ModuleNames {
  /** The module code, kebab-case: `my-notes`. */
  code: string;
  /** The npm package name: `my-notes`, or the scoped name given (`@acme/my-notes`). */
  packageName: string;
  /** camelCase: `myNotes` (the module object is `myNotesModule`). */
  camel: string;
  /** PascalCase: `MyNotes` (`MyNotesDatabase`). */
  pascal: string;
  /** snake_case: `my_notes` (table `my_notes_items`, migration `my_notes_001_create_items`). */
  snake: string;
  /** UPPER_SNAKE_CASE: `MY_NOTES` (error codes `MY_NOTES_ERR_…`, environment `MY_NOTES_…`). */
  constant: string;
  /** A human title: `My notes`. */
  title: string;
}

/** Module codes are kebab-case, as `defineModule` checks them. */
const moduleCodePattern = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** An npm package name, optionally scoped, in lower case. */
const packageNamePattern = /^(@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/;

/**
 * Why the host would refuse a module code, or `undefined`. The same rules as `reservedModuleCodeReason`
 * of `@orion/contracts` (a test keeps them equal), so the scaffold needs no runtime dependency.
 */
export function reservedCodeReason(code: string): string | undefined {
  const reserved: Record<string, string> = {
    core: 'the host tracks its own migrations in the table orion_migrations_core',
    orion: 'the host keeps its own messages and error messages in the namespace "orion"',
    module: 'the host names its lifecycle events module.<what> (module.enabled, module.startup, ...)',
  };
  if (Object.hasOwn(reserved, code)) return reserved[code];
  if (code.startsWith('orion-')) return 'codes beginning with "orion-" are kept for the host';
  if (code.endsWith('-lock'))
    return 'a code ending in "-lock" collides with the migration lock table of another module';
  return undefined;
}

/**
 * The names of a new module from the name given on the command line: `my-notes` (package and code
 * `my-notes`) or `@acme/my-notes` (package `@acme/my-notes`, code `my-notes`); `code` overrides the
 * code taken from the name.
 *
 * @throws ScaffoldError `CREATE_ORION_MODULE_ERR_NAME_INVALID` when the name is not a lower-case npm
 *   package name or the code is not kebab-case; `CREATE_ORION_MODULE_ERR_CODE_RESERVED` for a code
 *   the host keeps (`core`, `orion`, `module`, `orion-…`, `…-lock`).
 * @example
 * ```ts
 * import { moduleNames } from 'create-orion-module';
 * moduleNames('my-notes'); // { code: 'my-notes', camel: 'myNotes', snake: 'my_notes', constant: 'MY_NOTES', … }
 * ```
 */
export function moduleNames(name: string, code?: string): ModuleNames {
  if (!packageNamePattern.test(name) || name.length > 214) {
    throw new ScaffoldError(
      'CREATE_ORION_MODULE_ERR_NAME_INVALID',
      `"${name}" is not a package name: use lower case letters, digits and "-", such as my-notes or @acme/my-notes.`,
    );
  }
  const moduleCode = code ?? name.replace(/^@[^/]+\//, '');
  if (!moduleCodePattern.test(moduleCode)) {
    throw new ScaffoldError(
      'CREATE_ORION_MODULE_ERR_NAME_INVALID',
      `"${moduleCode}" is not a module code: module codes are kebab-case, such as my-notes${code === undefined ? ' (give one with --code)' : ''}.`,
    );
  }
  const reason = reservedCodeReason(moduleCode);
  if (reason !== undefined) {
    throw new ScaffoldError(
      'CREATE_ORION_MODULE_ERR_CODE_RESERVED',
      `The module code "${moduleCode}" is reserved: ${reason}. Choose another name, or another code with --code.`,
    );
  }
  const words = moduleCode.split('-');
  const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
  return {
    code: moduleCode,
    packageName: name,
    camel: words[0] + words.slice(1).map(capital).join(''),
    pascal: words.map(capital).join(''),
    snake: words.join('_'),
    constant: words.join('_').toUpperCase(),
    title: capital(words.join(' ')),
  };
}
