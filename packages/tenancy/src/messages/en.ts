/**
 * The tenancy module's English messages: menu items, permissions and dashboard metrics. The
 * metrics provider writes its labels and descriptions from these, so they never drift apart.
 */
export const en = {
  'menu.tenancy.stores': 'Stores',

  'permission.tenancy.platforms.view': 'View platforms',
  'permission.tenancy.platforms.manage': 'Create, rename and deactivate platforms',
  'permission.tenancy.stores.view': 'View stores and their platform memberships',
  'permission.tenancy.stores.manage': 'Manage stores',
  'permission.tenancy.team.manage': 'Manage store teams',
  'permission.tenancy.domains.manage': 'Manage store domains',

  'metric.tenancy.team_members.label': 'Team members',
  'metric.tenancy.team_members.description': 'Users with an active place on a store’s team, each counted once.',
  'metric.tenancy.domains.label': 'Domains',
  'metric.tenancy.domains.description': 'Domains that point at the store, verified or not.',
  'metric.tenancy.verified_domains.label': 'Verified domains',
  'metric.tenancy.verified_domains.description': 'Domains whose ownership has been verified.',
  'metric.tenancy.total_stores.label': 'Stores',
  'metric.tenancy.total_stores.description': 'Stores with an active membership in the platform, active or not.',
  'metric.tenancy.active_stores.label': 'Active stores',
  'metric.tenancy.active_stores.description':
    'Stores with an active membership in the platform that are themselves active.',
  'metric.tenancy.merchants.label': 'Merchants',
  'metric.tenancy.merchants.description': 'Merchants owning at least one of the platform’s stores.',
} as const satisfies Record<string, string>;

/** A message key of the tenancy module. */
export type TenancyMessageKey = keyof typeof en;
