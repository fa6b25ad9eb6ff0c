import { z } from 'zod';

const periodPattern = /^([1-9]\d{0,5})([dh])$/;

/**
 * The windows a dashboard may ask for: what SQLite (ISO-8601 text) and PostgreSQL (`timestamptz`)
 * both compute. Dates lie from `earliest` (1970-01-01, the Unix epoch) to `latest` (the end of
 * year 9998: ISO-8601 text has four-digit years up to 9999, and a provider that rounds a window's
 * end up to the next hour, day or month must stay inside them), and a window (a `period`, or
 * `dateTo − dateFrom`) is at most `maxDays` (3660 days, about ten years), so the previous window
 * used for trends stays within a few decades of 1970 too. A window outside these is
 * `ORION_ERR_VALIDATION` before any provider runs.
 *
 * @example
 * ```ts
 * import { metricsWindowLimits } from '@orion/contracts';
 *
 * metricsWindowLimits.maxDays; // 3660: `period` at most 3660d or 87840h
 * ```
 */
export const metricsWindowLimits = {
  earliest: new Date('1970-01-01T00:00:00.000Z'),
  latest: new Date('9998-12-31T23:59:59.999Z'),
  maxDays: 3660,
} as const;

const maxWindowMs = metricsWindowLimits.maxDays * 86_400_000;
const windowTooLong = `A window is at most ${metricsWindowLimits.maxDays} days (${metricsWindowLimits.maxDays}d or ${metricsWindowLimits.maxDays * 24}h)`;

/**
 * A look-back length: `<n>d` days or `<n>h` hours, such as `30d` or `12h`, at most
 * {@link metricsWindowLimits} `maxDays` (3660d, 87840h).
 */
export const periodSchema = z
  .string()
  .regex(periodPattern, 'Expected <n>d or <n>h, such as 30d or 12h')
  .refine((period) => !periodPattern.test(period) || periodToMs(period) <= maxWindowMs, windowTooLong);

/**
 * A `Date`, or an ISO-8601 date (`2026-11-01`, taken as UTC) or date-time with `Z` or an offset,
 * from 1970 to 9998 ({@link metricsWindowLimits}).
 */
const dateInputSchema = z
  .union([z.date(), z.iso.date(), z.iso.datetime({ offset: true })], {
    error: 'Expected a Date or an ISO-8601 date or date-time with a time zone, such as 2026-11-01T00:00:00Z',
  })
  .pipe(z.coerce.date())
  .pipe(
    z
      .date()
      .min(metricsWindowLimits.earliest, 'Expected a date from 1970-01-01 on')
      .max(metricsWindowLimits.latest, 'Expected a date up to 9998-12-31'),
  );

/**
 * The window and options a dashboard asks metrics for.
 *
 * Dates accept a `Date` or an ISO-8601 string. Without dates the window is the last `period`
 * ending now; with only `dateTo`, the `period` before it; with only `dateFrom`, up to now. Dates lie
 * in 1970–9998 and a window is at most 3660 days ({@link metricsWindowLimits}).
 */
export const metricsContextSchema = z
  .object({
    dateFrom: dateInputSchema.optional(),
    dateTo: dateInputSchema.optional(),
    includeTrends: z.boolean().default(false),
    period: periodSchema.default('30d'),
    /** BCP 47 language tag for labels, such as `de` or `fr-LU`; falls back to English. */
    locale: z.string().min(2).max(35).optional(),
  })
  .strict()
  .refine((context) => !context.dateFrom || !context.dateTo || context.dateFrom < context.dateTo, {
    message: 'dateFrom must be before dateTo',
    path: ['dateFrom'],
  })
  .refine(
    (context) =>
      !context.dateFrom || (context.dateTo?.getTime() ?? Date.now()) - context.dateFrom.getTime() <= maxWindowMs,
    { message: windowTooLong, path: ['dateFrom'] },
  );

/** What a caller passes: see {@link metricsContextSchema}. */
export type MetricsContext = z.input<typeof metricsContextSchema>;

/**
 * The context every provider receives: the window `[dateFrom, dateTo)` already resolved, and the
 * previous window of the same length `[previousFrom, previousTo)` for trends.
 */
export interface ResolvedMetricsContext {
  dateFrom: Date;
  dateTo: Date;
  previousFrom: Date;
  previousTo: Date;
  includeTrends: boolean;
  period: string;
  locale?: string | undefined;
}

/** Length of a period string in milliseconds: `periodToMs('30d') === 2_592_000_000`. */
export function periodToMs(period: string): number {
  const match = periodPattern.exec(period);
  if (!match) throw new RangeError(`Invalid period "${period}"`);
  const hours = match[2] === 'd' ? Number(match[1]) * 24 : Number(match[1]);
  return hours * 3_600_000;
}

/**
 * Resolves a parsed context into the concrete window and the previous window of the same length.
 *
 * @example
 * ```ts
 * import { metricsContextSchema, resolveMetricsContext } from '@orion/contracts';
 * const window = resolveMetricsContext(metricsContextSchema.parse({ period: '7d' }), new Date());
 * ```
 */
export function resolveMetricsContext(
  context: z.output<typeof metricsContextSchema>,
  now: Date = new Date(),
): ResolvedMetricsContext {
  const length = periodToMs(context.period);
  const dateTo = context.dateTo ?? now;
  const dateFrom = context.dateFrom ?? new Date(dateTo.getTime() - length);
  const windowLength = dateTo.getTime() - dateFrom.getTime();
  return {
    dateFrom,
    dateTo,
    previousFrom: new Date(dateFrom.getTime() - windowLength),
    previousTo: dateFrom,
    includeTrends: context.includeTrends,
    period: context.period,
    locale: context.locale,
  };
}

/** A resolved window as the ISO-8601 strings that providers bind in SQL (text on SQLite, timestamptz on PostgreSQL). */
export interface WindowBounds {
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
}

/**
 * The window `[from, to)` and the previous window `[previousFrom, previousTo)` as ISO strings, to
 * compare timestamp columns with: `created_at >= from and created_at < to`.
 *
 * @example
 * ```ts
 * import { windowBounds } from '@orion/contracts';
 * const { from, to } = windowBounds(context);
 * db.selectFrom('orders').where('created_at', '>=', from).where('created_at', '<', to);
 * ```
 */
export function windowBounds(context: ResolvedMetricsContext): WindowBounds {
  return {
    from: context.dateFrom.toISOString(),
    to: context.dateTo.toISOString(),
    previousFrom: context.previousFrom.toISOString(),
    previousTo: context.previousTo.toISOString(),
  };
}
