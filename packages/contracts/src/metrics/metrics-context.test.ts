import { describe, expect, it } from 'vitest';
import { metricsContextSchema, periodToMs, resolveMetricsContext } from './metrics-context.js';

const now = new Date('2026-11-22T10:00:00.000Z');

describe('metrics context', () => {
  it('defaults to the last 30 days ending now, without trends', () => {
    const window = resolveMetricsContext(metricsContextSchema.parse({}), now);
    expect(window).toMatchObject({
      dateFrom: new Date('2026-10-23T10:00:00.000Z'),
      dateTo: now,
      previousFrom: new Date('2026-09-23T10:00:00.000Z'),
      previousTo: new Date('2026-10-23T10:00:00.000Z'),
      includeTrends: false,
      period: '30d',
    });
  });

  it('uses explicit dates, and a previous window of the same length', () => {
    const window = resolveMetricsContext(
      metricsContextSchema.parse({ dateFrom: '2026-11-01T00:00:00Z', dateTo: new Date('2026-11-08T00:00:00Z') }),
      now,
    );
    expect(window.previousFrom.toISOString()).toBe('2026-10-25T00:00:00.000Z');
    expect(window.previousTo.toISOString()).toBe('2026-11-01T00:00:00.000Z');
  });

  it('takes the period before dateTo when only dateTo is given; hours work too', () => {
    const window = resolveMetricsContext(metricsContextSchema.parse({ dateTo: now, period: '12h' }), now);
    expect(window.dateFrom.toISOString()).toBe('2026-11-21T22:00:00.000Z');
    expect(periodToMs('2h')).toBe(7_200_000);
  });

  it.each([
    [{ period: '30' }, 'period'],
    [{ period: '0d' }, 'period'],
    [{ period: '-3d' }, 'period'],
    [{ period: '1w' }, 'period'],
    [{ dateFrom: 'yesterday' }, 'dateFrom'],
    [{ dateFrom: '2026-11-08', dateTo: '2026-11-01' }, 'dateFrom'],
    [{ dateFrom: '2026-11-01', dateTo: '2026-11-01' }, 'dateFrom'],
    [{ includeTrends: 'yes' }, 'includeTrends'],
    [{ surprise: 1 }, ''],
  ])('rejects %o', (input, path) => {
    const result = metricsContextSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path.join('.')).toBe(path);
  });

  it('bounds windows to what both databases compute: 1970-9998, at most 3660 days (issue 14)', () => {
    for (const good of [
      { period: '3660d' },
      { period: '87840h' },
      { dateFrom: '1970-01-01', dateTo: '1975-01-01' },
      { dateFrom: '9990-01-01', dateTo: '9998-12-31T23:59:59Z' },
    ]) {
      expect(metricsContextSchema.safeParse(good).success, JSON.stringify(good)).toBe(true);
    }
    for (const bad of [
      { period: '3661d' },
      { period: '999999d' },
      { period: '87841h' },
      { dateFrom: '0001-01-01', dateTo: '0001-02-01' },
      { dateFrom: '1969-12-31T23:59:59Z', dateTo: '1970-01-02' },
      { dateTo: '0001-01-01T00:00:00Z' },
      { dateFrom: '1970-01-01', dateTo: '2026-01-01' },
      { dateFrom: '1970-01-01' },
      { dateFrom: new Date(-62_135_596_800_000) },
      { dateFrom: '9998-12-01', dateTo: '9999-01-01' },
    ]) {
      expect(metricsContextSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
