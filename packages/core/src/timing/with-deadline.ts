/** Options of {@link withDeadline}. */
export interface DeadlineOptions<T> {
  /**
   * How long `work` may take, in milliseconds. `Infinity` (or anything above the 2³¹−1 ms a timer
   * can wait) sets no deadline.
   */
  timeoutMs: number;
  /** Called once the deadline passes: its return value settles the result, or what it throws rejects it. */
  onTimeout: () => T;
  /** Stops waiting when it aborts; `work` is not started when it has already aborted. */
  signal?: AbortSignal;
  /** Called when `signal` aborts, like `onTimeout`. Default: rejects with the signal's reason. */
  onAbort?: () => T;
}

const longestTimerMs = 2_147_483_647;

/**
 * Waits for `work` for at most `timeoutMs`: settles like `work`, or with {@link DeadlineOptions.onTimeout}
 * once the deadline passes, or with {@link DeadlineOptions.onAbort} when `signal` aborts, whichever
 * comes first. One timer and one abort listener, both removed as soon as the result settles. Work
 * still running after the deadline is left to itself; its late failure is swallowed, not reported
 * as an unhandled rejection.
 *
 * The one deadline of the host: metrics providers, health checks, task handlers, the worker's
 * drain and the lifecycle hooks all wait through it.
 */
export function withDeadline<T>(
  work: PromiseLike<T> | (() => T | PromiseLike<T>),
  options: DeadlineOptions<T>,
): Promise<T> {
  const { timeoutMs, onTimeout, signal } = options;
  const onAbort =
    options.onAbort ??
    ((): T => {
      throw signal?.reason;
    });
  return new Promise<T>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const finish = (outcome: () => T | PromiseLike<T>): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
      try {
        resolve(outcome());
      } catch (error) {
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passes on what the outcome threw, unchanged
        reject(error);
      }
    };
    const abort = (): void => finish(onAbort);
    if (signal?.aborted) {
      finish(onAbort);
      return;
    }
    const running = typeof work === 'function' ? Promise.resolve().then(work) : Promise.resolve(work);
    running.catch(() => {});
    if (timeoutMs <= longestTimerMs) timer = setTimeout(() => finish(onTimeout), Math.max(0, timeoutMs));
    signal?.addEventListener('abort', abort, { once: true });
    running.then(
      (value) => finish(() => value),
      (error: unknown) =>
        finish(() => {
          throw error;
        }),
    );
  });
}
