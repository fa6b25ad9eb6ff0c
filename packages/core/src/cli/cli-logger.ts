import type { Logger } from '@orion/contracts';
import type { CliOutput } from './cli-session.js';

/**
 * The logger the `orion` command hands the host: silent by default, because each command prints
 * what matters itself (discovery skips, provider failures, hook failures); with `--verbose`, every
 * line from `info` up goes to stderr with its details, stacks included.
 */
export function createCliLogger(stderr: CliOutput, verbose: boolean): Logger {
  const write = (level: string) => (message: string, meta?: Record<string, unknown>) => {
    if (!verbose) return;
    const details = meta && Object.keys(meta).length > 0 ? ` ${JSON.stringify(meta, errorReplacer)}` : '';
    stderr.write(`[orion] ${level}: ${message}${details}\n`);
  };
  return { debug: () => {}, info: write('info'), warn: write('warn'), error: write('error') };
}

function errorReplacer(_key: string, value: unknown): unknown {
  return value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value;
}
