import { describe, expect, it } from 'vitest';
import { metricBuilder } from './metric-builder.js';

const en = {
  'metric.notes.total.label': 'Notes',
  'metric.notes.total.description': 'Notes written in the store.',
} as const;

describe('metricBuilder', () => {
  it('labels and describes a value from the messages and reads driver counts as numbers', () => {
    const metric = metricBuilder('notes', en);
    expect(metric('notes.total', '42', 'file-text')).toEqual({
      key: 'notes.total',
      value: 42,
      label: 'Notes',
      category: 'notes',
      icon: 'file-text',
      description: 'Notes written in the store.',
    });
    expect(metric('notes.total', null, undefined, 'bytes')).toEqual({
      key: 'notes.total',
      value: 0,
      label: 'Notes',
      category: 'notes',
      description: 'Notes written in the store.',
      unit: 'bytes',
    });
  });
});
