import {
  OrionError,
  type ModuleContext,
  type ModuleDefinition,
  type ServiceLocator,
  type ServiceRef,
} from '@orion/contracts';
import type { ModuleRegistry } from '../registry/module-registry.js';

/** Two installed modules that provide the same {@link ServiceRef}, found by {@link findServiceProviderDuplicates}. */
export interface ServiceProviderDuplicate {
  /** The service ref's id. */
  serviceId: string;
  /** The module that provides it first, in the registry's (dependency) order. */
  first: string;
  /** The other module that provides it. */
  second: string;
}

/**
 * Every service ref that more than one provision among `modules` provides (two modules, or one
 * module twice), in the modules' order: one entry per extra provider. A service has one provider;
 * `createOrion` refuses to start with any ({@link assertUniqueServiceProviders}) and `orion check`
 * lists them.
 */
export function findServiceProviderDuplicates(
  modules: readonly { definition: Pick<ModuleDefinition, 'code' | 'provides'> }[],
): ServiceProviderDuplicate[] {
  const providers = new Map<string, string>();
  const duplicates: ServiceProviderDuplicate[] = [];
  for (const module of modules) {
    for (const provision of module.definition.provides ?? []) {
      const first = providers.get(provision.ref.id);
      if (first === undefined) providers.set(provision.ref.id, module.definition.code);
      else duplicates.push({ serviceId: provision.ref.id, first, second: module.definition.code });
    }
  }
  return duplicates;
}

/**
 * Throws when two installed modules provide the same service ref; `createOrion` calls it before it
 * opens the database.
 *
 * @throws OrionError `ORION_ERR_SERVICE_PROVIDER_DUPLICATE` naming the service and both modules.
 */
export function assertUniqueServiceProviders(registry: Pick<ModuleRegistry, 'all'>): void {
  const [duplicate] = findServiceProviderDuplicates(registry.all());
  if (duplicate) throw new OrionError('ORION_ERR_SERVICE_PROVIDER_DUPLICATE', { ...duplicate });
}

interface Provision {
  module: string;
  factory: (context: ModuleContext) => unknown;
}

/**
 * Finds the implementation of a {@link ServiceRef} among installed modules' `provides`, builds it
 * once per host, and hides it from platforms where the providing module is not enabled. Each ref
 * has one provider: two modules providing the same ref is `ORION_ERR_SERVICE_PROVIDER_DUPLICATE`.
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
    assertUniqueServiceProviders(registry);
    for (const module of registry.all()) {
      for (const provision of module.definition.provides) {
        this.#provisions.set(provision.ref.id, { module: module.code, factory: provision.factory });
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
