import { metricMessages } from '@orion/contracts';
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

  ...metricMessages({
    'tenancy.team_members': [
      'Teammitglieder',
      'Benutzer mit einem aktiven Platz im Team eines Shops, jeder einmal gezählt.',
    ],
    'tenancy.domains': ['Domains', 'Domains, die auf den Shop verweisen, verifiziert oder nicht.'],
    'tenancy.verified_domains': ['Verifizierte Domains', 'Domains, deren Inhaberschaft bestätigt wurde.'],
    'tenancy.total_stores': ['Shops', 'Shops mit einer aktiven Mitgliedschaft in der Plattform, aktiv oder nicht.'],
    'tenancy.active_stores': [
      'Aktive Shops',
      'Shops mit einer aktiven Mitgliedschaft in der Plattform, die selbst aktiv sind.',
    ],
    'tenancy.merchants': ['Händler', 'Händler, denen mindestens einer der Shops der Plattform gehört.'],
  }),
};
