import { OrionError, type ModuleContext, type ServiceLocator, type ServiceRef } from '@orion/contracts';
import type { ModuleRegistry } from '../registry/module-registry.js';

interface Provision {
  module: string;
  factory: (context: ModuleContext) => unknown;
}

/**
 * Finds the implementation of a {@link ServiceRef} among installed modules' `provides`, builds it
 * once per host, and hides it from platforms where the providing module is not enabled.
 *
 * @example
 * ```ts
 * import { catalogProductWriterRef } from '@orion/contracts';
 * import { createOrion } from '@orion/core';
 * const orion = await createOrion();
 * const writer = await orion.services.get(catalogProductWriterRef, { platformId: 1 });
 * if (writer) {
 *   await writer.upsertProducts(orion.db, 12, [{ sku: 'MUG-1', title: 'Mug', price: 1290, currency: 'EUR' }]);
 * }
 * ```
 */
export class ServiceRegistry implements ServiceLocator {
  readonly #provisions = new Map<string, Provision>();
  readonly #instances = new Map<string, Promise<unknown>>();
  readonly #isEnabled: (platformId: number, code: string) => Promise<boolean>;
  readonly #contextFor: (code: string) => Promise<ModuleContext>;

  constructor(
    registry: ModuleRegistry,
    isEnabled: (platformId: number, code: string) => Promise<boolean>,
    contextFor: (code: string) => Promise<ModuleContext>,
  ) {
    this.#isEnabled = isEnabled;
    this.#contextFor = contextFor;
    for (const module of registry.all()) {
      for (const provision of module.definition.provides) {
        if (!this.#provisions.has(provision.ref.id)) {
          this.#provisions.set(provision.ref.id, { module: module.code, factory: provision.factory });
        }
      }
    }
  }

  /** The module that provides `ref`, if one is installed. */
  providerOf(ref: ServiceRef<unknown>): string | undefined {
    return this.#provisions.get(ref.id)?.module;
  }

  async get<T>(ref: ServiceRef<T>, options: { platformId?: number } = {}): Promise<T | undefined> {
    const provision = this.#provisions.get(ref.id);
    if (!provision) return undefined;
    if (options.platformId !== undefined && !(await this.#isEnabled(options.platformId, provision.module))) {
      return undefined;
    }
    let instance = this.#instances.get(ref.id);
    if (!instance) {
      instance = this.#contextFor(provision.module).then((context) => provision.factory(context));
      instance.catch(() => this.#instances.delete(ref.id));
      this.#instances.set(ref.id, instance);
    }
    return (await instance) as T;
  }

  async require<T>(ref: ServiceRef<T>, options: { platformId?: number } = {}): Promise<T> {
    const service = await this.get(ref, options);
    if (service === undefined) {
      throw new OrionError('ORION_ERR_SERVICE_UNAVAILABLE', {
        serviceId: ref.id,
        scope: options.platformId === undefined ? '' : ` on platform ${options.platformId}`,
      });
    }
    return service;
  }
}
