/**
 * The lease a running upload or import holds on its job: a random owner token and an expiry the
 * holder renews while it works. Recovery only fails jobs whose lease ran out, so another live
 * process's work is never touched; every write of the holder checks it still holds the lease.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ImportJobStatus, MarketplaceDatabase } from './schema.js';

/** Thrown inside an import when its lease was taken over: the job is no longer this run's. */
export class ImportLeaseLostError extends Error {
  override readonly name = 'ImportLeaseLostError';
}

/** A lease being held: renewed on a timer until {@link HeldLease.release} or until lost. */
export interface HeldLease {
  readonly owner: string;
  /** True once a renewal found the job no longer held by this owner. */
  readonly lost: boolean;
  /** Stops renewing (the job's final write clears the lease). */
  release(): void;
}

/** A new owner token. */
export function newLeaseOwner(): string {
  return randomUUID();
}

/** The expiry of a lease taken or renewed now. */
export function leaseExpiry(leaseMs: number, now = Date.now()): string {
  return new Date(now + leaseMs).toISOString();
}

/**
 * Renews the lease of `owner` on job `jobId` (in `status`) every third of `leaseMs`, until released
 * or lost. A renewal that fails (a busy database, say) is tried again at the next tick.
 */
export function holdLease(
  db: Kysely<MarketplaceDatabase>,
  jobId: number,
  owner: string,
  status: ImportJobStatus,
  leaseMs: number,
): HeldLease {
  let lost = false;
  let renewing = false;
  const timer = setInterval(
    () => {
      if (renewing) return;
      renewing = true;
      renewLease(db, jobId, owner, status, leaseMs)
        .then((held) => {
          if (!held) {
            lost = true;
            clearInterval(timer);
          }
        })
        .catch(() => {})
        .finally(() => {
          renewing = false;
        });
    },
    Math.max(20, Math.floor(leaseMs / 3)),
  );
  timer.unref();
  return {
    owner,
    get lost() {
      return lost;
    },
    release: () => clearInterval(timer),
  };
}

/** Renews the lease once; false when `owner` no longer holds the job in `status`. */
export async function renewLease(
  db: Kysely<MarketplaceDatabase>,
  jobId: number,
  owner: string,
  status: ImportJobStatus,
  leaseMs: number,
): Promise<boolean> {
  const now = Date.now();
  const result = await db
    .updateTable('marketplace_import_jobs')
    .set({ lease_expires_at: leaseExpiry(leaseMs, now), heartbeat_at: new Date(now).toISOString() })
    .where('id', '=', jobId)
    .where('lease_owner', '=', owner)
    .where('status', '=', status)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
