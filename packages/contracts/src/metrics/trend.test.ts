import { describe, expect, it } from 'vitest';
import { computeTrend, withTrend } from './trend.js';

describe('computeTrend', () => {
  it.each([
    [110, 100, 'up', 10],
    [90, 100, 'down', -10],
    [1, 3, 'down', -66.7],
    [2, 3, 'down', -33.3],
    [100, 100, 'stable', 0],
    [10_004, 10_000, 'stable', 0],
    [10_005, 10_000, 'up', 0.1],
    [0, 0, 'stable', 0],
    [0, 5, 'down', -100],
  ] as const)('%d against %d is %s %d', (current, previous, trend, trendValue) => {
    expect(computeTrend(current, previous)).toEqual({ trend, trendValue });
  });

  it('never reports +100% when the previous window had nothing', () => {
    expect(computeTrend(5, 0)).toEqual({ trend: 'up', trendValue: null });
  });

  it('withTrend adds the trend only when trends are asked for', () => {
    const metric = { key: 'orders.count', value: 12, label: 'Orders', category: 'orders' };
    expect(withTrend(metric, 10, false)).toEqual(metric);
    expect(withTrend(metric, 10, true)).toEqual({ ...metric, trend: 'up', trendValue: 20 });
  });

  it('measures a rate in percentage points when asked, also from 0', () => {
    expect(computeTrend(60, 50, { change: 'points' })).toEqual({ trend: 'up', trendValue: 10 });
    expect(computeTrend(50, 0, { change: 'points' })).toEqual({ trend: 'up', trendValue: 50 });
    expect(computeTrend(40.04, 40, { change: 'points' })).toEqual({ trend: 'stable', trendValue: 0 });
    expect(computeTrend(100 / 3, 50, { change: 'points' })).toEqual({ trend: 'down', trendValue: -16.7 });
  });

  it('withTrend compares the exact current value when the displayed one is rounded', () => {
    // 11/3 = 3.666.. shown as 3.67; against 3: the exact change is 22.2 %, the rounded one 22.3 %
    const metric = { key: 'x.average', value: 3.67, label: 'Average', category: 'x' };
    expect(withTrend(metric, 3, true)).toEqual({ ...metric, trend: 'up', trendValue: 22.3 });
    expect(withTrend(metric, 3, true, { current: 11 / 3 })).toEqual({ ...metric, trend: 'up', trendValue: 22.2 });
    expect(withTrend(metric, 3, false, { current: 11 / 3 })).toEqual(metric);
  });
});
