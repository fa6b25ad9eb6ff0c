/**
 * Recovery of abandoned import jobs: at start-up and every `leaseSeconds` after, the module fails
 * the jobs whose lease ran out (their process stopped during an upload or an import) and removes
 * the feed files they left. Jobs another live process holds are never touched.
 */
import { rm } from 'node:fs/promises';
import type { Logger } from '@orion/contracts';
import type { Kysely } from 'kysely';
import { MarketplaceService } from './marketplace-service.js';
import type { MarketplaceDatabase } from './schema.js';

/** What {@link recoverAbandonedImports} needs. */
export interface ImportRecoveryInput {
  db: Kysely<MarketplaceDatabase>;
  logger: Logger;
  leaseSeconds: number;
}

/** Fails the abandoned jobs, removes their feed files and logs them; returns how many. */
export async function recoverAbandonedImports({ db, logger, leaseSeconds }: ImportRecoveryInput): Promise<number> {
  const recovered = await new MarketplaceService(db, undefined, { leaseSeconds }).recoverAbandonedJobs();
  for (const job of recovered) {
    if (job.feedPath !== null) await rm(job.feedPath, { force: true });
    logger.warn(
      `Marketplace import job ${job.id} failed: its ${job.was === 'pending' ? 'upload' : 'import'} process stopped`,
      {
        importJobId: job.id,
      },
    );
  }
  return recovered.length;
}

const running = new WeakMap<object, NodeJS.Timeout>();

/**
 * Runs {@link recoverAbandonedImports} now and every `leaseSeconds` until {@link stopImportRecovery}.
 * A run that fails (a database busy with another process, say) is logged and tried again at the
 * next tick: it never stops the host from starting, since nothing is lost by waiting.
 */
export async function startImportRecovery(input: ImportRecoveryInput): Promise<void> {
  stopImportRecovery(input.db);
  const recover = () =>
    recoverAbandonedImports(input).catch((error: unknown) =>
      input.logger.warn('Marketplace import recovery failed; it runs again later', { error }),
    );
  await recover();
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void recover().finally(() => {
      busy = false;
    });
  }, input.leaseSeconds * 1000);
  timer.unref();
  running.set(input.db, timer);
}

/** Stops the periodic recovery started on `db`. */
export function stopImportRecovery(db: Kysely<MarketplaceDatabase>): void {
  clearInterval(running.get(db));
  running.delete(db);
}
