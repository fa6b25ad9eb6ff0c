/**
 * The logger Orion writes to. `console` fits it as is; adapt pino or winston in one line each.
 *
 * @example
 * ```ts no-check pino is not a dependency of this repository
 * import pino from 'pino';
 * import { createOrion } from '@orion/core';
 * const log = pino();
 * const orion = await createOrion({
 *   logger: {
 *     debug: (msg, meta) => log.debug(meta, msg),
 *     info: (msg, meta) => log.info(meta, msg),
 *     warn: (msg, meta) => log.warn(meta, msg),
 *     error: (msg, meta) => log.error(meta, msg),
 *   },
 * });
 * ```
 */
export interface Logger {
  debug(message: string, meta?: Record<string, unknown>): void;
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}
