/** Reads and writes content pages of one scope (a store or a platform). Internal: the routes use it. */
import { nowTimestamp, isUniqueViolation, toIsoTimestamp } from '@orion/contracts';
import type { Kysely, Selectable } from 'kysely';
import { cmsErrors } from './cms-errors.js';
import { createPageInputSchema, type CmsPage, type PageStatus, type updatePageInputSchema } from './cms-page.js';
import { renderPageBody } from './page-body.js';
import type { CmsDatabase, CmsPagesTable } from './schema.js';
import type { z } from 'zod';

/** Whose pages: one store's, or a platform's own. */
export type PageScope = { storeId: number } | { platformId: number };

/** A page row as the routes answer it. */
export function toPage(row: Selectable<CmsPagesTable>): CmsPage {
  return {
    id: row.id,
    storeId: row.store_id,
    platformId: row.platform_id,
    slug: row.slug,
    title: row.title,
    body: row.body,
    bodyHtml: row.body_html,
    status: row.status,
    publishedAt: row.published_at === null ? null : toIsoTimestamp(row.published_at),
    locale: row.locale,
    createdAt: toIsoTimestamp(row.created_at),
    updatedAt: toIsoTimestamp(row.updated_at),
  };
}

export class CmsPagesService {
  readonly #db: Kysely<CmsDatabase>;
  readonly #scope: PageScope;

  constructor(db: Kysely<CmsDatabase>, scope: PageScope) {
    this.#db = db;
    this.#scope = scope;
  }

  #scoped() {
    const query = this.#db.selectFrom('cms_pages').selectAll();
    return 'storeId' in this.#scope
      ? query.where('store_id', '=', this.#scope.storeId)
      : query.where('platform_id', '=', this.#scope.platformId).where('store_id', 'is', null);
  }

  async list(options: { status?: PageStatus; locale?: string; limit: number; offset: number }): Promise<CmsPage[]> {
    let query = this.#scoped();
    if (options.status) query = query.where('status', '=', options.status);
    if (options.locale) query = query.where('locale', '=', options.locale);
    const rows = await query.orderBy('slug').orderBy('id').limit(options.limit).offset(options.offset).execute();
    return rows.map(toPage);
  }

  /** @throws OrionError `CMS_ERR_PAGE_NOT_FOUND` */
  async get(pageId: number): Promise<CmsPage> {
    const row = await this.#scoped().where('id', '=', pageId).executeTakeFirst();
    if (!row) throw cmsErrors.create('CMS_ERR_PAGE_NOT_FOUND', { pageId });
    return toPage(row);
  }

  /** A published page by slug (and locale, when given), or `undefined`. */
  async findPublished(slug: string, locale?: string): Promise<CmsPage | undefined> {
    let query = this.#scoped().where('slug', '=', slug).where('status', '=', 'published');
    if (locale) query = query.where('locale', '=', locale);
    const row = await query.executeTakeFirst();
    return row ? toPage(row) : undefined;
  }

  /** @throws OrionError `CMS_ERR_SLUG_TAKEN` */
  async create(input: z.output<typeof createPageInputSchema>, createdAt = nowTimestamp()): Promise<CmsPage> {
    const row = await this.#slugUnique(input.slug, () =>
      this.#db
        .insertInto('cms_pages')
        .values({
          store_id: 'storeId' in this.#scope ? this.#scope.storeId : null,
          platform_id: 'platformId' in this.#scope ? this.#scope.platformId : null,
          slug: input.slug,
          title: input.title,
          body: input.body,
          body_html: renderPageBody(input.body),
          status: input.status,
          published_at: input.status === 'published' ? createdAt : null,
          locale: input.locale,
          created_at: createdAt,
          updated_at: createdAt,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
    return toPage(row);
  }

  /** @throws OrionError `CMS_ERR_PAGE_NOT_FOUND`, `CMS_ERR_SLUG_TAKEN` */
  async update(pageId: number, input: z.output<typeof updatePageInputSchema>): Promise<CmsPage> {
    await this.get(pageId);
    const row = await this.#slugUnique(input.slug ?? '', () =>
      this.#db
        .updateTable('cms_pages')
        .set({
          ...(input.slug === undefined ? {} : { slug: input.slug }),
          ...(input.title === undefined ? {} : { title: input.title }),
          ...(input.body === undefined ? {} : { body: input.body, body_html: renderPageBody(input.body) }),
          ...(input.locale === undefined ? {} : { locale: input.locale }),
          updated_at: nowTimestamp(),
        })
        .where('id', '=', pageId)
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
    return toPage(row);
  }

  /** Publishes (sets `published_at` to now) or takes the page back to draft (keeps `published_at`). */
  async setStatus(pageId: number, status: PageStatus): Promise<CmsPage> {
    await this.get(pageId);
    const now = nowTimestamp();
    const row = await this.#db
      .updateTable('cms_pages')
      .set({ status, updated_at: now, ...(status === 'published' ? { published_at: now } : {}) })
      .where('id', '=', pageId)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toPage(row);
  }

  /** @throws OrionError `CMS_ERR_PAGE_NOT_FOUND` */
  async delete(pageId: number): Promise<void> {
    await this.get(pageId);
    await this.#db.deleteFrom('cms_pages').where('id', '=', pageId).execute();
  }

  async #slugUnique<T>(slug: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error)) throw cmsErrors.create('CMS_ERR_SLUG_TAKEN', { slug }, { cause: error });
      throw error;
    }
  }
}
