import { metricMessages } from '@orion/contracts';
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

  ...metricMessages({
    'tenancy.team_members': [
      'Equipememberen',
      'Benotzer mat enger aktiver Plaz an der Equipe vun engem Buttek, jidderee just eemol gezielt.',
    ],
    'tenancy.domains': ['Domainen', 'Domainen, déi op de Buttek weisen, verifizéiert oder net.'],
    'tenancy.verified_domains': ['Verifizéiert Domainen', 'Domainen, bei deenen bestätegt gouf, wiem se gehéieren.'],
    'tenancy.total_stores': ['Butteker', 'Butteker mat enger aktiver Memberschaft op der Plattform, aktiv oder net.'],
    'tenancy.active_stores': [
      'Aktiv Butteker',
      'Butteker mat enger aktiver Memberschaft op der Plattform, déi selwer aktiv sinn.',
    ],
    'tenancy.merchants': ['Händler', 'Händler, deenen op d’mannst ee vun de Butteker vun der Plattform gehéiert.'],
  }),
};
