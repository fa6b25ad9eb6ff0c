import { toIsoTimestamp, toNumber } from '@orion/contracts';
import type { Selectable } from 'kysely';
import { boundedText } from './bounded-text.js';
import type {
  ImportJobStatus,
  MarketplaceImportErrorsTable,
  MarketplaceImportJobsTable,
  MarketplaceProductsTable,
  StagedProductStatus,
} from './schema.js';

/** An import job as the service returns it. */
export interface ImportJob {
  id: number;
  storeId: number;
  source: string;
  status: ImportJobStatus;
  totalRows: number;
  importedRows: number;
  errorRows: number;
  errorMessage: string | null;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
}

/** A feed row that could not be staged. */
export interface ImportRowError {
  lineNumber: number;
  reason: string;
}

/** A staged (or published, or rejected) product. Money in minor units. */
export interface StagedProduct {
  id: number;
  storeId: number;
  importJobId: number;
  externalId: string;
  sku: string;
  title: string;
  price: number;
  currency: string;
  quantity: number | null;
  status: StagedProductStatus;
  createdAt: string;
}

const optionalTimestamp = (value: unknown) => (value === null || value === undefined ? null : toIsoTimestamp(value));

/** The columns {@link toImportJob} reads. */
type ImportJobColumns = Pick<
  Selectable<MarketplaceImportJobsTable>,
  | 'id'
  | 'store_id'
  | 'source'
  | 'status'
  | 'total_rows'
  | 'imported_rows'
  | 'error_rows'
  | 'error_message'
  | 'created_at'
  | 'started_at'
  | 'completed_at'
>;

export function toImportJob(row: ImportJobColumns): ImportJob {
  return {
    id: row.id,
    storeId: row.store_id,
    source: row.source,
    status: row.status,
    totalRows: toNumber(row.total_rows),
    importedRows: toNumber(row.imported_rows),
    errorRows: toNumber(row.error_rows),
    errorMessage: row.error_message === null ? null : boundedText(row.error_message),
    createdAt: toIsoTimestamp(row.created_at),
    startedAt: optionalTimestamp(row.started_at),
    completedAt: optionalTimestamp(row.completed_at),
  };
}

export function toImportRowError(
  row: Pick<Selectable<MarketplaceImportErrorsTable>, 'line_number' | 'reason'>,
): ImportRowError {
  return { lineNumber: row.line_number, reason: boundedText(row.reason) };
}

export function toStagedProduct(row: Selectable<MarketplaceProductsTable>): StagedProduct {
  return {
    id: row.id,
    storeId: row.store_id,
    importJobId: row.import_job_id,
    externalId: row.external_id,
    sku: row.sku,
    title: row.title,
    price: toNumber(row.price),
    currency: row.currency,
    quantity: row.quantity === null ? null : toNumber(row.quantity),
    status: row.status,
    createdAt: toIsoTimestamp(row.created_at),
  };
}
