/**
 * The zod schemas {@link CatalogService} and the product writer validate their inputs with, and the
 * input types they describe. Failing input becomes `ORION_ERR_VALIDATION` through `parseInput`.
 */
import { currencySchema, idSchema, pageQuerySchema, skuSchema, textSchema } from '@orion/contracts';
import { z } from 'zod';

/** The shared SKU and currency rules of `@orion/contracts`, one for every module. */
export { currencySchema, skuSchema };

/**
 * A product title: trimmed, 1 to 255 characters, without NUL characters.
 *
 * @example
 * ```ts
 * import { titleSchema } from './catalog-inputs.js';
 *
 * titleSchema.parse('  Blue mug  '); // 'Blue mug'
 * ```
 */
export const titleSchema = textSchema.trim().min(1).max(255);

/**
 * A price in integer minor units of its currency (cents for EUR, yen for JPY): 0 or more, at most
 * `Number.MAX_SAFE_INTEGER`.
 *
 * @example
 * ```ts
 * import { priceSchema } from './catalog-inputs.js';
 *
 * priceSchema.parse(1299); // EUR 12.99 with currency 'EUR'
 * ```
 */
export const priceSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/**
 * Whether a product is active (or featured): a JavaScript boolean.
 *
 * @example
 * ```ts
 * import { flagSchema } from './catalog-inputs.js';
 *
 * flagSchema.parse(false); // false
 * ```
 */
export const flagSchema = z.boolean();

/**
 * What {@link CatalogService.createProduct} accepts. `isActive` defaults to true, `isFeatured` to
 * false.
 *
 * @example
 * ```ts
 * import { createProductInputSchema } from './catalog-inputs.js';
 *
 * createProductInputSchema.parse({ storeId: 12, sku: 'MUG-01', title: 'Blue mug', price: 1299, currency: 'EUR' });
 * ```
 */
export const createProductInputSchema = z.strictObject({
  storeId: idSchema,
  sku: skuSchema,
  title: titleSchema,
  price: priceSchema,
  currency: currencySchema,
  isActive: flagSchema.default(true),
  isFeatured: flagSchema.default(false),
});

/**
 * What {@link CatalogService.createProduct} accepts:
 * `{ storeId, sku, title, price, currency, isActive?, isFeatured? }`, price in minor units.
 */
export type CreateProductInput = z.input<typeof createProductInputSchema>;

/**
 * What {@link CatalogService.updateProduct} accepts: at least one of `sku`, `title` and the pair
 * `price` + `currency`, which change together because a price in minor units means nothing
 * without its currency.
 *
 * @example
 * ```ts
 * import { updateProductInputSchema } from './catalog-inputs.js';
 *
 * updateProductInputSchema.parse({ title: 'Large blue mug', price: 1499, currency: 'EUR' });
 * ```
 */
export const updateProductInputSchema = z
  .strictObject({
    sku: skuSchema.optional(),
    title: titleSchema.optional(),
    price: priceSchema.optional(),
    currency: currencySchema.optional(),
  })
  .refine((input) => (input.price === undefined) === (input.currency === undefined), {
    message: 'price and currency change together: give both or neither',
    path: ['price'],
  })
  .refine((input) => Object.values(input).some((value) => value !== undefined), {
    message: 'Nothing to update: give sku, title, or price with currency',
  });

/** What {@link CatalogService.updateProduct} accepts: `{ sku?, title?, price?, currency? }`. */
export type UpdateProductInput = z.input<typeof updateProductInputSchema>;

/**
 * What {@link CatalogService.listStoreProducts} accepts: a page of a store's products, `limit`
 * 1 to 200 (default 50), `offset` 0 to 2³¹ − 1 (default 0): the shared `pageQuerySchema`.
 *
 * @example
 * ```ts
 * import { listStoreProductsInputSchema } from './catalog-inputs.js';
 *
 * listStoreProductsInputSchema.parse({ storeId: 12, limit: 20, offset: 40 });
 * ```
 */
export const listStoreProductsInputSchema = z.strictObject({
  storeId: idSchema,
  ...pageQuerySchema.shape,
});

/** What {@link CatalogService.listStoreProducts} accepts: `{ storeId, limit?, offset? }`. */
export type ListStoreProductsInput = z.input<typeof listStoreProductsInputSchema>;

/**
 * Limits {@link CatalogService}'s reads and changes of one product to the products of one store:
 * `{ storeId }`. Routes acting for a store pass it, so a store never reaches another store's
 * products; without it, any product is found.
 *
 * @example
 * ```ts
 * import { productScopeSchema } from './catalog-inputs.js';
 *
 * productScopeSchema.parse({ storeId: 12 });
 * ```
 */
export const productScopeSchema = z.strictObject({
  storeId: idSchema.optional(),
});

/** Which products a read or change may reach: `{ storeId? }`. */
export type ProductScope = z.input<typeof productScopeSchema>;

/**
 * One product as another module hands it to the product writer (`CatalogProductInput` from
 * `@orion/contracts`). Unknown properties are ignored, so callers may pass richer objects.
 *
 * @example
 * ```ts
 * import { catalogProductInputSchema } from './catalog-inputs.js';
 *
 * catalogProductInputSchema.parse({ sku: 'MUG-01', title: 'Blue mug', price: 1299, currency: 'EUR' });
 * ```
 */
export const catalogProductInputSchema = z.object({
  sku: skuSchema,
  title: titleSchema,
  price: priceSchema,
  currency: currencySchema,
  /** New products default to active; an existing product keeps its state unless this is given. */
  isActive: flagSchema.optional(),
});

/**
 * A batch for the product writer: products with distinct SKUs (after trimming), because one
 * upsert can not create and then change the same row.
 *
 * @example
 * ```ts
 * import { productBatchSchema } from './catalog-inputs.js';
 *
 * productBatchSchema.parse([{ sku: 'A', title: 'A', price: 1, currency: 'EUR' }]);
 * ```
 */
export const productBatchSchema = z.array(catalogProductInputSchema).superRefine((products, context) => {
  const seen = new Set<string>();
  products.forEach((product, index) => {
    if (seen.has(product.sku)) {
      context.addIssue({
        code: 'custom',
        path: [index, 'sku'],
        message: `SKU "${product.sku}" appears more than once`,
      });
    }
    seen.add(product.sku);
  });
});
