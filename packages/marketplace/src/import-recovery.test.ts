import { describe, expect, it } from 'vitest';
import type { Logger } from '@orion/contracts';
import type { Kysely } from 'kysely';
import { startImportRecovery, stopImportRecovery } from './import-recovery.js';
import type { MarketplaceDatabase } from './schema.js';

describe('startImportRecovery', () => {
  it('logs a failed recovery and lets the host start; the next tick tries again', async () => {
    const warnings: string[] = [];
    const logger: Logger = {
      debug: () => {},
      info: () => {},
      warn: (message) => warnings.push(message),
      error: () => {},
    };
    const busy = {
      selectFrom: () => {
        throw new Error('SQLITE_BUSY: database is locked');
      },
    } as unknown as Kysely<MarketplaceDatabase>;
    await expect(startImportRecovery({ db: busy, logger, leaseSeconds: 30 })).resolves.toBeUndefined();
    stopImportRecovery(busy);
    expect(warnings).toEqual(['Marketplace import recovery failed; it runs again later']);
  });
});
