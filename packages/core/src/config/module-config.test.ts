import { defineModule } from '@orion/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { resolveModuleConfig } from './module-config.js';

const notes = defineModule({
  code: 'notes',
  name: 'Notes',
  version: '1.0.0',
  config: {
    schema: z.object({ maxLength: z.coerce.number().int().positive(), label: z.string().optional() }),
    envPrefix: 'NOTES_',
    defaults: { maxLength: 500 },
  },
});

describe('resolveModuleConfig', () => {
  it('an empty (or blank) environment variable counts as unset: the default applies, never a coerced 0', () => {
    expect(resolveModuleConfig(notes, { NOTES_MAX_LENGTH: '' })).toEqual({ maxLength: 500 });
    expect(resolveModuleConfig(notes, { NOTES_MAX_LENGTH: '  ', NOTES_LABEL: '' })).toEqual({ maxLength: 500 });
    expect(resolveModuleConfig(notes, { NOTES_MAX_LENGTH: '20' })).toEqual({ maxLength: 20 });
  });

  it('an empty variable for a setting without a default is reported as missing', () => {
    const required = defineModule({
      code: 'feeds',
      name: 'Feeds',
      version: '1.0.0',
      config: { schema: z.object({ apiTimeout: z.coerce.number().int().positive() }), envPrefix: 'FEEDS_' },
    });
    expect(() => resolveModuleConfig(required, { FEEDS_API_TIMEOUT: '' })).toThrow(/FEEDS_API_TIMEOUT \(not set/);
  });
});
