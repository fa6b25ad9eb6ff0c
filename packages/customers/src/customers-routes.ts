/**
 * The customers module's HTTP routes, mounted by the host at `/api/v1/<frontend>/customers/…`. Store
 * routes act on the caller's store (`context.storeId`) only; the admin route reaches the stores of
 * the caller's platform.
 */
import { idParamSchema, inTransaction, pageQuerySchema, routeResponse } from '@orion/contracts';
import { callerStoreId, requirePlatformStore } from '@orion/tenancy';
import { z } from 'zod';
import { customersKit } from './customers-kit.js';
import { customerEmailSchema } from './customers-inputs.js';
import { CustomersService } from './customers-service.js';

/**
 * The permission codes the routes check; declared with their labels in the module definition.
 *
 * @example
 * ```ts
 * import { customersPermissions } from '@orion/customers';
 * const clerk = { platformId: 1, storeId: 12, permissions: [customersPermissions.view] };
 * ```
 */
export const customersPermissions = {
  view: 'customers.view',
  manage: 'customers.manage',
  platformView: 'customers.platform.view',
} as const;

/** `?search=&limit=&offset=&before=` of a list. */
const listQuerySchema = z.object({
  search: z.string().optional(),
  limit: pageQuerySchema.shape.limit.unwrap().optional(),
  offset: pageQuerySchema.shape.offset.unwrap().optional(),
  before: idParamSchema.optional(),
});

const customerParamsSchema = z.object({ customerId: idParamSchema });

/** Profile fields a store sends; the service validates them again. */
const profileFields = {
  firstName: z.string().nullable().optional(),
  lastName: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
  locale: z.string().nullable().optional(),
};

const listCustomers = customersKit.route({
  method: 'GET',
  path: '/customers',
  summary: 'One page of the store’s customers, newest first, optionally by e-mail or name prefix',
  query: listQuerySchema,
  permission: customersPermissions.view,
  handler: ({ query, context, db, config }) =>
    new CustomersService(db).list({
      storeId: callerStoreId(context, customersPermissions.view),
      ...query,
      limit: query.limit ?? config.pageSize,
    }),
});

const getCustomer = customersKit.route({
  method: 'GET',
  path: '/customers/:customerId',
  summary: 'One of the store’s customers',
  params: customerParamsSchema,
  permission: customersPermissions.view,
  handler: ({ params, context, db }) =>
    new CustomersService(db).get(params.customerId, { storeId: callerStoreId(context, customersPermissions.view) }),
});

const createCustomer = customersKit.route({
  method: 'POST',
  path: '/customers',
  summary: 'Adds a customer to the store',
  body: z.strictObject({ email: customerEmailSchema, ...profileFields }),
  permission: customersPermissions.manage,
  handler: async ({ body, context, db, events }) => {
    const storeId = callerStoreId(context, customersPermissions.manage);
    const customers = new CustomersService(db, { events, platformId: context.platformId });
    return routeResponse(201, await customers.create({ ...body, storeId }));
  },
});

const updateCustomer = customersKit.route({
  method: 'PATCH',
  path: '/customers/:customerId',
  summary: 'Changes one of the store’s customers; `isActive: false` deactivates it',
  params: customerParamsSchema,
  body: z.strictObject({
    email: customerEmailSchema.optional(),
    ...profileFields,
    isActive: z.literal(false).optional(),
  }),
  permission: customersPermissions.manage,
  handler: async ({ params, body, context, db }) => {
    const storeId = callerStoreId(context, customersPermissions.manage);
    const { isActive, ...changes } = body;
    const changed = Object.values(changes).some((value) => value !== undefined);
    // The changes and the deactivation commit together.
    return inTransaction(db, async (trx) => {
      const customers = new CustomersService(trx);
      if (isActive === false && !changed) return customers.deactivate(params.customerId, { storeId });
      const updated = await customers.update(params.customerId, changes, { storeId });
      return isActive === false ? customers.deactivate(params.customerId, { storeId }) : updated;
    });
  },
});

const listPlatformStoreCustomers = customersKit.route({
  method: 'GET',
  path: '/stores/:storeId/customers',
  summary: 'One page of the customers of a store on the caller’s platform',
  params: z.object({ storeId: idParamSchema }),
  query: listQuerySchema,
  permission: customersPermissions.platformView,
  handler: async ({ params, query, context, db, config }) => {
    await requirePlatformStore(db, params.storeId, context.platformId);
    return new CustomersService(db).list({ storeId: params.storeId, ...query, limit: query.limit ?? config.pageSize });
  },
});

/**
 * The customers routes by frontend:
 *
 * - store: `GET /customers`, `GET /customers/:customerId`, `POST /customers`,
 *   `PATCH /customers/:customerId`;
 * - admin: `GET /stores/:storeId/customers`.
 *
 * See the package README for their permissions, inputs and answers.
 */
export const customersRoutes = customersKit.routes({
  store: [listCustomers, getCustomer, createCustomer, updateCustomer],
  admin: [listPlatformStoreCustomers],
});
