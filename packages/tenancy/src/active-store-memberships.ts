/**
 * Which stores belong to a platform, for other modules' platform metrics and for the host's
 * dashboard input checks. A store belongs to a platform while its `store_platforms` row is active.
 */
import { sql, type Expression, type Kysely, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import { parseInput, toBoolean, type AnyDatabase } from '@orion/contracts';
import type { TenancyDatabase } from './schema.js';
import { idSchema } from './tenancy-inputs.js';

/**
 * The ids of the stores with an active membership in `platformId`, as a subquery
 * (`select store_id from store_platforms where platform_id = ? and is_active`) to put inside a
 * module's own query. Each store appears once (memberships are unique per store and platform), so
 * the subquery never duplicates rows, and the database answers it from the
 * `store_platforms_platform_active_store_idx` index: one query for the whole platform, never one
 * per store.
 *
 * Build it from the same `db` the outer query uses.
 *
 * @throws OrionError `ORION_ERR_VALIDATION` when `platformId` is not a positive integer.
 * @example
 * ```ts
 * import { activeStoreIdsInPlatform } from '@orion/tenancy';
 *
 * const row = await db
 *   .selectFrom('orders')
 *   .where('store_id', 'in', activeStoreIdsInPlatform(db, platformId))
 *   .where('created_at', '>=', context.dateFrom.toISOString())
 *   .select((eb) => eb.fn.countAll().as('orders'))
 *   .executeTakeFirstOrThrow();
 * ```
 */
export function activeStoreIdsInPlatform(
  db: Kysely<AnyDatabase>,
  platformId: number,
): SelectQueryBuilder<TenancyDatabase, 'store_platforms', { store_id: number }> {
  const id = parseInput(idSchema, platformId, 'platformId');
  return (db as Kysely<TenancyDatabase>)
    .selectFrom('store_platforms')
    .select('store_platforms.store_id')
    .where('store_platforms.platform_id', '=', id)
    .where('store_platforms.is_active', '=', true);
}

/**
 * The condition that the store of each outer row has an active membership in `platformId`, as a
 * correlated subquery to put in the `where` clause of a module's own query:
 * `exists (select 1 from store_platforms where store_platforms.store_id = <store>
 * and store_platforms.platform_id = ? and store_platforms.is_active = true)`.
 *
 * It is a per-row seek: each outer row's store is checked with one index seek on `store_platforms`,
 * every column compared for equality (its `(platform_id, is_active, store_id)` index or its
 * `(store_id, platform_id)` unique one), so the cost follows the outer rows, not the platform's
 * stores. Use it when the outer rows are few and bounded by an index of their own (the orders of
 * part of an hour, read by `created_at`). For the rows of a whole platform use
 * {@link activeStoreIdsInPlatform}: an in-list of the platform's stores, built whole on every call
 * (it grows with the platform's stores) but able to drive per-store indexes of the outer table.
 *
 * `store` is the outer row's store id: a column name, qualified by the outer table's name or alias
 * (`'p.store_id'`), or any expression (`` sql`+orders.store_id` ``, where a unary plus keeps a
 * planner from driving the read from the platform's stores into a per-store index of the outer
 * table). It must not name `store_platforms` itself: inside the subquery that name is the
 * membership row. `is_active = true` reads the same on SQLite (`true` is 1) and PostgreSQL.
 *
 * @throws OrionError `ORION_ERR_VALIDATION` when `platformId` is not a positive integer.
 * @example
 * ```ts
 * import { isActiveStoreInPlatform } from '@orion/tenancy';
 *
 * // the orders of half an hour, each order's store checked with one seek
 * const row = await db
 *   .selectFrom('orders')
 *   .where('created_at', '>=', '2026-10-04T05:30:00.000Z')
 *   .where('created_at', '<', '2026-10-04T06:00:00.000Z')
 *   .where(isActiveStoreInPlatform('orders.store_id', platformId))
 *   .select((eb) => eb.fn.countAll().as('orders'))
 *   .executeTakeFirstOrThrow();
 * ```
 */
export function isActiveStoreInPlatform(store: string | Expression<number>, platformId: number): RawBuilder<boolean> {
  const id = parseInput(idSchema, platformId, 'platformId');
  const storeId = typeof store === 'string' ? sql.ref(store) : store;
  return sql<boolean>`exists (select 1 from store_platforms where store_platforms.store_id = ${storeId}
    and store_platforms.platform_id = ${id} and store_platforms.is_active = true)`;
}

/**
 * Whether store `storeId` has an active membership in platform `platformId`. Ids that are not
 * positive integers belong to no platform, so they answer `false`.
 *
 * @example
 * ```ts
 * import { OrionError } from '@orion/contracts';
 * import { hasActiveStoreMembership } from '@orion/tenancy';
 * if (!(await hasActiveStoreMembership(db, storeId, platformId))) {
 *   throw new OrionError('ORION_ERR_STORE_NOT_IN_PLATFORM', { storeId, platformId });
 * }
 * ```
 */
export async function hasActiveStoreMembership(
  db: Kysely<AnyDatabase>,
  storeId: number,
  platformId: number,
): Promise<boolean> {
  if (!idSchema.safeParse(storeId).success || !idSchema.safeParse(platformId).success) return false;
  const row = await (db as Kysely<TenancyDatabase>)
    .selectFrom('store_platforms')
    .select('store_platforms.id')
    .where('store_platforms.store_id', '=', storeId)
    .where('store_platforms.platform_id', '=', platformId)
    .where('store_platforms.is_active', '=', true)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Whether platform `platformId` exists, active or not. Ids that are not positive integers name no
 * platform, so they answer `false`.
 *
 * @example
 * ```ts
 * import { OrionError } from '@orion/contracts';
 * import { platformExists } from '@orion/tenancy';
 * if (!(await platformExists(db, platformId))) throw new OrionError('ORION_ERR_PLATFORM_NOT_FOUND', { platformId });
 * ```
 */
export async function platformExists(db: Kysely<AnyDatabase>, platformId: number): Promise<boolean> {
  if (!idSchema.safeParse(platformId).success) return false;
  const row = await (db as Kysely<TenancyDatabase>)
    .selectFrom('platforms')
    .select('platforms.id')
    .where('platforms.id', '=', platformId)
    .executeTakeFirst();
  return row !== undefined;
}

/** What {@link storePlatformAccess} found. */
export interface StorePlatformAccess {
  platformExists: boolean;
  /** Whether the store has an active membership in the platform. */
  activeMember: boolean;
}

/**
 * Whether the platform exists and the store is an active member of it, in one statement (the store
 * dashboard's input check). Ids that are not positive integers find nothing.
 *
 * @example
 * ```ts
 * import { storePlatformAccess } from '@orion/tenancy';
 * const { platformExists, activeMember } = await storePlatformAccess(db, 12, 1);
 * ```
 */
export async function storePlatformAccess(
  db: Kysely<AnyDatabase>,
  storeId: number,
  platformId: number,
): Promise<StorePlatformAccess> {
  if (!idSchema.safeParse(storeId).success || !idSchema.safeParse(platformId).success) {
    return {
      platformExists: idSchema.safeParse(platformId).success && (await platformExists(db, platformId)),
      activeMember: false,
    };
  }
  const row = await (db as Kysely<TenancyDatabase>)
    .selectNoFrom((eb) => [
      eb
        .exists(eb.selectFrom('platforms').select('platforms.id').where('platforms.id', '=', platformId))
        .as('platform_exists'),
      eb
        .exists(
          eb
            .selectFrom('store_platforms')
            .select('store_platforms.id')
            .where('store_platforms.store_id', '=', storeId)
            .where('store_platforms.platform_id', '=', platformId)
            .where('store_platforms.is_active', '=', true),
        )
        .as('active_member'),
    ])
    .executeTakeFirstOrThrow();
  return { platformExists: toBoolean(row.platform_exists), activeMember: toBoolean(row.active_member) };
}
