import { metricMessages } from '@orion/contracts';

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

  ...metricMessages({
    'tenancy.team_members': ['Team members', 'Users with an active place on a store’s team, each counted once.'],
    'tenancy.domains': ['Domains', 'Domains that point at the store, verified or not.'],
    'tenancy.verified_domains': ['Verified domains', 'Domains whose ownership has been verified.'],
    'tenancy.total_stores': ['Stores', 'Stores with an active membership in the platform, active or not.'],
    'tenancy.active_stores': [
      'Active stores',
      'Stores with an active membership in the platform that are themselves active.',
    ],
    'tenancy.merchants': ['Merchants', 'Merchants owning at least one of the platform’s stores.'],
  }),
} as const satisfies Record<string, string>;

/** A message key of the tenancy module. */
export type TenancyMessageKey = keyof typeof en;
