/**
 * The one place that knows when the database refused work because of another connection's locks,
 * and how long Orion waits for it: better-sqlite3's `SQLITE_BUSY` and `SQLITE_LOCKED` families
 * (`SQLITE_BUSY_SNAPSHOT`, `SQLITE_BUSY_RECOVERY`, `SQLITE_LOCKED_SHAREDCACHE`, …), and
 * PostgreSQL's `40P01` (deadlock detected: it aborted this transaction so another could go on) and
 * `40001` (serialization failure), the two errors PostgreSQL's manual says to answer by running the
 * whole transaction again. PostgreSQL waits for an ordinary lock without blocking the client, so no
 * other error of it matches.
 */
import { OrionError, isOrionError } from '../errors/orion-error.js';

/** How long {@link retryWhileDatabaseBusy} keeps retrying by default, in milliseconds. */
export const DATABASE_BUSY_WAIT_MS = 5000;

/** The first pause between attempts and the longest one, in milliseconds (each pause is jittered). */
const firstPauseMs = 2;
const longestPauseMs = 20;

/**
 * Whether `error` (or an error it wraps as `cause`) is the database refusing work because of
 * another connection's locks: SQLite's `SQLITE_BUSY…` or `SQLITE_LOCKED…`, PostgreSQL's `40P01`
 * (deadlock) or `40001` (serialization failure). An `ORION_ERR_DATABASE_BUSY`, which reports that
 * the waiting is over, does not count.
 *
 * @example
 * ```ts
 * import { isDatabaseBusy } from '@orion/contracts';
 *
 * try {
 *   await db.deleteFrom('notes').where('store_id', '=', 12).execute();
 * } catch (error) {
 *   if (isDatabaseBusy(error)) console.log('another process is writing; try again shortly');
 *   else throw error;
 * }
 * ```
 */
export function isDatabaseBusy(error: unknown): boolean {
  for (let current = error, depth = 0; depth < 8; depth++) {
    if (typeof current !== 'object' || current === null) return false;
    if (isOrionError(current, 'ORION_ERR_DATABASE_BUSY')) return false;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && isBusyCode(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

function isBusyCode(code: string): boolean {
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || code === '40P01' || code === '40001';
}

/** Options of {@link retryWhileDatabaseBusy}. */
export interface RetryWhileDatabaseBusyOptions {
  /** How long to keep retrying, in milliseconds, before giving up (default {@link DATABASE_BUSY_WAIT_MS}). */
  waitMs?: number;
}

/**
 * Runs `work`, and runs it again while it fails because the database is busy
 * ({@link isDatabaseBusy}), pausing between attempts without blocking the event loop: 2 ms at
 * first, doubling up to 20 ms, each pause jittered so that two waiting processes do not retry in
 * step. Only for work that is safe to run again: a whole transaction (Orion's
 * {@link inTransaction} does this), or one statement outside a transaction (a refused statement
 * changed nothing).
 *
 * @throws OrionError `ORION_ERR_DATABASE_BUSY` (503) when the database is still busy after
 *   `waitMs`, with the last refusal as `cause`; any other error of `work` as it is.
 * @example
 * ```ts
 * import { retryWhileDatabaseBusy } from '@orion/contracts';
 *
 * const deleted = await retryWhileDatabaseBusy(() => db.deleteFrom('notes').where('store_id', '=', 12).execute(), {
 *   waitMs: 2000,
 * });
 * ```
 */
export async function retryWhileDatabaseBusy<T>(
  work: () => Promise<T>,
  options: RetryWhileDatabaseBusyOptions = {},
): Promise<T> {
  const waitMs = options.waitMs ?? DATABASE_BUSY_WAIT_MS;
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isDatabaseBusy(error)) throw error;
      const waited = Date.now() - started;
      if (waited >= waitMs) {
        throw new OrionError('ORION_ERR_DATABASE_BUSY', { waitedMs: waited, attempts: attempt }, { cause: error });
      }
      const pause = Math.min(longestPauseMs, firstPauseMs * 2 ** (attempt - 1));
      await new Promise((resolve) => setTimeout(resolve, Math.min(pause / 2 + Math.random() * pause, waitMs - waited)));
    }
  }
}
