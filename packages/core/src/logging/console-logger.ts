import type { Logger } from '@orion/contracts';

/** Log levels, least to most severe. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const levels: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/**
 * The default {@link Logger}: writes `level` and above to stderr as one line each.
 *
 * @example
 * ```ts
 * import { createConsoleLogger, createOrion } from '@orion/core';
 * const orion = await createOrion({ logger: createConsoleLogger('info') });
 * ```
 */
export function createConsoleLogger(level: LogLevel = 'warn'): Logger {
  const threshold = levels.indexOf(level);
  const write = (at: LogLevel) => (message: string, meta?: Record<string, unknown>) => {
    if (levels.indexOf(at) < threshold) return;
    const suffix = meta && Object.keys(meta).length > 0 ? ` ${JSON.stringify(meta, errorReplacer)}` : '';
    console.error(`[orion] ${at}: ${message}${suffix}`);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

function errorReplacer(_key: string, value: unknown): unknown {
  return value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value;
}
