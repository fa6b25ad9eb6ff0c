/**
 * The plain objects `TenancyService` returns: camelCase fields, booleans as booleans and
 * timestamps as ISO-8601 UTC strings on both databases, and the functions that read them from rows.
 */
import type { Selectable } from 'kysely';
import { toBoolean, toIsoTimestamp } from '@orion/contracts';
import type {
  MerchantsTable,
  PlatformsTable,
  StoreDomainsTable,
  StorePlatformsTable,
  StoresTable,
  StoreUsersTable,
  UsersTable,
} from './schema.js';

/**
 * A platform: a marketplace or sales channel stores are members of.
 *
 * @example
 * ```ts
 * import { TenancyService, type Platform } from '@orion/tenancy';
 * const platform: Platform = await new TenancyService(db).createPlatform({ code: 'eu', name: 'Europe' });
 * ```
 */
export interface Platform {
  id: number;
  code: string;
  name: string;
  isActive: boolean;
  /** ISO-8601 UTC, such as `2026-11-22T10:00:00.000Z`. */
  createdAt: string;
}

/**
 * A merchant: the business that owns stores.
 *
 * @example
 * ```ts
 * import { TenancyService, type Merchant } from '@orion/tenancy';
 * const merchant: Merchant = await new TenancyService(db).createMerchant({ name: 'Acme' });
 * ```
 */
export interface Merchant {
  id: number;
  name: string;
  createdAt: string;
}

/**
 * A store of a merchant.
 *
 * @example
 * ```ts
 * import { TenancyService, type Store } from '@orion/tenancy';
 * const store: Store = await new TenancyService(db).getStore(12);
 * ```
 */
export interface Store {
  id: number;
  merchantId: number;
  code: string;
  name: string;
  isActive: boolean;
  /** ISO 4217 code, such as `EUR`. */
  defaultCurrency: string;
  createdAt: string;
}

/**
 * A store's membership in a platform; inactive memberships are kept, not deleted.
 *
 * @example
 * ```ts
 * import { TenancyService, type StorePlatformMembership } from '@orion/tenancy';
 * const membership: StorePlatformMembership = await new TenancyService(db).addStoreToPlatform(12, 1);
 * ```
 */
export interface StorePlatformMembership {
  id: number;
  storeId: number;
  platformId: number;
  isActive: boolean;
  createdAt: string;
}

/**
 * A user who can work on stores.
 *
 * @example
 * ```ts
 * import { TenancyService, type User } from '@orion/tenancy';
 * const user: User = await new TenancyService(db).createUser({ email: 'ada@example.com', name: 'Ada' });
 * ```
 */
export interface User {
  id: number;
  /** Lower-case. */
  email: string;
  name: string;
  isActive: boolean;
  createdAt: string;
}

/**
 * A user's place on a store's team.
 *
 * @example
 * ```ts
 * import { TenancyService, type StoreUser } from '@orion/tenancy';
 * const member: StoreUser = await new TenancyService(db).addStoreUser({ storeId: 12, userId: 3, role: 'admin' });
 * ```
 */
export interface StoreUser {
  id: number;
  storeId: number;
  userId: number;
  role: string;
  isActive: boolean;
  createdAt: string;
}

/**
 * A host name that serves a store.
 *
 * @example
 * ```ts
 * import { TenancyService, type StoreDomain } from '@orion/tenancy';
 * const domain: StoreDomain = await new TenancyService(db).addDomain({ storeId: 12, domain: 'shop.example.com' });
 * ```
 */
export interface StoreDomain {
  id: number;
  storeId: number;
  /** Lower-case host name. */
  domain: string;
  isVerified: boolean;
  createdAt: string;
}

/** Reads a {@link Platform} from a `platforms` row. */
export function toPlatform(row: Selectable<PlatformsTable>): Platform {
  return {
    id: Number(row.id),
    code: row.code,
    name: row.name,
    isActive: toBoolean(row.is_active),
    createdAt: toIsoTimestamp(row.created_at),
  };
}

/** Reads a {@link Merchant} from a `merchants` row. */
export function toMerchant(row: Selectable<MerchantsTable>): Merchant {
  return { id: Number(row.id), name: row.name, createdAt: toIsoTimestamp(row.created_at) };
}

/** Reads a {@link Store} from a `stores` row. */
export function toStore(row: Selectable<StoresTable>): Store {
  return {
    id: Number(row.id),
    merchantId: Number(row.merchant_id),
    code: row.code,
    name: row.name,
    isActive: toBoolean(row.is_active),
    defaultCurrency: row.default_currency,
    createdAt: toIsoTimestamp(row.created_at),
  };
}

/** Reads a {@link StorePlatformMembership} from a `store_platforms` row. */
export function toStorePlatformMembership(row: Selectable<StorePlatformsTable>): StorePlatformMembership {
  return {
    id: Number(row.id),
    storeId: Number(row.store_id),
    platformId: Number(row.platform_id),
    isActive: toBoolean(row.is_active),
    createdAt: toIsoTimestamp(row.created_at),
  };
}

/** Reads a {@link User} from a `users` row. */
export function toUser(row: Selectable<UsersTable>): User {
  return {
    id: Number(row.id),
    email: row.email,
    name: row.name,
    isActive: toBoolean(row.is_active),
    createdAt: toIsoTimestamp(row.created_at),
  };
}

/** Reads a {@link StoreUser} from a `store_users` row. */
export function toStoreUser(row: Selectable<StoreUsersTable>): StoreUser {
  return {
    id: Number(row.id),
    storeId: Number(row.store_id),
    userId: Number(row.user_id),
    role: row.role,
    isActive: toBoolean(row.is_active),
    createdAt: toIsoTimestamp(row.created_at),
  };
}

/** Reads a {@link StoreDomain} from a `store_domains` row. */
export function toStoreDomain(row: Selectable<StoreDomainsTable>): StoreDomain {
  return {
    id: Number(row.id),
    storeId: Number(row.store_id),
    domain: row.domain,
    isVerified: toBoolean(row.is_verified),
    createdAt: toIsoTimestamp(row.created_at),
  };
}
