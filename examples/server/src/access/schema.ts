/**
 * The table the demo's access module owns, as Kysely sees it. Migrations never import this file:
 * they are frozen in time.
 */
import type { ColumnType, Generated } from 'kysely';

/** `demo_api_tokens`: one row per issued token, only its SHA-256 hash stored. */
export interface DemoApiTokensTable {
  id: Generated<number>;
  /** SHA-256 of the whole token, as 64 lower-case hex digits. */
  token_hash: string;
  /** Names the token; issuing again under the same label replaces it. */
  label: string;
  kind: 'store' | 'platform';
  platform_id: number | null;
  store_id: number | null;
  user_id: number;
  /** ISO-8601 UTC text on SQLite, `timestamptz` (read as `Date`) on PostgreSQL. */
  created_at: ColumnType<Date | string, string, string>;
}

/** The tables of the demo's access module. */
export interface DemoAccessDatabase {
  demo_api_tokens: DemoApiTokensTable;
}
