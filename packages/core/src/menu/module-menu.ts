import { frontendSchema, idSchema, parseInput, type Frontend } from '@orion/contracts';
import { z } from 'zod';
import type { ModuleEnablement } from '../enablement/module-enablement.js';
import type { Translator } from '../i18n/translator.js';
import type { ModuleRegistry } from '../registry/module-registry.js';

/** One entry of a frontend's menu, as {@link ModuleMenu.menu} returns it. */
export interface MenuItem {
  id: string;
  /** The module that contributes it. */
  module: string;
  /** Translated into the request's locale. */
  label: string;
  path: string;
  icon?: string;
  order: number;
}

/** Input of {@link ModuleMenu.menu}. */
export interface MenuRequest {
  platformId: number;
  frontend: Frontend;
  /** The caller's permission codes; items that need another are left out. */
  permissions: readonly string[];
  /** Default: `en`. */
  locale?: string;
}

const menuRequestSchema = z.object({
  platformId: idSchema,
  frontend: frontendSchema,
  permissions: z.array(z.string()).readonly(),
  locale: z.string().max(35).optional(),
});

/**
 * The menus of the modules enabled on a platform: one frontend's items, filtered by permission,
 * ordered by `order` then label, labels translated (`menu.<item id>` in the module's messages).
 * An internal module's items are listed in the admin menu only.
 */
export class ModuleMenu {
  readonly #registry: ModuleRegistry;
  readonly #modules: ModuleEnablement;
  readonly #translator: Translator;

  constructor(registry: ModuleRegistry, modules: ModuleEnablement, translator: Translator) {
    this.#registry = registry;
    this.#modules = modules;
    this.#translator = translator;
  }

  /**
   * @throws OrionError `ORION_ERR_VALIDATION`.
   * @example
   * ```ts
   * const items = await orion.menu({ platformId: 1, frontend: 'store', permissions: ['orders.view'], locale: 'de' });
   * ```
   */
  async menu(request: MenuRequest): Promise<MenuItem[]> {
    const input = parseInput(menuRequestSchema, request, 'menu request');
    const items: MenuItem[] = [];
    for (const code of await this.#modules.listEnabled(input.platformId)) {
      const module = this.#registry.require(code);
      for (const item of module.definition.menuItems) {
        if (item.frontend !== input.frontend) continue;
        if (module.tier === 'internal' && item.frontend !== 'admin') continue;
        if (item.permission && !input.permissions.includes(item.permission)) continue;
        items.push({
          id: item.id,
          module: code,
          label: this.#translator.t(input.locale, code, `menu.${item.id}`, {}, item.label),
          path: item.path,
          ...(item.icon ? { icon: item.icon } : {}),
          order: item.order,
        });
      }
    }
    const collator = new Intl.Collator(input.locale ?? 'en');
    return items.sort((a, b) => a.order - b.order || collator.compare(a.label, b.label));
  }
}
