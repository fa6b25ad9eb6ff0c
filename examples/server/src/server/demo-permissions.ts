import type { Frontend, Orion } from '@orion/core';

/**
 * The demo's roles, kept simple: a store token holds every store-frontend permission and a
 * platform token every admin-frontend permission. A permission belongs to a frontend when one of
 * that frontend's routes or menu items asks for it; the list keeps `orion.permissions()` order.
 *
 * @example
 * ```ts
 * frontendPermissions(orion, 'store'); // ['orders.view', 'orders.place', 'orders.manage', 'catalog.products.view', ...]
 * ```
 */
export function frontendPermissions(orion: Orion, frontend: Frontend): string[] {
  const used = new Set<string>();
  for (const module of orion.registry.all()) {
    for (const route of module.definition.routes[frontend] ?? []) if (route.permission) used.add(route.permission);
    for (const item of module.definition.menuItems)
      if (item.frontend === frontend && item.permission) used.add(item.permission);
  }
  return orion
    .permissions()
    .map((permission) => permission.code)
    .filter((code) => used.has(code));
}
