import type { TenancyMessageKey } from './en.js';

/** The tenancy module's Luxembourgish messages. */
export const lb: Record<TenancyMessageKey, string> = {
  'menu.tenancy.stores': 'Butteker',

  'permission.tenancy.platforms.view': 'Plattforme kucken',
  'permission.tenancy.platforms.manage': 'Plattformen uleeën, ëmbenennen an desaktivéieren',
  'permission.tenancy.stores.view': 'Butteker an hir Plattform-Memberschafte kucken',
  'permission.tenancy.stores.manage': 'Butteker verwalten',
  'permission.tenancy.team.manage': 'Equipe vun de Butteker verwalten',
  'permission.tenancy.domains.manage': 'Domaine vun de Butteker verwalten',

  'metric.tenancy.team_members.label': 'Equipememberen',
  'metric.tenancy.team_members.description':
    'Benotzer mat enger aktiver Plaz an der Equipe vun engem Buttek, jidderee just eemol gezielt.',
  'metric.tenancy.domains.label': 'Domainen',
  'metric.tenancy.domains.description': 'Domainen, déi op de Buttek weisen, verifizéiert oder net.',
  'metric.tenancy.verified_domains.label': 'Verifizéiert Domainen',
  'metric.tenancy.verified_domains.description': 'Domainen, bei deenen bestätegt gouf, wiem se gehéieren.',
  'metric.tenancy.total_stores.label': 'Butteker',
  'metric.tenancy.total_stores.description':
    'Butteker mat enger aktiver Memberschaft op der Plattform, aktiv oder net.',
  'metric.tenancy.active_stores.label': 'Aktiv Butteker',
  'metric.tenancy.active_stores.description':
    'Butteker mat enger aktiver Memberschaft op der Plattform, déi selwer aktiv sinn.',
  'metric.tenancy.merchants.label': 'Händler',
  'metric.tenancy.merchants.description': 'Händler, deenen op d’mannst ee vun de Butteker vun der Plattform gehéiert.',
};
