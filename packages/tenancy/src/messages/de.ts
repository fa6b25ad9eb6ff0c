import type { TenancyMessageKey } from './en.js';

/** The tenancy module's German messages. */
export const de: Record<TenancyMessageKey, string> = {
  'menu.tenancy.stores': 'Shops',

  'permission.tenancy.platforms.view': 'Plattformen ansehen',
  'permission.tenancy.platforms.manage': 'Plattformen anlegen, umbenennen und deaktivieren',
  'permission.tenancy.stores.view': 'Shops und ihre Plattform-Mitgliedschaften ansehen',
  'permission.tenancy.stores.manage': 'Shops verwalten',
  'permission.tenancy.team.manage': 'Shop-Teams verwalten',
  'permission.tenancy.domains.manage': 'Shop-Domains verwalten',

  'metric.tenancy.team_members.label': 'Teammitglieder',
  'metric.tenancy.team_members.description':
    'Benutzer mit einem aktiven Platz im Team eines Shops, jeder einmal gezählt.',
  'metric.tenancy.domains.label': 'Domains',
  'metric.tenancy.domains.description': 'Domains, die auf den Shop verweisen, verifiziert oder nicht.',
  'metric.tenancy.verified_domains.label': 'Verifizierte Domains',
  'metric.tenancy.verified_domains.description': 'Domains, deren Inhaberschaft bestätigt wurde.',
  'metric.tenancy.total_stores.label': 'Shops',
  'metric.tenancy.total_stores.description':
    'Shops mit einer aktiven Mitgliedschaft in der Plattform, aktiv oder nicht.',
  'metric.tenancy.active_stores.label': 'Aktive Shops',
  'metric.tenancy.active_stores.description':
    'Shops mit einer aktiven Mitgliedschaft in der Plattform, die selbst aktiv sind.',
  'metric.tenancy.merchants.label': 'Händler',
  'metric.tenancy.merchants.description': 'Händler, denen mindestens einer der Shops der Plattform gehört.',
};
