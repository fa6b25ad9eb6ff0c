export { marketplaceModule } from './marketplace-module.js';
export {
  MarketplaceService,
  type MarketplaceServiceOptions,
  type PublishResult,
  type RecoveredImportJob,
} from './marketplace-service.js';
export { FeedUnreadableError, readFeed, requiredFeedColumns, type FeedRecord, type FeedSource } from './feed-reader.js';
export { parseFeedPrice, type FeedPrice } from './feed-price.js';
export { checkFeedRow, type StagedRow } from './feed-row.js';
export { marketplaceConfigSchema, type MarketplaceConfig } from './marketplace-config.js';
export type { ImportJob, ImportRowError, StagedProduct } from './marketplace-records.js';
export {
  createImportJobInputSchema,
  pageSchema,
  publishInputSchema,
  type CreateImportJobInput,
  type PageInput,
  type PublishInput,
} from './marketplace-inputs.js';
export type {
  ImportJobStatus,
  MarketplaceDatabase,
  MarketplaceImportErrorsTable,
  MarketplaceImportJobsTable,
  MarketplaceProductsTable,
  StagedProductStatus,
} from './schema.js';
