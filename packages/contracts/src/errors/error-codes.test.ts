import { describe, expect, it } from 'vitest';
import { supportedLocales } from '../i18n/messages.js';
import { errorCodes, hostErrors, isHostErrorCode } from './error-codes.js';
import { errorDefinitionSchema, placeholdersOf } from './error-definition.js';

const entries = Object.entries(hostErrors);

describe('hostErrors, the one table of the host’s codes', () => {
  it('has the shape a module gives defineErrors, for every code', () => {
    for (const [code, { audience: _audience, ...definition }] of entries) {
      expect(code).toMatch(/^ORION_ERR_[A-Z0-9]+(_[A-Z0-9]+)*$/);
      expect(errorDefinitionSchema.safeParse(definition).success, code).toBe(true);
    }
  });

  it('translates every code into every supported locale with the same placeholders', () => {
    for (const [code, entry] of entries) {
      for (const locale of supportedLocales.filter((locale) => locale !== 'en')) {
        const translated = (entry.messages as Record<string, string | undefined>)[locale];
        expect(translated, `${code} in ${locale}`).toBeTruthy();
        expect(placeholdersOf(translated!).sort(), `${code} in ${locale}`).toEqual(
          placeholdersOf(entry.message).sort(),
        );
      }
    }
  });

  it('answers a code for developers and operators as a server error', () => {
    const serverCodes = entries.filter(([, entry]) => entry.audience === 'server');
    expect(serverCodes.length).toBeGreaterThan(0);
    for (const [code, entry] of serverCodes) expect(entry.status, code).toBe(500);
  });

  it('derives the template list and the host-code check from the table', () => {
    expect(Object.keys(errorCodes)).toEqual(Object.keys(hostErrors));
    expect(errorCodes.ORION_ERR_NOT_FOUND).toBe(hostErrors.ORION_ERR_NOT_FOUND.message);
    expect(isHostErrorCode('ORION_ERR_NOT_FOUND')).toBe(true);
    expect(isHostErrorCode('CMS_ERR_PAGE_NOT_FOUND')).toBe(false);
    expect(isHostErrorCode('toString')).toBe(false);
  });
});
