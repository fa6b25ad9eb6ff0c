import { OrionError, type FetchHandler, type Orion, type RequestContext } from '@orion/core';
import type { AccessTokens } from '../access/access-tokens.js';
import { authenticate, forbidden, requirePlatformAccess } from './caller.js';
import { parseId } from './request-input.js';
import { requestLocale } from './request-locale.js';

/** The header a store token names the platform of a module route with. */
export const platformHeader = 'x-orion-platform';

/**
 * Every installed module's routes, `/api/v1/<frontend>/<module>/…`, as Orion's own fetch handler,
 * with the request context built from the bearer token:
 *
 * - `store` (and `storefront`) routes: a store token, and `X-Orion-Platform: <id>` naming one of
 *   the platforms the store is an active member of → `{ platformId, storeId, userId, permissions, locale }`;
 * - `admin` routes: a platform token → `{ platformId, userId, permissions, locale }`.
 *
 * No token or a dead one answers 401; the wrong kind of token, or a missing or foreign platform
 * header, 403; any other path under `/api/v1` 404. The locale is the `Accept-Language` one.
 */
export function createModuleRoutes(
  orion: Orion,
  tokens: AccessTokens,
  permissions: { store: readonly string[]; admin: readonly string[] },
): FetchHandler {
  return orion.createRequestHandler({
    resolveContext: async (request): Promise<RequestContext> => {
      const scope = await authenticate(request.headers.get('authorization'), tokens);
      const path = new URL(request.url).pathname;
      const frontend = /^\/api\/v1\/([^/]+)/.exec(path)?.[1];
      const locale = requestLocale(undefined, request.headers.get('accept-language') ?? undefined);
      if (frontend === 'admin') {
        if (scope.kind !== 'platform') throw forbidden('frontend:admin');
        return { platformId: scope.platformId, userId: scope.userId, permissions: permissions.admin, locale };
      }
      if (frontend === 'store' || frontend === 'storefront') {
        if (scope.kind !== 'store') throw forbidden(`frontend:${frontend}`);
        const header = request.headers.get(platformHeader) ?? '';
        let platformId: number;
        try {
          platformId = parseId(header, platformHeader);
        } catch {
          // a validation error thrown here would read as the app's bug (500): a bad header is a 403
          throw forbidden(`platform:<id> in X-Orion-Platform`);
        }
        await requirePlatformAccess(orion.db, scope, platformId);
        return { platformId, storeId: scope.storeId, userId: scope.userId, permissions: permissions.store, locale };
      }
      throw new OrionError('ORION_ERR_ROUTE_NOT_FOUND', { method: request.method, path });
    },
  });
}
