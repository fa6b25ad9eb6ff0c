import type { ServiceLocator, ServiceRef } from '@orion/contracts';

/**
 * The services installed modules provide, found by {@link ServiceRef}: `orion.services`. Each is
 * built once per host and hidden from platforms where the providing module is not enabled.
 *
 * @example
 * ```ts
 * import { catalogProductWriterRef } from '@orion/core';
 *
 * const writer = await orion.services.get(catalogProductWriterRef, { platformId: 1 }); // undefined when catalog is off
 * orion.services.providerOf(catalogProductWriterRef); // 'catalog' when @orion/catalog is installed
 * ```
 */
export interface OrionServices extends ServiceLocator {
  /** The code of the installed module that provides `ref`, or `undefined` when none does. */
  providerOf(ref: ServiceRef<unknown>): string | undefined;
}
