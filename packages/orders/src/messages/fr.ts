import { metricMessages } from '@orion/contracts';
import type { OrdersMessageKey } from './en.js';

/** The orders module's French messages. */
export const fr: Record<OrdersMessageKey, string> = {
  'menu.orders.list': 'Commandes',
  'menu.orders.store-orders': 'Commandes des boutiques',

  'permission.orders.view': 'Voir les commandes',
  'permission.orders.place': 'Passer des commandes',
  'permission.orders.manage': 'Gérer les commandes',
  'permission.orders.platform.view': 'Voir les commandes des boutiques de la plateforme',

  ...metricMessages({
    'orders.total': [
      'Toutes les commandes',
      'Commandes passées depuis le début, quel que soit leur statut, sans limite de période.',
    ],
    'orders.count': ['Commandes', 'Commandes passées pendant la période, quel que soit leur statut.'],
    'orders.cancelled': [
      'Commandes annulées',
      'Commandes passées pendant la période et dont le statut est « annulée ».',
    ],
    'orders.revenue': [
      'Chiffre d’affaires',
      'Total des commandes passées pendant la période qui ne sont ni annulées ni remboursées, dans la devise de l’indicateur.',
    ],
    'orders.average_order_value': [
      'Panier moyen',
      'Chiffre d’affaires divisé par le nombre de ces commandes, arrondi à la plus petite unité de la devise (la moitié s’arrondit en s’éloignant de zéro).',
    ],
  }),
};
