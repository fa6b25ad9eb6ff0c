/**
 * `@orion/tenancy`: Orion's always-on core module for platforms, merchants, stores, platform
 * memberships, users, store teams and store domains. This file is the package's only public door.
 *
 * @packageDocumentation
 */
export { tenancyModule } from './tenancy-module.js';
export { TenancyService } from './tenancy-service.js';
export {
  activeStoreIdsInPlatform,
  hasActiveStoreMembership,
  isActiveStoreInPlatform,
  platformExists,
  storePlatformAccess,
  type StorePlatformAccess,
} from './active-store-memberships.js';
export { lockStore, requireStore } from './require-store.js';
export { callerStoreId, requirePlatformStore } from './store-scope.js';
export type {
  Merchant,
  Platform,
  Store,
  StoreDomain,
  StorePlatformMembership,
  StoreUser,
  User,
} from './tenancy-records.js';
export {
  addDomainInputSchema,
  addStoreUserInputSchema,
  createMerchantInputSchema,
  createPlatformInputSchema,
  createStoreInputSchema,
  createUserInputSchema,
} from './tenancy-inputs.js';
export type {
  AddDomainInput,
  AddStoreUserInput,
  CreateMerchantInput,
  CreatePlatformInput,
  CreateStoreInput,
  CreateUserInput,
} from './tenancy-inputs.js';
export type {
  MerchantsTable,
  PlatformsTable,
  StoreDomainsTable,
  StorePlatformsTable,
  StoredBoolean,
  StoredTimestamp,
  StoresTable,
  StoreUsersTable,
  TenancyDatabase,
  TenancyPlatformMerchantsTable,
  TenancyPlatformStoresTable,
  TenancyPlatformTeamMembersTable,
  TenancyPlatformTotalsTable,
  UsersTable,
} from './schema.js';
