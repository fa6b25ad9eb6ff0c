/**
 * `@orion/catalog`: Orion's optional catalog module (requires `@orion/tenancy`): the products of
 * each store, a service to manage them, the product writer other modules use through
 * `catalogProductWriterRef`, and the catalog dashboard metrics. This file is the package's only
 * public door.
 *
 * @packageDocumentation
 */
export { catalogModule } from './catalog-module.js';
export { CatalogService } from './catalog-service.js';
export { CatalogProductWriterService } from './catalog-product-writer-service.js';
export type { Product, ProductPage } from './catalog-records.js';
export {
  createProductInputSchema,
  listStoreProductsInputSchema,
  productScopeSchema,
  updateProductInputSchema,
  type CreateProductInput,
  type ListStoreProductsInput,
  type ProductScope,
  type UpdateProductInput,
} from './catalog-inputs.js';
export type { CatalogDatabase, CatalogStoreTotalsTable, ProductsTable, StoredMinorUnits } from './schema.js';
