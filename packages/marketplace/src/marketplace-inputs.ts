/** The zod schemas {@link MarketplaceService} validates its inputs with. */
import { idSchema, pageQuerySchema, textSchema } from '@orion/contracts';
import { z } from 'zod';

export { idSchema };

/**
 * Paging for the list methods: the shared `pageQuerySchema` of `@orion/contracts` (`limit` 1 to
 * 200, default 50; `offset` 0 to 2³¹ − 1, default 0), and the first page when omitted.
 */
export const pageSchema = pageQuerySchema.default({ limit: 50, offset: 0 });
export type PageInput = z.input<typeof pageSchema>;

export const createImportJobInputSchema = z.object({
  storeId: idSchema,
  /** Where the feed came from, for people: a file name or URL. */
  source: textSchema.trim().min(1).max(255),
});
export type CreateImportJobInput = z.input<typeof createImportJobInputSchema>;

export const publishInputSchema = z.object({
  storeId: idSchema,
  /** The platform whose enabled modules decide where products go (the catalog only where enabled). */
  platformId: idSchema,
  /** Publish only this job's staged rows; default: every staged row of the store. */
  importJobId: idSchema.optional(),
});
export type PublishInput = z.input<typeof publishInputSchema>;

export const stagedStatusSchema = z.enum(['staged', 'published', 'rejected']);
