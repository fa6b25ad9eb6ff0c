import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withDeadline } from './with-deadline.js';

const never = (): Promise<never> => new Promise<never>(() => {});

describe('withDeadline', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('settles like the work when it finishes first, and leaves no timer behind', async () => {
    await expect(withDeadline(() => 42, { timeoutMs: 1000, onTimeout: () => 0 })).resolves.toBe(42);
    await expect(
      withDeadline(Promise.reject(new Error('boom')), { timeoutMs: 1000, onTimeout: () => 0 }),
    ).rejects.toThrow('boom');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('answers onTimeout once the deadline passes: its value resolves, what it throws rejects', async () => {
    const resolved = withDeadline(never(), { timeoutMs: 50, onTimeout: () => 'late' });
    const rejected = withDeadline(never(), {
      timeoutMs: 50,
      onTimeout: () => {
        throw new Error('too slow');
      },
    });
    rejected.catch(() => {});
    await vi.advanceTimersByTimeAsync(49);
    expect(vi.getTimerCount()).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    await expect(resolved).resolves.toBe('late');
    await expect(rejected).rejects.toThrow('too slow');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('swallows a late failure of work it gave up on', async () => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      let fail!: (error: Error) => void;
      const work = new Promise<never>((_resolve, reject) => (fail = reject));
      const result = withDeadline(work, { timeoutMs: 10, onTimeout: () => 'gave up' });
      await vi.advanceTimersByTimeAsync(10);
      await expect(result).resolves.toBe('gave up');
      fail(new Error('late'));
      await vi.advanceTimersByTimeAsync(0);
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  it('stops waiting when the signal aborts, and does not start work on an aborted signal', async () => {
    const controller = new AbortController();
    const waiting = withDeadline(never(), {
      timeoutMs: 1000,
      onTimeout: () => 'timeout',
      signal: controller.signal,
      onAbort: () => 'stopped',
    });
    controller.abort();
    await expect(waiting).resolves.toBe('stopped');
    expect(vi.getTimerCount()).toBe(0);

    const work = vi.fn(() => 1);
    await expect(
      withDeadline(work, { timeoutMs: 1000, onTimeout: () => 0, signal: AbortSignal.abort(new Error('gone')) }),
    ).rejects.toThrow('gone');
    expect(work).not.toHaveBeenCalled();
  });

  it('sets no timer for an infinite deadline', () => {
    const waiting = withDeadline(never(), { timeoutMs: Infinity, onTimeout: () => 'timeout' });
    expect(vi.getTimerCount()).toBe(0);
    void waiting;
  });
});
