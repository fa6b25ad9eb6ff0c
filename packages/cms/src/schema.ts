/**
 * The tables of the cms module, for `Kysely<CmsDatabase>`: a misspelt table or column in a route
 * or the metrics provider is a compile error.
 */
import type { StoredTimestamp, TenancyDatabase } from '@orion/tenancy';
import type { ColumnType, Generated } from 'kysely';

/**
 * One row of `cms_pages`: a content page of one store (`store_id` set, `platform_id` null) or of a
 * platform (`platform_id` set, `store_id` null). The slug is unique within that scope.
 */
export interface CmsPagesTable {
  id: Generated<number>;
  store_id: number | null;
  platform_id: number | null;
  slug: string;
  title: string;
  /** The page's Markdown, as written. */
  body: string;
  /** `body` rendered to HTML and sanitised, kept at every write. */
  body_html: string;
  status: 'draft' | 'published';
  published_at: StoredTimestamp | null;
  locale: string;
  created_at: StoredTimestamp;
  updated_at: StoredTimestamp;
}

/** One row of `cms_media_files`: an uploaded file's metadata; the bytes live in the media directory. */
export interface CmsMediaFilesTable {
  id: Generated<number>;
  store_id: number;
  /** The uploaded file's name, sanitised, as a label only. */
  file_name: string;
  /** The generated name the bytes are stored under in the media directory. */
  storage_name: string;
  content_type: string;
  /** The file's size; `bigint` (PostgreSQL returns it as text). */
  bytes: ColumnType<number | string, number, number>;
  sha256: string;
  created_at: StoredTimestamp;
}

/** One row of `cms_themes`: a store's chosen theme and its settings (JSON text). */
export interface CmsThemesTable {
  store_id: number;
  theme_code: string;
  settings: string;
  updated_at: StoredTimestamp;
}

/** Every table the module reads and writes: its own, and tenancy's (`stores`, `store_platforms`, …). */
export interface CmsDatabase extends TenancyDatabase {
  /** Content pages of stores and platforms. */
  cms_pages: CmsPagesTable;
  /** Uploaded media files' metadata. */
  cms_media_files: CmsMediaFilesTable;
  /** A store's chosen theme, one row per store. */
  cms_themes: CmsThemesTable;
}
