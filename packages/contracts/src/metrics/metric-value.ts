import { z } from 'zod';

/** Direction of a metric against the previous window. */
export const trendSchema = z.enum(['up', 'down', 'stable']);

/** `'up' | 'down' | 'stable'`. */
export type Trend = z.infer<typeof trendSchema>;

/**
 * One number (or short text) on a dashboard card, as every metrics provider returns it.
 *
 * Keys follow `<category>.<snake_name>[.<CURRENCY>]`, for example `orders.revenue.EUR`.
 */
export const metricValueSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_-]*(\.[A-Za-z0-9_-]+)+$/, 'Expected <category>.<snake_name>[.<CURRENCY>]'),
  value: z.union([z.number(), z.string()]),
  label: z.string().min(1),
  category: z.string().min(1),
  icon: z.string().optional(),
  description: z.string().optional(),
  unit: z.string().optional(),
  trend: trendSchema.optional(),
  trendValue: z.number().nullable().optional(),
});

/** One dashboard value; see {@link metricValueSchema}. */
export type MetricValue = z.infer<typeof metricValueSchema>;
