/** The orders module's `rebuild-totals` background task. */
import { idSchema } from '@orion/contracts';
import { z } from 'zod';
import { ordersKit } from './orders-kit.js';
import { OrdersService } from './orders-service.js';

/**
 * `rebuild-totals` with payload `{ storeId? }`: {@link OrdersService.rebuildTotals} for one
 * store or every store: a repair tool (the database's triggers keep the totals exact on every
 * write path), as is `orion rebuild orders`. Enqueue it on any platform
 * where orders is enabled: `orion.tasks.enqueue({ module: 'orders', task: 'rebuild-totals', platformId: 1, payload: {} })`.
 */
export const rebuildTotalsTask = ordersKit.task({
  name: 'rebuild-totals',
  payload: z.object({ storeId: idSchema.optional() }),
  retries: 1,
  handler: ({ payload, db }) => new OrdersService(db).rebuildTotals(payload),
});
