/**
 * Who is asking, as the app's own authentication resolved it for one request. Orion never
 * authenticates: the app's `resolveContext` turns a request into this.
 *
 * @example
 * ```ts
 * import type { RequestContext } from '@orion/contracts';
 *
 * const context: RequestContext = { platformId: 1, storeId: 12, userId: 7, permissions: ['orders.view'], locale: 'de' };
 * ```
 */
export interface RequestContext {
  /** The platform the request is for; modules not enabled there answer 404. */
  platformId: number;
  /** The store, for `store` routes (and storefront routes of one shop). */
  storeId?: number;
  userId?: number;
  /** Permission codes the caller holds, such as `orders.view`. */
  permissions: readonly string[];
  /** BCP 47 language for messages (`de`, `fr-LU`); default `en`. */
  locale?: string;
}
