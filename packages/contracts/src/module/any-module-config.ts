/**
 * The configuration type of code that works with whichever module's configuration it is given:
 * the default of every `TConfig` parameter (a module that declares no `config` schema, a route or
 * task written with {@link defineRoute} or {@link defineTask}, the host's list of modules).
 *
 * It is `any`, not `unknown`, on purpose: hooks, handlers and service factories take the
 * configuration as a parameter, so a module typed with its own configuration
 * (`ModuleDefinition<NotesConfig>`) fits where any module is expected only if the default is
 * `any` (a parameter of type `unknown` would reject it), and an untyped route reads its
 * `config.whatever` without a cast. Prefer the module's own type, inferred from `config.schema`
 * or given to {@link moduleKit}, wherever you write a module.
 *
 * @example
 * ```ts
 * import type { AnyDatabase, AnyModuleConfig, ModuleDefinition } from '@orion/contracts';
 *
 * export function moduleCodes(modules: readonly ModuleDefinition<AnyModuleConfig, AnyDatabase>[]): string[] {
 *   return modules.map((module) => module.code);
 * }
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the one named way to accept any module's configuration
export type AnyModuleConfig = any;
