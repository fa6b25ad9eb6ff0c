import { describe, expect, it } from 'vitest';
import { generateOrderNumber } from './order-number.js';
import { orderStatuses, orderStatusTransitions, statusesThatMayBecome } from './order-status.js';

describe('order life cycle', () => {
  it('inverts the transition table', () => {
    expect(statusesThatMayBecome('pending')).toEqual([]);
    expect(statusesThatMayBecome('paid')).toEqual(['pending']);
    expect(statusesThatMayBecome('cancelled')).toEqual(['pending', 'paid']);
    expect(statusesThatMayBecome('refunded')).toEqual(['paid', 'shipped', 'delivered']);
    for (const to of orderStatuses) {
      for (const from of statusesThatMayBecome(to)) expect(orderStatusTransitions[from]).toContain(to);
    }
    expect(Object.isFrozen(orderStatusTransitions.paid)).toBe(true);
  });
});

describe('generateOrderNumber', () => {
  it('makes readable numbers from the UTC date and Crockford base 32', () => {
    const numbers = new Set(Array.from({ length: 500 }, () => generateOrderNumber('2026-11-22T23:59:59.999Z')));
    for (const number of numbers) expect(number).toMatch(/^ORD-20261122-[0-9A-HJKMNP-TV-Z]{6}$/);
    expect(numbers.size).toBeGreaterThan(495);
  });
});
