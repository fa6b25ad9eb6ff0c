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
  'metric.customers.total.label': 'Customers',
  'metric.customers.total.description': 'All customers, active or not; not limited to the period.',
  'metric.customers.new.label': 'New customers',
  'metric.customers.new.description': 'Customers created in the period.',
  'metric.customers.active.label': 'Active customers',
  'metric.customers.active.description': 'Customers with at least one order in the period.',
  'metric.customers.returning.label': 'Returning customers',
  'metric.customers.returning.description': 'Customers with an order in the period and an earlier order before it.',
} as const satisfies Record<string, string>;

/** A message key of the customers module. */
export type CustomersMessageKey = keyof typeof en;
