import { metricMessages } from '@orion/contracts';
import type { TenancyMessageKey } from './en.js';

/** The tenancy module's French messages. */
export const fr: Record<TenancyMessageKey, string> = {
  'menu.tenancy.stores': 'Boutiques',

  'permission.tenancy.platforms.view': 'Voir les plateformes',
  'permission.tenancy.platforms.manage': 'Créer, renommer et désactiver des plateformes',
  'permission.tenancy.stores.view': 'Voir les boutiques et leurs adhésions aux plateformes',
  'permission.tenancy.stores.manage': 'Gérer les boutiques',
  'permission.tenancy.team.manage': 'Gérer les équipes des boutiques',
  'permission.tenancy.domains.manage': 'Gérer les domaines des boutiques',

  ...metricMessages({
    'tenancy.team_members': [
      'Membres de l’équipe',
      'Utilisateurs ayant une place active dans l’équipe d’une boutique, chacun compté une fois.',
    ],
    'tenancy.domains': ['Domaines', 'Domaines qui pointent vers la boutique, vérifiés ou non.'],
    'tenancy.verified_domains': ['Domaines vérifiés', 'Domaines dont la propriété a été vérifiée.'],
    'tenancy.total_stores': ['Boutiques', 'Boutiques ayant une adhésion active à la plateforme, actives ou non.'],
    'tenancy.active_stores': [
      'Boutiques actives',
      'Boutiques ayant une adhésion active à la plateforme et elles-mêmes actives.',
    ],
    'tenancy.merchants': ['Marchands', 'Marchands possédant au moins une des boutiques de la plateforme.'],
  }),
};
