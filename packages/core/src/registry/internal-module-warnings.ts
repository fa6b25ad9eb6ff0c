import type { ModuleDefinition } from '@orion/contracts';
import { tierOf } from './module-registry.js';

/** An internal module that declares store or storefront routes or menu items, which the host never serves. */
export interface InternalModuleWarning {
  /** The module's code. */
  module: string;
  /** What the host leaves out, such as `store route GET /notes` or `storefront menu item "audit.home"`. */
  entries: string[];
  /** One line for a log or `orion check`. */
  message: string;
}

/**
 * The internal modules among `definitions` that declare store or storefront routes or menu items.
 *
 * Internal modules are the platform operator's tools: the request handler mounts their routes under
 * the admin frontend only and the menu lists their items in the admin menu only, so such entries are
 * dead. Not an error (nothing is exposed), but a sign the author meant something else: `createOrion`
 * logs each as a warning when the host starts and `orion check` prints it (without failing).
 */
export function internalModuleWarnings(definitions: readonly ModuleDefinition[]): InternalModuleWarning[] {
  const warnings: InternalModuleWarning[] = [];
  for (const definition of definitions) {
    if (tierOf(definition) !== 'internal') continue;
    const entries = [
      ...(['store', 'storefront'] as const).flatMap((frontend) =>
        (definition.routes[frontend] ?? []).map((route) => `${frontend} route ${route.method} ${route.path}`),
      ),
      ...definition.menuItems
        .filter((item) => item.frontend !== 'admin')
        .map((item) => `${item.frontend} menu item "${item.id}"`),
    ];
    if (entries.length === 0) continue;
    warnings.push({
      module: definition.code,
      entries,
      message:
        `Internal module "${definition.code}" declares ${entries.join(', ')}; internal modules are admin-only, ` +
        'so the host does not serve them. Move them to the admin frontend, or make the module optional.',
    });
  }
  return warnings;
}
