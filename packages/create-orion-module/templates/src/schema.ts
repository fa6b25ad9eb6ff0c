/**
 * The tables of the __code__ module, for `Kysely<__Pascal__Database>`: a misspelt table or column
 * in a route or the metrics provider is a compile error.
 */
import type { StoredTimestamp, TenancyDatabase } from '@orion/tenancy';
import type { Generated } from 'kysely';

/** One row of `__snake___items`: an item a store keeps. */
export interface __Pascal__ItemsTable {
  id: Generated<number>;
  store_id: number;
  title: string;
  created_at: StoredTimestamp;
}

/** Every table the module reads and writes: its own, and tenancy's (`stores`, `store_platforms`, …). */
export interface __Pascal__Database extends TenancyDatabase {
  __snake___items: __Pascal__ItemsTable;
}
