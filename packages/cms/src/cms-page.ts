/** Content pages: their shape as the routes answer them and the inputs that create and change them. */
import { z } from 'zod';

/** A page's status: only `published` pages are shown on the storefront. */
export const pageStatuses = ['draft', 'published'] as const;

/** `'draft' | 'published'`. */
export type PageStatus = (typeof pageStatuses)[number];

/** A content page of a store (`storeId` set) or of a platform (`platformId` set), as the routes answer it. */
export interface CmsPage {
  id: number;
  storeId: number | null;
  platformId: number | null;
  slug: string;
  title: string;
  /** The page's Markdown, as written. */
  body: string;
  /** The Markdown rendered to HTML and sanitised: safe to show as it is. */
  bodyHtml: string;
  status: PageStatus;
  /** ISO-8601 UTC; set when the page was (last) published, `null` for a draft never published. */
  publishedAt: string | null;
  locale: string;
  createdAt: string;
  updatedAt: string;
}

/** A slug: lower-case words of letters and digits joined by `-`, optionally in `/`-separated segments. */
export const pageSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(120)
  .regex(
    /^[a-z0-9]+(-[a-z0-9]+)*(\/[a-z0-9]+(-[a-z0-9]+)*)*$/,
    'Expected a slug such as "about-us" or "help/shipping"',
  );

/** A BCP 47 language tag such as `en`, `de` or `fr-LU`. */
export const pageLocaleSchema = z
  .string()
  .trim()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'Expected a language tag such as "en" or "fr-LU"');

/**
 * Validates a new page: `{ slug, title, body, locale?, status? }`. `locale` defaults to `en`,
 * `status` to `draft`; the body is Markdown of at most 200,000 characters.
 *
 * @example
 * ```ts
 * import { createPageInputSchema } from '@orion/cms';
 *
 * const input = createPageInputSchema.parse({ slug: 'about-us', title: 'About us', body: '# Who we are' });
 * input.status; // 'draft'
 * ```
 */
export const createPageInputSchema = z.strictObject({
  slug: pageSlugSchema,
  title: z.string().trim().min(1).max(200),
  body: z.string().max(200_000),
  locale: pageLocaleSchema.default('en'),
  status: z.enum(pageStatuses).default('draft'),
});

/** A new page; see {@link createPageInputSchema}. */
export type CreatePageInput = z.input<typeof createPageInputSchema>;

/** Validates a change to a page: any of `slug`, `title`, `body`, `locale`, at least one. */
export const updatePageInputSchema = z
  .strictObject({
    slug: pageSlugSchema,
    title: z.string().trim().min(1).max(200),
    body: z.string().max(200_000),
    locale: pageLocaleSchema,
  })
  .partial()
  .refine((input) => Object.keys(input).length > 0, 'Give at least one of slug, title, body, locale');

/** A change to a page; see {@link updatePageInputSchema}. */
export type UpdatePageInput = z.input<typeof updatePageInputSchema>;
