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

  'metric.tenancy.team_members.label': 'Membres de l’équipe',
  'metric.tenancy.team_members.description':
    'Utilisateurs ayant une place active dans l’équipe d’une boutique, chacun compté une fois.',
  'metric.tenancy.domains.label': 'Domaines',
  'metric.tenancy.domains.description': 'Domaines qui pointent vers la boutique, vérifiés ou non.',
  'metric.tenancy.verified_domains.label': 'Domaines vérifiés',
  'metric.tenancy.verified_domains.description': 'Domaines dont la propriété a été vérifiée.',
  'metric.tenancy.total_stores.label': 'Boutiques',
  'metric.tenancy.total_stores.description': 'Boutiques ayant une adhésion active à la plateforme, actives ou non.',
  'metric.tenancy.active_stores.label': 'Boutiques actives',
  'metric.tenancy.active_stores.description':
    'Boutiques ayant une adhésion active à la plateforme et elles-mêmes actives.',
  'metric.tenancy.merchants.label': 'Marchands',
  'metric.tenancy.merchants.description': 'Marchands possédant au moins une des boutiques de la plateforme.',
};
