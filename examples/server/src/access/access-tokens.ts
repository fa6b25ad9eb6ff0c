import { createHash, randomBytes } from 'node:crypto';
import { OrionError, TenancyService, idSchema, parseInput, platformExists, toNumber } from '@orion/core';
import type { Kysely } from 'kysely';
import type { AnyDatabase } from '@orion/core';
import type { DemoAccessDatabase } from './schema.js';

/** What a token may reach: one store (on the platforms it is a member of), or one platform. */
export type AccessScope =
  | { kind: 'store'; label: string; userId: number; storeId: number }
  | { kind: 'platform'; label: string; userId: number; platformId: number };

/** Input of {@link AccessTokens.issue}. */
export type IssueTokenInput =
  | { kind: 'store'; storeId: number; userId: number; label: string }
  | { kind: 'platform'; platformId: number; userId: number; label: string };

const tokenPrefix = { store: 'orion_store_', platform: 'orion_platform_' } as const;

/** The SHA-256 of a token, as stored: 64 lower-case hex digits. */
function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The demo's bearer tokens. A token is 32 random bytes in base64url behind `orion_store_` or
 * `orion_platform_`; only its SHA-256 is stored, so the plain token exists once, in the answer of
 * {@link AccessTokens.issue}.
 *
 * @example
 * ```ts
 * import { AccessTokens } from './access/access-tokens.js';
 *
 * const tokens = new AccessTokens(orion.db);
 * const token = await tokens.issue({ kind: 'store', storeId: 12, userId: 7, label: 'store:velo-vert-1' });
 * await tokens.resolve(token); // { kind: 'store', storeId: 12, userId: 7, label: 'store:velo-vert-1' }
 * ```
 */
export class AccessTokens {
  readonly #db: Kysely<DemoAccessDatabase>;

  constructor(db: Kysely<AnyDatabase>) {
    this.#db = db as Kysely<DemoAccessDatabase>;
  }

  /**
   * Issues a token and returns it in plain text: the only time it is seen. A label names one
   * token: issuing again under the same label replaces (revokes) the previous one.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for a malformed id or label; `ORION_ERR_NOT_FOUND`
   *   for an unknown store or user; `ORION_ERR_PLATFORM_NOT_FOUND` for an unknown platform.
   */
  async issue(input: IssueTokenInput): Promise<string> {
    const label = typeof input.label === 'string' ? input.label.trim() : '';
    if (label.length < 1 || label.length > 100) {
      throw new OrionError('ORION_ERR_VALIDATION', { subject: 'token label', issues: 'Expected 1 to 100 characters' });
    }
    const userId = parseInput(idSchema, input.userId, 'userId');
    const tenancy = new TenancyService(this.#db);
    await tenancy.getUser(userId);
    let scope: { kind: 'store' | 'platform'; store_id: number | null; platform_id: number | null };
    if (input.kind === 'store') {
      const storeId = parseInput(idSchema, input.storeId, 'storeId');
      await tenancy.getStore(storeId);
      scope = { kind: 'store', store_id: storeId, platform_id: null };
    } else if (input.kind === 'platform') {
      const platformId = parseInput(idSchema, input.platformId, 'platformId');
      if (!(await platformExists(this.#db, platformId)))
        throw new OrionError('ORION_ERR_PLATFORM_NOT_FOUND', { platformId });
      scope = { kind: 'platform', store_id: null, platform_id: platformId };
    } else {
      throw new OrionError('ORION_ERR_VALIDATION', { subject: 'token kind', issues: 'Expected "store" or "platform"' });
    }
    const token = `${tokenPrefix[scope.kind]}${randomBytes(32).toString('base64url')}`;
    await this.#db.transaction().execute(async (trx) => {
      await trx.deleteFrom('demo_api_tokens').where('label', '=', label).execute();
      await trx
        .insertInto('demo_api_tokens')
        .values({
          token_hash: hashToken(token),
          label,
          ...scope,
          user_id: userId,
          created_at: new Date().toISOString(),
        })
        .execute();
    });
    return token;
  }

  /** The scope of a token, or `undefined` for anything that is not a live token. */
  async resolve(token: string): Promise<AccessScope | undefined> {
    if (!token.startsWith(tokenPrefix.store) && !token.startsWith(tokenPrefix.platform)) return undefined;
    const row = await this.#db
      .selectFrom('demo_api_tokens')
      .select(['label', 'kind', 'store_id', 'platform_id', 'user_id'])
      .where('token_hash', '=', hashToken(token))
      .executeTakeFirst();
    if (!row) return undefined;
    const userId = toNumber(row.user_id);
    return row.kind === 'store'
      ? { kind: 'store', label: row.label, userId, storeId: toNumber(row.store_id) }
      : { kind: 'platform', label: row.label, userId, platformId: toNumber(row.platform_id) };
  }
}
