export { customersModule } from './customers-module.js';
export { CustomersService, type CustomersServiceOptions } from './customers-service.js';
export { customerCreatedEventRef, customerCreatedEventSchema, type CustomerCreated } from './customer-created-event.js';
export { customersErrors } from './customers-errors.js';
export { customersConfigSchema, type CustomersConfig } from './customers-config.js';
export { customersPermissions } from './customers-routes.js';
export type { Customer, CustomersPage } from './customer-records.js';
export {
  createCustomerInputSchema,
  customerEmailSchema,
  customerOrderActivitySchema,
  customerScopeSchema,
  listCustomersInputSchema,
  updateCustomerInputSchema,
  type CreateCustomerInput,
  type CustomerScope,
  type ListCustomersInput,
  type UpdateCustomerInput,
} from './customers-inputs.js';
export type { CustomerOrderActivityTable, CustomersDatabase, CustomersTable } from './schema.js';
