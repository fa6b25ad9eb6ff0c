/**
 * The context every documentation example may use without building it (see scripts/check-doc-examples.ts).
 *
 * Keep it small: a name belongs here only when many examples share it. An example's own declaration of
 * one of these names shadows it.
 */
import type { Kysely } from 'kysely';
import type { AnyDatabase } from '@orion/contracts';
import type { Orion, RequestContext, ResolvedMetricsContext, ServiceLocator } from '@orion/core';

declare global {
  /** The host's database, with the migrations of the modules in the example applied. */
  const db: Kysely<AnyDatabase>;
  /** A host created with `createOrion()`. */
  const orion: Orion;
  /** The resolved metrics window and options a metrics provider receives. */
  const context: ResolvedMetricsContext;
  /** Where a module finds other modules' services (a route handler's `services`). */
  const services: ServiceLocator;
  /** The caller of an HTTP route, as the host resolves it. */
  const requestContext: RequestContext;
  /** The app's own authentication, which Orion leaves to the app: who sends `request`. */
  function myAuth(request: Request): Promise<RequestContext>;
  /** The app's own session store, which Orion leaves to the app. */
  const mySessions: {
    verify(
      authorization: string | null,
    ): Promise<(Omit<RequestContext, 'permissions'> & { permissions: string[] }) | undefined>;
  };
  /** A store's id. */
  const storeId: number;
  /** A platform's id. */
  const platformId: number;
}

export {};
