/**
 * @packageDocumentation
 * `create-orion-module`: writes a new Orion module package. Run it as `npm create orion-module@latest
 * my-notes` (or `pnpm create orion-module my-notes`, `yarn create orion-module my-notes`); the same
 * steps are exported for scripts.
 */
export { runCli, type CliIo } from './run-cli.js';
export { scaffoldModule, type ScaffoldOptions, type ScaffoldResult } from './scaffold-module.js';
export { moduleNames, reservedCodeReason, type ModuleNames } from './module-names.js';
export { orionVersions } from './orion-versions.js';
export { ScaffoldError, type ScaffoldErrorCode } from './scaffold-error.js';
