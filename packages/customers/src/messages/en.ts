import { metricMessages } from '@orion/contracts';

/**
 * The customers module's English messages: its menu items, permissions and dashboard metrics. The
 * host reads `menu.<item id>`, `permission.<code>` and `metric.<key>.label`/`.description`; German,
 * French and Luxembourgish hold the same keys (their type says so). Error messages live with the
 * error codes.
 */
export const en = {
  'menu.customers.list': 'Customers',
  'menu.customers.store-customers': 'Store customers',
  'permission.customers.view': 'View customers',
  'permission.customers.manage': 'Manage customers',
  'permission.customers.platform.view': 'View the customers of the platform’s stores',
  ...metricMessages({
    'customers.total': ['Customers', 'All customers, active or not; not limited to the period.'],
    'customers.new': ['New customers', 'Customers created in the period.'],
    'customers.active': ['Active customers', 'Customers with at least one order in the period.'],
    'customers.returning': [
      'Returning customers',
      'Customers with an order in the period and an earlier order before it.',
    ],
  }),
} as const satisfies Record<string, string>;

/** A message key of the customers module. */
export type CustomersMessageKey = keyof typeof en;
