/**
 * Kysely table interfaces for the tables the marketplace module owns.
 *
 * Read counts and money with `toNumber` and timestamps with `toIsoTimestamp` from `@orion/contracts`.
 */
import type { Generated } from 'kysely';
import type { StoredTimestamp, TenancyDatabase } from '@orion/tenancy';

/** Status of an import job: `pending` → `processing` → `completed` | `failed`. */
export type ImportJobStatus = 'pending' | 'processing' | 'completed' | 'failed';

/** Status of a staged product: `staged` → `published` | `rejected`. */
export type StagedProductStatus = 'staged' | 'published' | 'rejected';

/** `marketplace_import_jobs`: one feed import of one store. */
export interface MarketplaceImportJobsTable {
  id: Generated<number>;
  store_id: number;
  source: string;
  status: ImportJobStatus;
  /** Counters default to 0. */
  total_rows: Generated<number>;
  imported_rows: Generated<number>;
  error_rows: Generated<number>;
  error_message: string | null;
  created_at: StoredTimestamp;
  started_at: StoredTimestamp | null;
  completed_at: StoredTimestamp | null;
  /** The random token of the run (upload or import) holding the job; `null` when none holds it. */
  lease_owner: string | null;
  /** Until when the holder's lease runs; recovery fails a `pending` or `processing` job only after it. */
  lease_expires_at: StoredTimestamp | null;
  /** When the holder last renewed its lease. */
  heartbeat_at: StoredTimestamp | null;
  /** When the upload finished: a `pending` job with it set waits for its `import-feed` task. */
  uploaded_at: StoredTimestamp | null;
  /** Where the uploaded feed is kept until imported (removed when the job ends). */
  feed_path: string | null;
  /** The platform the feed was uploaded on (its task runs there). */
  platform_id: number | null;
}

/** `marketplace_products`: rows of imported feeds, staged until published or rejected. Money in minor units. */
export interface MarketplaceProductsTable {
  id: Generated<number>;
  store_id: number;
  import_job_id: number;
  external_id: string;
  sku: string;
  title: string;
  price: number | string;
  currency: string;
  /** `null` when the feed did not say how many. */
  quantity: number | null;
  status: StagedProductStatus;
  created_at: StoredTimestamp;
}

/** `marketplace_import_errors`: the rows of a feed that could not be staged, with their line and reason. */
export interface MarketplaceImportErrorsTable {
  id: Generated<number>;
  import_job_id: number;
  line_number: number;
  reason: string;
}

/** The marketplace's tables, with tenancy's. */
export interface MarketplaceDatabase extends TenancyDatabase {
  marketplace_import_jobs: MarketplaceImportJobsTable;
  marketplace_products: MarketplaceProductsTable;
  marketplace_import_errors: MarketplaceImportErrorsTable;
}
