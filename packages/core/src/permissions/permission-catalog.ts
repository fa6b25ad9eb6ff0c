import type { Translator } from '../i18n/translator.js';
import type { ModuleRegistry } from '../registry/module-registry.js';

/** A permission as the app's role editor lists it. */
export interface PermissionEntry {
  code: string;
  module: string;
  /** Translated (`permission.<code>` in the module's messages). */
  label: string;
  description?: string;
}

/**
 * Every installed module's permissions, in module order, labels translated into `locale`.
 *
 * @example
 * ```ts
 * orion.permissions({ locale: 'fr' }); // [{ code: 'orders.view', module: 'orders', label: 'Voir les commandes' }, ...]
 * ```
 */
export function listPermissions(registry: ModuleRegistry, translator: Translator, locale?: string): PermissionEntry[] {
  return registry.all().flatMap((module) =>
    module.definition.permissions.map((permission) => ({
      code: permission.code,
      module: module.code,
      label: translator.t(locale, module.code, `permission.${permission.code}`, {}, permission.label),
      ...(permission.description ? { description: permission.description } : {}),
    })),
  );
}
