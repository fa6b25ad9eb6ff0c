/**
 * Who is asking: the demo's bearer-token authentication, and the scope checks every route makes
 * after it. A store token reaches its own store on the platforms the store is an active member
 * of; a platform token reaches one platform and the stores with an active membership in it.
 */
import { OrionError, hasActiveStoreMembership } from '@orion/core';
import type { Kysely } from 'kysely';
import type { AnyDatabase } from '@orion/core';
import type { AccessScope, AccessTokens } from '../access/access-tokens.js';

/**
 * The scope of the request's `Authorization: Bearer <token>`.
 *
 * @throws OrionError `ORION_ERR_UNAUTHENTICATED` (401) without a bearer token or with one that is
 *   not live.
 */
export async function authenticate(
  authorization: string | null | undefined,
  tokens: AccessTokens,
): Promise<AccessScope> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) throw new OrionError('ORION_ERR_UNAUTHENTICATED', { reason: 'send Authorization: Bearer <token>' });
  const scope = await tokens.resolve(match[1]!);
  if (!scope) throw new OrionError('ORION_ERR_UNAUTHENTICATED', { reason: 'the token is not valid' });
  return scope;
}

/**
 * A 403 naming what the token would need: `platform:<id>`, `store:<id>`, `frontend:<name>`.
 *
 * @example
 * ```ts
 * throw forbidden('platform:2'); // ORION_ERR_FORBIDDEN: This needs the permission "platform:2".
 * ```
 */
export function forbidden(permission: string): OrionError {
  return new OrionError('ORION_ERR_FORBIDDEN', { permission });
}

/**
 * Lets only the platform token of `platformId` through.
 *
 * @throws OrionError `ORION_ERR_FORBIDDEN` for a store token or another platform's token.
 */
export function requirePlatformToken(
  scope: AccessScope,
  platformId: number,
): Extract<AccessScope, { kind: 'platform' }> {
  if (scope.kind !== 'platform' || scope.platformId !== platformId) throw forbidden(`platform:${platformId}`);
  return scope;
}

/**
 * Lets through the platform token of `platformId`, and a store token whose store has an active
 * membership in `platformId`.
 *
 * @throws OrionError `ORION_ERR_FORBIDDEN` otherwise.
 */
export async function requirePlatformAccess(
  db: Kysely<AnyDatabase>,
  scope: AccessScope,
  platformId: number,
): Promise<void> {
  const allowed =
    scope.kind === 'platform'
      ? scope.platformId === platformId
      : await hasActiveStoreMembership(db, scope.storeId, platformId);
  if (!allowed) throw forbidden(`platform:${platformId}`);
}
