import type { OrdersMessageKey } from './en.js';

/** The orders module's French messages. */
export const fr: Record<OrdersMessageKey, string> = {
  'menu.orders.list': 'Commandes',
  'menu.orders.store-orders': 'Commandes des boutiques',

  'permission.orders.view': 'Voir les commandes',
  'permission.orders.place': 'Passer des commandes',
  'permission.orders.manage': 'Gérer les commandes',
  'permission.orders.platform.view': 'Voir les commandes des boutiques de la plateforme',

  'metric.orders.total.label': 'Toutes les commandes',
  'metric.orders.total.description':
    'Commandes passées depuis le début, quel que soit leur statut, sans limite de période.',
  'metric.orders.count.label': 'Commandes',
  'metric.orders.count.description': 'Commandes passées pendant la période, quel que soit leur statut.',
  'metric.orders.cancelled.label': 'Commandes annulées',
  'metric.orders.cancelled.description': 'Commandes passées pendant la période et dont le statut est « annulée ».',
  'metric.orders.revenue.label': 'Chiffre d’affaires',
  'metric.orders.revenue.description':
    'Total des commandes passées pendant la période qui ne sont ni annulées ni remboursées, dans la devise de l’indicateur.',
  'metric.orders.average_order_value.label': 'Panier moyen',
  'metric.orders.average_order_value.description':
    'Chiffre d’affaires divisé par le nombre de ces commandes, arrondi à la plus petite unité de la devise (la moitié s’arrondit en s’éloignant de zéro).',
};
