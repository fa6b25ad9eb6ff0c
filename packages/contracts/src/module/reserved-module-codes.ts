/**
 * Module codes the host keeps for its own names, each with the name it would collide with.
 *
 * A module's code becomes part of names the host also uses for itself: its migrations are tracked in
 * `orion_migrations_<code>` (the host's own in `orion_migrations_core`), its messages live in the
 * i18next namespace `<code>` (the host's error messages in `orion`), and the host's lifecycle events
 * are named `module.<what>`. Codes beginning with `orion-` are kept for the host's future own
 * modules. {@link defineModule} rejects these codes with `ORION_ERR_MODULE_DEFINITION_INVALID`.
 *
 * @example
 * ```ts
 * import { reservedModuleCodes } from '@orion/contracts';
 * Object.keys(reservedModuleCodes); // ['core', 'orion', 'module']
 * ```
 */
export const reservedModuleCodes: Readonly<Record<string, string>> = Object.freeze({
  core: 'the host tracks its own migrations in the table orion_migrations_core',
  orion: 'the host keeps its own messages and error messages in the namespace "orion"',
  module: 'the host names its lifecycle events module.<what> (module.enabled, module.startup, ...)',
});

/**
 * Why a module code is reserved, or `undefined` when a module may use it. Besides
 * {@link reservedModuleCodes}: codes beginning with `orion-` (the host's), and codes ending in `-lock`
 * (module `x-lock` would track its migrations in `orion_migrations_x_lock`, the table where module
 * `x`'s migrations take their lock).
 *
 * @example
 * ```ts
 * import { reservedModuleCodeReason } from '@orion/contracts';
 * reservedModuleCodeReason('core');        // 'the host tracks its own migrations in the table orion_migrations_core'
 * reservedModuleCodeReason('order-notes'); // undefined
 * ```
 */
export function reservedModuleCodeReason(code: string): string | undefined {
  if (Object.hasOwn(reservedModuleCodes, code)) return reservedModuleCodes[code];
  if (code.startsWith('orion-')) return 'codes beginning with "orion-" are kept for the host';
  if (code.endsWith('-lock')) {
    const owner = code.slice(0, -'-lock'.length).replace(/-/g, '_');
    return `its migration table orion_migrations_${owner}_lock is the migration lock table of module "${code.slice(0, -'-lock'.length)}"`;
  }
  return undefined;
}
