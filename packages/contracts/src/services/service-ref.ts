const SERVICE_REF_TYPE = '@orion/ServiceRef';

/**
 * A typed handle for a cross-module service: the provider registers an implementation under it and
 * any module asks for it by the same handle, without importing the provider's package.
 *
 * Refs are compared by `id`, so two copies of the package that defines a ref still match.
 */
export interface ServiceRef<TService> {
  /** The brand (`SERVICE_REF_TYPE`), written out so the published types need no unexported constant. */
  readonly $$type: '@orion/ServiceRef';
  readonly $$version: 1;
  /** Stable id, `<module>.<service>`, such as `catalog.product-writer`. */
  readonly id: string;
  readonly description?: string | undefined;
  /**
   * Type carrier only; never set at run time. (The type parameter is not named `T` like this
   * property: API Extractor cannot report a property named after its interface's type parameter.)
   */
  readonly T?: TService;
}

/**
 * Creates a {@link ServiceRef}. Put refs in a contracts package both sides can import.
 *
 * @example
 * ```ts
 * import { createServiceRef } from '@orion/contracts';
 * export interface ContentServiceProtocol { render(slug: string): Promise<string> }
 * export const contentServiceRef = createServiceRef<ContentServiceProtocol>({ id: 'cms.content' });
 * ```
 */
export function createServiceRef<T>(options: { id: string; description?: string }): ServiceRef<T> {
  if (!/^[a-z][a-z0-9-]*\.[a-z][a-z0-9.-]*$/.test(options.id)) {
    throw new TypeError(`Service ref id "${options.id}" must look like "<module>.<service>"`);
  }
  return Object.freeze({ $$type: SERVICE_REF_TYPE, $$version: 1, id: options.id, description: options.description });
}

/** Whether `value` is a {@link ServiceRef} from any copy of `@orion/contracts`. */
export function isServiceRef(value: unknown): value is ServiceRef<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { $$type?: unknown }).$$type === SERVICE_REF_TYPE &&
    typeof (value as { id?: unknown }).id === 'string'
  );
}

/** Where a module finds services other modules provide. */
export interface ServiceLocator {
  /**
   * The implementation of `ref` from an installed module, enabled for `platformId` when given;
   * `undefined` when none is.
   */
  get<T>(ref: ServiceRef<T>, options?: { platformId?: number }): Promise<T | undefined>;
  /**
   * Like {@link ServiceLocator.get}, but throws when no module provides it.
   *
   * @throws OrionError `ORION_ERR_SERVICE_UNAVAILABLE`
   */
  require<T>(ref: ServiceRef<T>, options?: { platformId?: number }): Promise<T>;
}
