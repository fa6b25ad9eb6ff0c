import { metricMessages } from '@orion/contracts';

/**
 * The orders module's English messages: menu items, permissions and dashboard metrics. The metric
 * texts match what the metrics provider writes; revenue and average order value have one message
 * for every currency (the currency is the metric's `unit`).
 */
export const en = {
  'menu.orders.list': 'Orders',
  'menu.orders.store-orders': 'Store orders',

  'permission.orders.view': 'View orders',
  'permission.orders.place': 'Place orders',
  'permission.orders.manage': 'Manage orders',
  'permission.orders.platform.view': 'View the orders of the platform’s stores',

  ...metricMessages({
    'orders.total': ['All orders', 'Orders ever placed, in any status; not limited to the period.'],
    'orders.count': ['Orders', 'Orders placed in the period, in any status.'],
    'orders.cancelled': ['Cancelled orders', 'Orders placed in the period whose status is cancelled.'],
    'orders.revenue': [
      'Revenue',
      'Total of the orders placed in the period that are not cancelled or refunded, in the metric’s currency.',
    ],
    'orders.average_order_value': [
      'Average order value',
      'Revenue divided by the number of those orders, rounded half away from zero to the currency’s minor unit.',
    ],
  }),
} as const satisfies Record<string, string>;

/** A message key of the orders module. */
export type OrdersMessageKey = keyof typeof en;
