import type { Insertable, Kysely } from 'kysely';
import { conflictOnUniqueViolation, notFoundError, nowTimestamp, OrionError, parseInput } from '@orion/contracts';
import type { AnyDatabase } from '@orion/contracts';
import { activeStoreIdsInPlatform } from './active-store-memberships.js';
import { rebuildPlatformStores } from './platform-stores.js';
import { rebuildPlatformTeamMembers } from './platform-team-members.js';
import type { TenancyDatabase } from './schema.js';
import {
  addDomainInputSchema,
  addStoreUserInputSchema,
  codeSchema,
  createMerchantInputSchema,
  createPlatformInputSchema,
  createStoreInputSchema,
  createUserInputSchema,
  emailSchema,
  flagSchema,
  idSchema,
  roleSchema,
  type AddDomainInput,
  type AddStoreUserInput,
  type CreateMerchantInput,
  type CreatePlatformInput,
  type CreateStoreInput,
  type CreateUserInput,
} from './tenancy-inputs.js';
import {
  toMerchant,
  toPlatform,
  toStore,
  toStoreDomain,
  toStorePlatformMembership,
  toStoreUser,
  toUser,
  type Merchant,
  type Platform,
  type Store,
  type StoreDomain,
  type StorePlatformMembership,
  type StoreUser,
  type User,
} from './tenancy-records.js';

type TableWithId = 'platforms' | 'merchants' | 'stores' | 'users' | 'store_domains';

/**
 * The entities created with a unique key, switched on and off and read by id or by that key: how
 * their errors name them, their id and key arguments, and how their rows become records. One
 * definition each, for the `create…`, `set…Active`, `get…` and `get…By…` methods.
 */
const keyedEntities = {
  platforms: { entity: 'Platform', idName: 'platformId', key: 'code', keySchema: codeSchema, toRecord: toPlatform },
  stores: { entity: 'Store', idName: 'storeId', key: 'code', keySchema: codeSchema, toRecord: toStore },
  users: { entity: 'User', idName: 'userId', key: 'email', keySchema: emailSchema, toRecord: toUser },
} as const;

type KeyedTable = keyof typeof keyedEntities;
type RecordOf<T extends KeyedTable> = ReturnType<(typeof keyedEntities)[T]['toRecord']>;

/**
 * Creates, changes and reads platforms, merchants, stores, their platform memberships, users, store
 * teams and store domains.
 *
 * Every method validates its input at the boundary and returns plain objects with camelCase fields,
 * booleans as booleans and timestamps as ISO-8601 UTC strings, on SQLite and PostgreSQL alike.
 * Nothing is deleted: memberships, team members, stores, platforms and users are deactivated.
 *
 * Errors: `ORION_ERR_VALIDATION` for malformed input, `ORION_ERR_NOT_FOUND` `{ entity, id }` for an
 * unknown id, `ORION_ERR_CONFLICT` `{ entity, field, value }` for a taken unique value.
 *
 * @example
 * ```ts
 * import { TenancyService } from '@orion/tenancy';
 *
 * const tenancy = new TenancyService(db);
 * const platform = await tenancy.createPlatform({ code: 'eu', name: 'Europe' });
 * const merchant = await tenancy.createMerchant({ name: 'Acme' });
 * const store = await tenancy.createStore({ merchantId: merchant.id, code: 'acme-berlin', name: 'Acme Berlin', defaultCurrency: 'EUR' });
 * await tenancy.addStoreToPlatform(store.id, platform.id);
 * ```
 */
export class TenancyService {
  readonly #db: Kysely<TenancyDatabase>;

  /**
   * @param db - The host's database, with the tenancy migrations applied.
   */
  constructor(db: Kysely<AnyDatabase>) {
    this.#db = db as Kysely<TenancyDatabase>;
  }

  // ---------------------------------------------------------------- platforms

  /**
   * Creates an active platform.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` when `code` or `name` is malformed;
   *   `ORION_ERR_CONFLICT` when a platform already has `code`.
   * @example
   * ```ts
   * import { TenancyService } from '@orion/tenancy';
   * const platform = await new TenancyService(db).createPlatform({ code: 'eu', name: 'Europe' });
   * ```
   */
  async createPlatform(input: CreatePlatformInput): Promise<Platform> {
    const { code, name } = parseInput(createPlatformInputSchema, input, 'platform');
    return this.#create('platforms', code, { code, name, is_active: true, created_at: nowTimestamp() });
  }

  /**
   * Activates or deactivates a platform.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for a malformed argument; `ORION_ERR_NOT_FOUND` when
   *   the platform does not exist.
   * @example
   * ```ts
   * import { TenancyService } from '@orion/tenancy';
   * const platform = await new TenancyService(db).setPlatformActive(1, false);
   * ```
   */
  async setPlatformActive(platformId: number, isActive: boolean): Promise<Platform> {
    return this.#setActive('platforms', platformId, isActive);
  }

  /**
   * Reads a platform by id.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for a malformed id; `ORION_ERR_NOT_FOUND` when the
   *   platform does not exist.
   * @example
   * ```ts
   * import { TenancyService } from '@orion/tenancy';
   * const platform = await new TenancyService(db).getPlatform(1);
   * ```
   */
  async getPlatform(platformId: number): Promise<Platform> {
    return this.#get('platforms', platformId);
  }

  /**
   * Reads a platform by its code.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for a malformed code; `ORION_ERR_NOT_FOUND` when no
   *   platform has it.
   * @example
   * ```ts
   * import { TenancyService } from '@orion/tenancy';
   * const platform = await new TenancyService(db).getPlatformByCode('eu');
   * ```
   */
  async getPlatformByCode(code: string): Promise<Platform> {
    return this.#getByKey('platforms', code);
  }

  /**
   * Lists every platform, active or not, by id.
   *
   * @example
   * ```ts
   * import { TenancyService } from '@orion/tenancy';
   * const platforms = await new TenancyService(db).listPlatforms();
   * ```
   */
  async listPlatforms(): Promise<Platform[]> {
    const rows = await this.#db.selectFrom('platforms').selectAll().orderBy('id').execute();
    return rows.map(toPlatform);
  }

  // ---------------------------------------------------------------- merchants

  /**
   * Creates a merchant.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` when `name` is malformed.
   * @example
   * ```ts
   * import { TenancyService } from '@orion/tenancy';
   * const merchant = await new TenancyService(db).createMerchant({ name: 'Acme' });
   * ```
   */
  async createMerchant(input: CreateMerchantInput): Promise<Merchant> {
    const { name } = parseInput(createMerchantInputSchema, input, 'merchant');
    const row = await this.#db
      .insertInto('merchants')
      .values({ name, created_at: nowTimestamp() })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toMerchant(row);
  }

  /**
   * Reads a merchant by id.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for a malformed id; `ORION_ERR_NOT_FOUND` when the
   *   merchant does not exist.
   * @example
   * ```ts
   * import { TenancyService } from '@orion/tenancy';
   * const merchant = await new TenancyService(db).getMerchant(1);
   * ```
   */
  async getMerchant(merchantId: number): Promise<Merchant> {
    const id = parseInput(idSchema, merchantId, 'merchantId');
    return found('Merchant', id, this.#db.selectFrom('merchants').selectAll().where('id', '=', id), toMerchant);
  }

  /**
   * Lists a merchant's stores, active or not, by id.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for a malformed id; `ORION_ERR_NOT_FOUND` when the
   *   merchant does not exist.
   * @example
   * ```ts
   * import { TenancyService } from '@orion/tenancy';
   * const stores = await new TenancyService(db).listMerchantStores(1);
   * ```
   */
  async listMerchantStores(merchantId: number): Promise<Store[]> {
    const id = parseInput(idSchema, merchantId, 'merchantId');
    await this.#requireExists('merchants', 'Merchant', id);
    const rows = await this.#db.selectFrom('stores').selectAll().where('merchant_id', '=', id).orderBy('id').execute();
    return rows.map(toStore);
  }

  // ---------------------------------------------------------------- stores

  /**
   * Creates an active store of a merchant, member of no platform yet.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for malformed input; `ORION_ERR_NOT_FOUND` when the
   *   merchant does not exist; `ORION_ERR_CONFLICT` when a store already has `code`.
   * @example
   * ```ts
   * import { TenancyService } from '@orion/tenancy';
   * const store = await new TenancyService(db).createStore({
   *   merchantId: 1, code: 'acme-berlin', name: 'Acme Berlin', defaultCurrency: 'EUR',
   * });
   * ```
   */
  async createStore(input: CreateStoreInput): Promise<Store> {
    const { merchantId, code, name, defaultCurrency } = parseInput(createStoreInputSchema, input, 'store');
    await this.#requireExists('merchants', 'Merchant', merchantId);
    return this.#create('stores', code, {
      merchant_id: merchantId,
      code,
      name,
      is_active: true,
      default_currency: defaultCurrency,
      created_at: nowTimestamp(),
    });
  }

  /**
   * Activates or deactivates a store. Its platform memberships are left as they are.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for a malformed argument; `ORION_ERR_NOT_FOUND` when
   *   the store does not exist.
   * @example
   * ```ts
   * import { TenancyService } from '@orion/tenancy';
   * const store = await new TenancyService(db).setStoreActive(12, false);
   * ```
   */
  async setStoreActive(storeId: number, isActive: boolean): Promise<Store> {
    return this.#setActive('stores', storeId, isActive);
  }

  /**
   * Reads a store by id.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for a malformed id; `ORION_ERR_NOT_FOUND` when the
   *   store does not exist.
   * @example
   * ```ts
   * import { TenancyService } from '@orion/tenancy';
   * const store = await new TenancyService(db).getStore(12);
   * ```
   */
  async getStore(storeId: number): Promise<Store> {
    return this.#get('stores', storeId);
  }

  /**
   * Reads a store by its code.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for a malformed code; `ORION_ERR_NOT_FOUND` when no
   *   store has it.
   * @example
   * ```ts
   * import { TenancyService } from '@orion/tenancy';
   * const store = await new TenancyService(db).getStoreByCode('acme-berlin');
   * ```
   */
  async getStoreByCode(code: string): Promise<Store> {
    return this.#getByKey('stores', code);
  }

  // ---------------------------------------------------------------- platform memberships

  /**
   * Makes a store an active member of a platform: creates the membership, reactivates an inactive
   * one, and leaves an active one as it is (so calling it twice is safe).
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for a malformed id; `ORION_ERR_NOT_FOUND` when the
   *   store or the platform does not exist.
   * @example
   * ```ts
   * import { TenancyService } from '@orion/tenancy';
   * const membership = await new TenancyService(db).addStoreToPlatform(12, 1);
   * membership.isActive; // true
   * ```
   */
  async addStoreToPlatform(storeId: number, platformId: number): Promise<StorePlatformMembership> {
    const store = parseInput(idSchema, storeId, 'storeId');
    const platform = parseInput(idSchema, platformId, 'platformId');
    await this.#requireExists('stores', 'Store', store);
    await this.#requireExists('platforms', 'Platform', platform);
    const row = await this.#db
      .insertInto('store_platforms')
      .values({ store_id: store, platform_id: platform, is_active: true, created_at: nowTimestamp() })
      .onConflict((conflict) => conflict.columns(['store_id', 'platform_id']).doUpdateSet({ is_active: true }))
      .returningAll()
      .executeTakeFirstOrThrow();
    return toStorePlatformMembership(row);
  }

  /**
   * Activates or deactivates an existing membership of a store in a platform.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for a malformed argument; `ORION_ERR_NOT_FOUND` when
   *   the store has never been a member of the platform.
   * @example
   * ```ts
   * import { TenancyService } from '@orion/tenancy';
   * await new TenancyService(db).setMembershipActive(12, 1, false);
   * ```
   */
  async setMembershipActive(storeId: number, platformId: number, isActive: boolean): Promise<StorePlatformMembership> {
    const store = parseInput(idSchema, storeId, 'storeId');
    const platform = parseInput(idSchema, platformId, 'platformId');
    const active = parseInput(flagSchema, isActive, 'isActive');
    const row = await this.#db
      .updateTable('store_platforms')
      .set({ is_active: active })
      .where('store_id', '=', store)
      .where('platform_id', '=', platform)
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      throw new OrionError('ORION_ERR_NOT_FOUND', {
        entity: 'Membership of store',
        id: `${store} in platform ${platform}`,
        storeId: store,
        platformId: platform,
      });
    }
    return toStorePlatformMembership(row);
  }

  /**
   * Ends a store's membership in a platform by deactivating it; the row stays, and
   * {@link TenancyService.addStoreToPlatform} reactivates it. Same as
   * `setMembershipActive(storeId, platformId, false)`.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for a malformed id; `ORION_ERR_NOT_FOUND` when the
   *   store has never been a member of the platform.
   * @example
   * ```ts
   * import { TenancyService } from '@orion/tenancy';
   * await new TenancyService(db).removeStoreFromPlatform(12, 1);
   * ```
   */
  async removeStoreFromPlatform(storeId: number, platformId: number): Promise<StorePlatformMembership> {
    return this.setMembershipActive(storeId, platformId, false);
  }

  /**
   * Lists a store's platform memberships, active and inactive, by platform id.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for a malformed id; `ORION_ERR_NOT_FOUND` when the
   *   store does not exist.
   * @example
   * ```ts
   * import { TenancyService } from '@orion/tenancy';
   * const memberships = await new TenancyService(db).listStorePlatforms(12);
   * const platformIds = memberships.filter((m) => m.isActive).map((m) => m.platformId);
   * ```
   */
  async listStorePlatforms(storeId: number): Promise<StorePlatformMembership[]> {
    const id = parseInput(idSchema, storeId, 'storeId');
    await this.#requireExists('stores', 'Store', id);
    const rows = await this.#db
      .selectFrom('store_platforms')
      .selectAll()
      .where('store_id', '=', id)
      .orderBy('platform_id')
      .execute();
    return rows.map(toStorePlatformMembership);
  }

  /**
   * Lists the stores with an active membership in a platform (active or inactive stores), by id.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for a malformed id; `ORION_ERR_NOT_FOUND` when the
   *   platform does not exist.
   * @example
   * ```ts
   * import { TenancyService } from '@orion/tenancy';
   * const stores = await new TenancyService(db).listPlatformStores(1);
   * ```
   */
  async listPlatformStores(platformId: number): Promise<Store[]> {
    const id = parseInput(idSchema, platformId, 'platformId');
    await this.#requireExists('platforms', 'Platform', id);
    const rows = await this.#db
      .selectFrom('stores')
      .selectAll()
      .where('id', 'in', activeStoreIdsInPlatform(this.#db, id))
      .orderBy('id')
      .execute();
    return rows.map(toStore);
  }

  // ---------------------------------------------------------------- users and teams

  /**
   * Creates an active user. The e-mail address is stored trimmed and lower-cased.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for malformed input; `ORION_ERR_CONFLICT` when a user
   *   already has the e-mail address (in any letter case).
   * @example
   * ```ts
   * import { TenancyService } from '@orion/tenancy';
   * const user = await new TenancyService(db).createUser({ email: 'ada@example.com', name: 'Ada' });
   * ```
   */
  async createUser(input: CreateUserInput): Promise<User> {
    const { email, name } = parseInput(createUserInputSchema, input, 'user');
    return this.#create('users', email, { email, name, is_active: true, created_at: nowTimestamp() });
  }

  /**
   * Activates or deactivates a user. Their store teams are left as they are.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for a malformed argument; `ORION_ERR_NOT_FOUND` when
   *   the user does not exist.
   * @example
   * ```ts
   * import { TenancyService } from '@orion/tenancy';
   * await new TenancyService(db).setUserActive(3, false);
   * ```
   */
  async setUserActive(userId: number, isActive: boolean): Promise<User> {
    return this.#setActive('users', userId, isActive);
  }

  /**
   * Reads a user by id.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for a malformed id; `ORION_ERR_NOT_FOUND` when the
   *   user does not exist.
   * @example
   * ```ts
   * import { TenancyService } from '@orion/tenancy';
   * const user = await new TenancyService(db).getUser(3);
   * ```
   */
  async getUser(userId: number): Promise<User> {
    return this.#get('users', userId);
  }

  /**
   * Reads a user by e-mail address, in any letter case.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for a malformed address; `ORION_ERR_NOT_FOUND` when no
   *   user has it.
   * @example
   * ```ts
   * import { TenancyService } from '@orion/tenancy';
   * const user = await new TenancyService(db).getUserByEmail('Ada@Example.com');
   * ```
   */
  async getUserByEmail(email: string): Promise<User> {
    return this.#getByKey('users', email);
  }

  /**
   * Puts a user on a store's team with a role. A user who left the team (inactive) is reactivated
   * with the new role.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for malformed input; `ORION_ERR_NOT_FOUND` when the
   *   store or the user does not exist; `ORION_ERR_CONFLICT` when the user is already an active
   *   member of the team (change the role with {@link TenancyService.setStoreUserRole}).
   * @example
   * ```ts
   * import { TenancyService } from '@orion/tenancy';
   * const member = await new TenancyService(db).addStoreUser({ storeId: 12, userId: 3, role: 'admin' });
   * ```
   */
  async addStoreUser(input: AddStoreUserInput): Promise<StoreUser> {
    const { storeId, userId, role } = parseInput(addStoreUserInputSchema, input, 'store user');
    await this.#requireExists('stores', 'Store', storeId);
    await this.#requireExists('users', 'User', userId);
    // One statement decides, so concurrent calls can not both insert: a new row, or the inactive
    // row reactivated; an active row is left alone and nothing is returned.
    const row = await this.#db
      .insertInto('store_users')
      .values({ store_id: storeId, user_id: userId, role, is_active: true, created_at: nowTimestamp() })
      .onConflict((conflict) =>
        conflict
          .columns(['store_id', 'user_id'])
          .doUpdateSet({ is_active: true, role: (eb) => eb.ref('excluded.role') })
          .where('store_users.is_active', '=', false),
      )
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      throw new OrionError('ORION_ERR_CONFLICT', {
        entity: `Team member of store ${storeId}`,
        field: 'userId',
        value: userId,
        storeId,
        userId,
      });
    }
    return toStoreUser(row);
  }

  /**
   * Activates or deactivates a user's place on a store's team.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for a malformed argument; `ORION_ERR_NOT_FOUND` when
   *   the user has never been on the store's team.
   * @example
   * ```ts
   * import { TenancyService } from '@orion/tenancy';
   * await new TenancyService(db).setStoreUserActive(12, 3, false);
   * ```
   */
  async setStoreUserActive(storeId: number, userId: number, isActive: boolean): Promise<StoreUser> {
    const store = parseInput(idSchema, storeId, 'storeId');
    const user = parseInput(idSchema, userId, 'userId');
    const active = parseInput(flagSchema, isActive, 'isActive');
    return this.#updateStoreUser(store, user, { is_active: active });
  }

  /**
   * Changes the role of a user on a store's team.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for a malformed argument; `ORION_ERR_NOT_FOUND` when
   *   the user has never been on the store's team.
   * @example
   * ```ts
   * import { TenancyService } from '@orion/tenancy';
   * await new TenancyService(db).setStoreUserRole(12, 3, 'owner');
   * ```
   */
  async setStoreUserRole(storeId: number, userId: number, role: string): Promise<StoreUser> {
    const store = parseInput(idSchema, storeId, 'storeId');
    const user = parseInput(idSchema, userId, 'userId');
    const value = parseInput(roleSchema, role, 'role');
    return this.#updateStoreUser(store, user, { role: value });
  }

  /**
   * Lists a store's team, active and inactive members, by user id.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for a malformed id; `ORION_ERR_NOT_FOUND` when the
   *   store does not exist.
   * @example
   * ```ts
   * import { TenancyService } from '@orion/tenancy';
   * const team = await new TenancyService(db).listStoreUsers(12);
   * ```
   */
  async listStoreUsers(storeId: number): Promise<StoreUser[]> {
    const id = parseInput(idSchema, storeId, 'storeId');
    await this.#requireExists('stores', 'Store', id);
    const rows = await this.#db
      .selectFrom('store_users')
      .selectAll()
      .where('store_id', '=', id)
      .orderBy('user_id')
      .execute();
    return rows.map(toStoreUser);
  }

  // ---------------------------------------------------------------- domains

  /**
   * Adds an unverified domain to a store. The host name is stored trimmed and lower-cased.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for malformed input; `ORION_ERR_NOT_FOUND` when the
   *   store does not exist; `ORION_ERR_CONFLICT` when any store already has the domain.
   * @example
   * ```ts
   * import { TenancyService } from '@orion/tenancy';
   * const domain = await new TenancyService(db).addDomain({ storeId: 12, domain: 'shop.example.com' });
   * ```
   */
  async addDomain(input: AddDomainInput): Promise<StoreDomain> {
    const { storeId, domain } = parseInput(addDomainInputSchema, input, 'store domain');
    await this.#requireExists('stores', 'Store', storeId);
    const row = await conflictOnUniqueViolation({ entity: 'Store domain', field: 'domain', value: domain }, () =>
      this.#db
        .insertInto('store_domains')
        .values({ store_id: storeId, domain, is_verified: false, created_at: nowTimestamp() })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
    return toStoreDomain(row);
  }

  /**
   * Marks a domain as verified (ownership proven); verifying twice is harmless.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for a malformed id; `ORION_ERR_NOT_FOUND` when the
   *   domain does not exist.
   * @example
   * ```ts
   * import { TenancyService } from '@orion/tenancy';
   * const domain = await new TenancyService(db).verifyDomain(5);
   * domain.isVerified; // true
   * ```
   */
  async verifyDomain(domainId: number): Promise<StoreDomain> {
    const id = parseInput(idSchema, domainId, 'domainId');
    return found(
      'Store domain',
      id,
      this.#db.updateTable('store_domains').set({ is_verified: true }).where('id', '=', id).returningAll(),
      toStoreDomain,
    );
  }

  /**
   * Recomputes the admin dashboard's distinct team members per platform
   * (`tenancy_platform_team_members`, `tenancy_platform_totals`) from the memberships and teams. The
   * database keeps them exact by itself on every write (the tenancy's triggers, for the service,
   * plain SQL and `COPY` alike); this is a repair tool.
   *
   * @example
   * ```ts
   * import { TenancyService } from '@orion/tenancy';
   * await new TenancyService(db).rebuildPlatformTeamMembers();
   * ```
   */
  async rebuildPlatformTeamMembers(): Promise<void> {
    await rebuildPlatformTeamMembers(this.#db);
  }

  /**
   * Recomputes the admin dashboard's stores, active stores and distinct merchants per platform
   * (`tenancy_platform_merchants`, `tenancy_platform_stores`) from the memberships and stores. The
   * database keeps them exact by itself on every write (the tenancy's triggers, for the service,
   * plain SQL and `COPY` alike); this is a repair tool.
   *
   * @example
   * ```ts
   * import { TenancyService } from '@orion/tenancy';
   * await new TenancyService(db).rebuildPlatformStores();
   * ```
   */
  async rebuildPlatformStores(): Promise<void> {
    await rebuildPlatformStores(this.#db);
  }

  /**
   * Lists a store's domains by id.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for a malformed id; `ORION_ERR_NOT_FOUND` when the
   *   store does not exist.
   * @example
   * ```ts
   * import { TenancyService } from '@orion/tenancy';
   * const domains = await new TenancyService(db).listStoreDomains(12);
   * ```
   */
  async listStoreDomains(storeId: number): Promise<StoreDomain[]> {
    const id = parseInput(idSchema, storeId, 'storeId');
    await this.#requireExists('stores', 'Store', id);
    const rows = await this.#db
      .selectFrom('store_domains')
      .selectAll()
      .where('store_id', '=', id)
      .orderBy('id')
      .execute();
    return rows.map(toStoreDomain);
  }

  // ---------------------------------------------------------------- internals

  /** Inserts a keyed entity's row; `ORION_ERR_CONFLICT` when another row already has `keyValue`. */
  async #create<T extends KeyedTable>(
    table: T,
    keyValue: string,
    values: Insertable<TenancyDatabase[T]>,
  ): Promise<RecordOf<T>> {
    const { entity, key } = keyedEntities[table];
    const row = await conflictOnUniqueViolation({ entity, field: key, value: keyValue }, () =>
      this.#db.insertInto(table).values(values).returningAll().executeTakeFirstOrThrow(),
    );
    return toKeyedRecord(table, row);
  }

  // The look-ups below query `keyedTable`, the table typed as any keyed table rather than `T`, so that
  // Kysely builds one query over the columns the keyed tables share; `toKeyedRecord` maps the row.

  /** Switches a keyed entity on or off by id; `ORION_ERR_NOT_FOUND` when there is no such row. */
  async #setActive<T extends KeyedTable>(table: T, id: number, isActive: boolean): Promise<RecordOf<T>> {
    const { entity, idName } = keyedEntities[table];
    const keyedTable: KeyedTable = table;
    const rowId = parseInput(idSchema, id, idName);
    const active = parseInput(flagSchema, isActive, 'isActive');
    const query = this.#db.updateTable(keyedTable).set({ is_active: active }).where('id', '=', rowId);
    return found(entity, rowId, query.returningAll(), (row) => toKeyedRecord(table, row));
  }

  /** Reads a keyed entity by id; `ORION_ERR_NOT_FOUND` when there is no such row. */
  async #get<T extends KeyedTable>(table: T, id: number): Promise<RecordOf<T>> {
    const { entity, idName } = keyedEntities[table];
    const keyedTable: KeyedTable = table;
    const rowId = parseInput(idSchema, id, idName);
    const query = this.#db.selectFrom(keyedTable).selectAll().where('id', '=', rowId);
    return found(entity, rowId, query, (row) => toKeyedRecord(table, row));
  }

  /** Reads a keyed entity by its unique key (code or e-mail address); `ORION_ERR_NOT_FOUND` when none has it. */
  async #getByKey<T extends KeyedTable>(table: T, value: string): Promise<RecordOf<T>> {
    const { entity, key, keySchema } = keyedEntities[table];
    const keyedTable: KeyedTable = table;
    const keyValue = parseInput(keySchema, value, key);
    const query = this.#db.selectFrom(keyedTable).selectAll().where(key, '=', keyValue);
    return found(entity, keyValue, query, (row) => toKeyedRecord(table, row));
  }

  async #requireExists(table: TableWithId, entity: string, id: number): Promise<void> {
    const row = await this.#db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst();
    if (!row) throw notFoundError(entity, id);
  }

  async #updateStoreUser(
    storeId: number,
    userId: number,
    changes: { is_active?: boolean; role?: string },
  ): Promise<StoreUser> {
    const row = await this.#db
      .updateTable('store_users')
      .set(changes)
      .where('store_id', '=', storeId)
      .where('user_id', '=', userId)
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      throw new OrionError('ORION_ERR_NOT_FOUND', {
        entity: 'Team member',
        id: `${userId} of store ${storeId}`,
        storeId,
        userId,
      });
    }
    return toStoreUser(row);
  }
}

/** A keyed entity's row as its record, by its table's `toRecord`. */
function toKeyedRecord<T extends KeyedTable>(table: T, row: unknown): RecordOf<T> {
  return (keyedEntities[table].toRecord as (row: unknown) => RecordOf<T>)(row);
}

/**
 * What `query` finds, mapped with `map`; `ORION_ERR_NOT_FOUND` for `entity` `key` when it finds
 * nothing. One place for the look-up and switch methods' shared ending.
 */
async function found<Row, Result>(
  entity: string,
  key: number | string,
  query: { executeTakeFirst(): Promise<Row | undefined> },
  map: (row: Row) => Result,
): Promise<Result> {
  const row = await query.executeTakeFirst();
  if (!row) throw notFoundError(entity, key);
  return map(row);
}
