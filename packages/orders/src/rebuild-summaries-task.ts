/** The orders module's `rebuild-summaries` background task. */
import { idSchema } from '@orion/contracts';
import { z } from 'zod';
import { ordersKit } from './orders-kit.js';
import { OrdersService } from './orders-service.js';

/**
 * `rebuild-summaries` with payload `{ storeId? }`: {@link OrdersService.rebuildSummaries} for one
 * store or every store: a repair tool (the database's triggers keep the summaries exact on every
 * write path), as is `orion rebuild orders`. Enqueue it on any platform
 * where orders is enabled: `orion.tasks.enqueue({ module: 'orders', task: 'rebuild-summaries', platformId: 1, payload: {} })`.
 */
export const rebuildSummariesTask = ordersKit.task({
  name: 'rebuild-summaries',
  payload: z.object({ storeId: idSchema.optional() }),
  retries: 1,
  handler: ({ payload, db }) => new OrdersService(db).rebuildSummaries(payload),
});
