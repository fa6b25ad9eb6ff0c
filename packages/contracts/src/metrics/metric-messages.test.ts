import { describe, expect, it } from 'vitest';
import { metricMessages } from './metric-messages.js';

describe('metricMessages', () => {
  it('expands each metric into its label and description keys, in order', () => {
    const messages = metricMessages({
      'notes.total': ['Notes', 'Notes written in the store.'],
      'notes.new': ['New notes', 'Notes written in the period.'],
    });
    expect(Object.entries(messages)).toEqual([
      ['metric.notes.total.label', 'Notes'],
      ['metric.notes.total.description', 'Notes written in the store.'],
      ['metric.notes.new.label', 'New notes'],
      ['metric.notes.new.description', 'Notes written in the period.'],
    ]);
  });
});
