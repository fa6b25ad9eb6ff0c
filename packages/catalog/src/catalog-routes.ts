/**
 * The catalog module's HTTP routes, mounted by the host at `/api/v1/store/catalog/…`. They act on
 * the caller's store (`context.storeId`) only: another store's product is not found.
 */
import {
  currencySchema,
  defineRoute,
  idParamSchema,
  pageQuerySchema,
  routeResponse,
  skuSchema,
  type ModuleRoutes,
} from '@orion/contracts';
import { callerStoreId } from '@orion/tenancy';
import { z } from 'zod';
import { createProductInputSchema, flagSchema, priceSchema, titleSchema } from './catalog-inputs.js';
import type { Product } from './catalog-records.js';
import { CatalogService } from './catalog-service.js';

/** The permission codes the routes check; declared with their labels in the module definition. */
export const catalogPermissions = {
  view: 'catalog.products.view',
  manage: 'catalog.products.manage',
} as const;

const productParamsSchema = z.object({ productId: idParamSchema });

/** A new product as a store sends it: the caller's store is used, never a `storeId` of the body. */
const createProductBodySchema = createProductInputSchema.omit({ storeId: true });

/**
 * A change to a product: any of `sku`, `title`, `price` with `currency` (together), `isActive` and
 * `isFeatured`, at least one.
 */
const changeProductBodySchema = z
  .strictObject({
    sku: skuSchema.optional(),
    title: titleSchema.optional(),
    price: priceSchema.optional(),
    currency: currencySchema.optional(),
    isActive: flagSchema.optional(),
    isFeatured: flagSchema.optional(),
  })
  .refine((body) => (body.price === undefined) === (body.currency === undefined), {
    message: 'price and currency change together: give both or neither',
    path: ['price'],
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'Nothing to change: give sku, title, price with currency, isActive or isFeatured',
  });

const listProducts = defineRoute({
  method: 'GET',
  path: '/products',
  summary: 'One page of the store’s products, by id, with the total count',
  query: pageQuerySchema,
  permission: catalogPermissions.view,
  handler: ({ query, context, db }) =>
    new CatalogService(db).listStoreProducts({ storeId: callerStoreId(context, catalogPermissions.view), ...query }),
});

const getProduct = defineRoute({
  method: 'GET',
  path: '/products/:productId',
  summary: 'One of the store’s products',
  params: productParamsSchema,
  permission: catalogPermissions.view,
  handler: ({ params, context, db }) =>
    new CatalogService(db).getProduct(params.productId, { storeId: callerStoreId(context, catalogPermissions.view) }),
});

const createProduct = defineRoute({
  method: 'POST',
  path: '/products',
  summary: 'Creates a product of the store',
  body: createProductBodySchema,
  permission: catalogPermissions.manage,
  handler: async ({ body, context, db }) => {
    const storeId = callerStoreId(context, catalogPermissions.manage);
    return routeResponse(201, await new CatalogService(db).createProduct({ ...body, storeId }));
  },
});

const changeProduct = defineRoute({
  method: 'PATCH',
  path: '/products/:productId',
  summary: 'Changes one of the store’s products: SKU, title, price, active and featured flags',
  params: productParamsSchema,
  body: changeProductBodySchema,
  permission: catalogPermissions.manage,
  handler: ({ params, body, context, db }) => {
    const scope = { storeId: callerStoreId(context, catalogPermissions.manage) };
    const { isActive, isFeatured, ...fields } = body;
    const id = params.productId;
    // one transaction: either every change lands or none does
    return db.transaction().execute(async (trx) => {
      const catalog = new CatalogService(trx);
      const steps: (() => Promise<Product>)[] = [];
      if (isActive !== undefined) steps.push(() => catalog.setProductActive(id, isActive, scope));
      if (isFeatured !== undefined) steps.push(() => catalog.setProductFeatured(id, isFeatured, scope));
      if (Object.values(fields).some((value) => value !== undefined))
        steps.push(() => catalog.updateProduct(id, fields, scope));
      let product: Product | undefined;
      for (const step of steps) product = await step();
      return product;
    });
  },
});

/**
 * The catalog routes, all on the store frontend: `GET /products`, `GET /products/:productId`,
 * `POST /products`, `PATCH /products/:productId`. See the package README for their permissions,
 * inputs and answers.
 */
export const catalogRoutes: ModuleRoutes = {
  store: [listProducts, getProduct, createProduct, changeProduct],
};
