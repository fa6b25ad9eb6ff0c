import type { Logger } from '@orion/core';

/** One line a {@link RecordingLogger} kept. */
export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  meta?: Record<string, unknown>;
}

/** A logger that keeps what the host logged, for assertions, and prints nothing. */
export interface RecordingLogger extends Logger {
  readonly entries: LogEntry[];
}

/**
 * A silent logger that records every entry (the default logger of {@link startTestHost}).
 *
 * @example
 * ```ts
 * import { createOrion } from '@orion/core';
 * import { recordingLogger } from '@orion/testing';
 *
 * const logger = recordingLogger();
 * const orion = await createOrion({ database: 'sqlite::memory:', modules: [], logger });
 * await orion.close();
 * console.log(logger.entries.filter((entry) => entry.level === 'error'));
 * ```
 */
export function recordingLogger(): RecordingLogger {
  const entries: LogEntry[] = [];
  const at = (level: LogEntry['level']) => (message: string, meta?: Record<string, unknown>) => {
    entries.push({ level, message, ...(meta ? { meta } : {}) });
  };
  return { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
