/** The zod schemas {@link MarketplaceService} validates its inputs with. */
import { idSchema } from '@orion/contracts';
import { z } from 'zod';

export { idSchema };

/** Paging for the list methods: at most 500 a page. */
export const pageSchema = z
  .object({ limit: z.number().int().min(1).max(500).default(50), offset: z.number().int().min(0).default(0) })
  .default({ limit: 50, offset: 0 });
export type PageInput = z.input<typeof pageSchema>;

export const createImportJobInputSchema = z.object({
  storeId: idSchema,
  /** Where the feed came from, for people: a file name or URL. */
  source: z.string().trim().min(1).max(255),
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
