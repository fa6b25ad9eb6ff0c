/**
 * Kysely table interfaces for the tables the tenancy module owns.
 *
 * Read booleans with `toBoolean` and timestamps with `toIsoTimestamp` from `@orion/contracts`:
 * SQLite returns 0/1 and ISO text, PostgreSQL `boolean` and `Date`.
 */
import type { ColumnType, Generated } from 'kysely';

/**
 * A boolean column: `boolean` on PostgreSQL, `integer` 0/1 on SQLite. Written as a JavaScript
 * boolean (the host binds it as 1/0 on SQLite); defaults to the migration's default when omitted.
 *
 * @example
 * ```ts
 * import { toBoolean } from '@orion/contracts';
 *
 * const row = await db.selectFrom('stores').select('is_active').executeTakeFirstOrThrow();
 * const isActive = toBoolean(row.is_active);
 * ```
 */
export type StoredBoolean = ColumnType<boolean | number, boolean | undefined, boolean>;

/**
 * A timestamp column: `timestamptz` on PostgreSQL, ISO-8601 UTC text on SQLite. Always written as
 * an ISO string such as `2026-11-22T10:00:00.000Z`.
 *
 * @example
 * ```ts
 * import { nowTimestamp, toIsoTimestamp } from '@orion/contracts';
 *
 * await db.insertInto('merchants').values({ name: 'Acme', created_at: nowTimestamp() }).execute();
 * const row = await db.selectFrom('merchants').select('created_at').executeTakeFirstOrThrow();
 * const createdAt = toIsoTimestamp(row.created_at);
 * ```
 */
export type StoredTimestamp = ColumnType<Date | string, string, string>;

/**
 * `platforms`: the marketplaces or channels a store sells on. `code` is unique.
 *
 * @example
 * ```ts
 * import type { PlatformsTable } from '@orion/tenancy';
 * import type { Selectable } from 'kysely';
 * type PlatformRow = Selectable<PlatformsTable>;
 * ```
 */
export interface PlatformsTable {
  id: Generated<number>;
  code: string;
  name: string;
  is_active: StoredBoolean;
  created_at: StoredTimestamp;
}

/**
 * `merchants`: the businesses that own stores.
 *
 * @example
 * ```ts
 * import type { MerchantsTable } from '@orion/tenancy';
 * import type { Insertable } from 'kysely';
 * const merchant: Insertable<MerchantsTable> = { name: 'Acme', created_at: new Date().toISOString() };
 * ```
 */
export interface MerchantsTable {
  id: Generated<number>;
  name: string;
  created_at: StoredTimestamp;
}

/**
 * `stores`: one shop of a merchant. `code` is unique; `default_currency` is an ISO 4217 code.
 *
 * @example
 * ```ts
 * import type { StoresTable } from '@orion/tenancy';
 * import type { Selectable } from 'kysely';
 * type StoreRow = Selectable<StoresTable>;
 * ```
 */
export interface StoresTable {
  id: Generated<number>;
  merchant_id: number;
  code: string;
  name: string;
  is_active: StoredBoolean;
  default_currency: string;
  created_at: StoredTimestamp;
}

/**
 * `store_platforms`: a store's membership in a platform, unique per `(store_id, platform_id)`.
 * Memberships are deactivated, never deleted, so their history stays.
 *
 * @example
 * ```ts
 * import type { StorePlatformsTable } from '@orion/tenancy';
 * import type { Selectable } from 'kysely';
 * type MembershipRow = Selectable<StorePlatformsTable>;
 * ```
 */
export interface StorePlatformsTable {
  id: Generated<number>;
  store_id: number;
  platform_id: number;
  is_active: StoredBoolean;
  created_at: StoredTimestamp;
}

/**
 * `users`: people who work on stores. `email` is unique and stored lower-case.
 *
 * @example
 * ```ts
 * import type { UsersTable } from '@orion/tenancy';
 * import type { Selectable } from 'kysely';
 * type UserRow = Selectable<UsersTable>;
 * ```
 */
export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  is_active: StoredBoolean;
  created_at: StoredTimestamp;
}

/**
 * `store_users`: a user's place on a store's team, with a role; unique per `(store_id, user_id)`.
 *
 * @example
 * ```ts
 * import type { StoreUsersTable } from '@orion/tenancy';
 * import type { Selectable } from 'kysely';
 * type StoreUserRow = Selectable<StoreUsersTable>;
 * ```
 */
export interface StoreUsersTable {
  id: Generated<number>;
  store_id: number;
  user_id: number;
  role: string;
  is_active: StoredBoolean;
  created_at: StoredTimestamp;
}

/**
 * `store_domains`: host names that serve a store. `domain` is unique and stored lower-case.
 *
 * @example
 * ```ts
 * import type { StoreDomainsTable } from '@orion/tenancy';
 * import type { Selectable } from 'kysely';
 * type StoreDomainRow = Selectable<StoreDomainsTable>;
 * ```
 */
export interface StoreDomainsTable {
  id: Generated<number>;
  store_id: number;
  domain: string;
  is_verified: StoredBoolean;
  created_at: StoredTimestamp;
}

/**
 * `tenancy_platform_team_members`: per platform and user, in how many of the platform's stores
 * (active memberships) the user has an active `store_users` row; a row exists while above zero.
 * Kept by the database's triggers (`tenancy_002_platform_team_members`); read-only for apps.
 *
 * @example
 * ```ts
 * import type { TenancyPlatformTeamMembersTable } from '@orion/tenancy';
 * import type { Selectable } from 'kysely';
 * type Row = Selectable<TenancyPlatformTeamMembersTable>;
 * ```
 */
export interface TenancyPlatformTeamMembersTable {
  platform_id: number;
  user_id: number;
  stores: number;
}

/**
 * `tenancy_platform_totals`: per platform, its distinct team members (the rows of
 * `tenancy_platform_team_members`); a row exists while above zero. Kept by the database's triggers.
 *
 * @example
 * ```ts
 * import type { TenancyPlatformTotalsTable } from '@orion/tenancy';
 * import type { Selectable } from 'kysely';
 * type Row = Selectable<TenancyPlatformTotalsTable>;
 * ```
 */
export interface TenancyPlatformTotalsTable {
  platform_id: number;
  team_members: number;
}

/**
 * `tenancy_platform_merchants`: per platform and merchant, how many of the merchant's stores have an
 * active membership in the platform; a row exists while above zero. Kept by the database's triggers
 * (`tenancy_004_platform_stores`); read-only for apps.
 *
 * @example
 * ```ts
 * import type { TenancyPlatformMerchantsTable } from '@orion/tenancy';
 * import type { Selectable } from 'kysely';
 * type Row = Selectable<TenancyPlatformMerchantsTable>;
 * ```
 */
export interface TenancyPlatformMerchantsTable {
  platform_id: number;
  merchant_id: number;
  stores: number;
}

/**
 * `tenancy_platform_stores`: per platform, its stores (active memberships), how many of them are
 * active (`stores.is_active`) and its distinct merchants (the rows of `tenancy_platform_merchants`);
 * a row exists while the platform has a store. Kept by the database's triggers
 * (`tenancy_004_platform_stores`); read-only for apps.
 *
 * @example
 * ```ts
 * import type { TenancyPlatformStoresTable } from '@orion/tenancy';
 * import type { Selectable } from 'kysely';
 * type Row = Selectable<TenancyPlatformStoresTable>;
 * ```
 */
export interface TenancyPlatformStoresTable {
  platform_id: number;
  stores: number;
  active_stores: number;
  merchants: number;
}

/**
 * Every table the tenancy module owns, for `Kysely<TenancyDatabase>` or to intersect with a
 * module's own database interface.
 *
 * @example
 * ```ts
 * import type { Kysely } from 'kysely';
 * import type { TenancyDatabase } from '@orion/tenancy';
 * interface OrdersDatabase extends TenancyDatabase { orders: { id: number; store_id: number } }
 * const typed = db as Kysely<OrdersDatabase>;
 * ```
 */
export interface TenancyDatabase {
  platforms: PlatformsTable;
  merchants: MerchantsTable;
  stores: StoresTable;
  store_platforms: StorePlatformsTable;
  users: UsersTable;
  store_users: StoreUsersTable;
  store_domains: StoreDomainsTable;
  tenancy_platform_team_members: TenancyPlatformTeamMembersTable;
  tenancy_platform_totals: TenancyPlatformTotalsTable;
  tenancy_platform_merchants: TenancyPlatformMerchantsTable;
  tenancy_platform_stores: TenancyPlatformStoresTable;
}
