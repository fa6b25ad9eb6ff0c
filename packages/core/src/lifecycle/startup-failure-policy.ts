import { parseInput } from '@orion/contracts';
import { z } from 'zod';
import type { ModuleRegistry } from '../registry/module-registry.js';

/** What start-up does when a module's `onStartup` hook throws or times out; see {@link StartupFailurePolicy}. */
export type StartupFailureAction = 'abort' | 'continue';

/**
 * What start-up does when a module's `onStartup` hook throws or does not finish within
 * `hookTimeoutMs`, for every module or per module code, as Backstage's boot-failure policy:
 *
 * - `'abort'` (the default): `createOrion` shuts down what it started (the `onShutdown` hooks of
 *   the modules already started, the event bus, the task runner, the database) and rejects with
 *   `ORION_ERR_STARTUP_HOOK_FAILED` or `ORION_ERR_STARTUP_HOOK_TIMEOUT`, naming the module;
 * - `'continue'`: the error is logged and start-up goes on with the next module.
 *
 * `{ default: 'abort', modules: { newsletter: 'continue' } }` lets only `newsletter` fail.
 *
 * @example
 * ```ts
 * import { createOrion } from '@orion/core';
 *
 * const orion = await createOrion({
 *   hookTimeoutMs: 10_000,
 *   onStartupFailure: { default: 'abort', modules: { newsletter: 'continue' } },
 * });
 * ```
 */
export type StartupFailurePolicy =
  StartupFailureAction | { default?: StartupFailureAction; modules?: Record<string, StartupFailureAction> };

/** The longest a timer can wait, in ms (2³¹−1). */
const longestHookTimeoutMs = 2_147_483_647;

const actionSchema = z.enum(['abort', 'continue']);
const lifecycleOptionsSchema = z.object({
  hookTimeoutMs: z.number().int().positive().max(longestHookTimeoutMs).optional(),
  onStartupFailure: z
    .union([
      actionSchema,
      z.object({ default: actionSchema.optional(), modules: z.record(z.string(), actionSchema).optional() }).strict(),
    ])
    .optional(),
});

/** The checked lifecycle options of a host. */
export interface LifecycleSettings {
  /** How long one lifecycle hook may take. */
  hookTimeoutMs: number;
  /** What start-up does when `code`'s `onStartup` fails. */
  onStartupFailure(code: string): StartupFailureAction;
}

/** Default of `createOrion({ hookTimeoutMs })`: 30 s. */
export const defaultHookTimeoutMs = 30_000;

/**
 * Validates `hookTimeoutMs` and `onStartupFailure` before the host opens the database: a policy may
 * only name installed modules.
 *
 * @throws OrionError `ORION_ERR_VALIDATION` for a timeout that is not a positive whole number of
 *   milliseconds (at most 2³¹−1), or a policy that is not `abort`/`continue` or names a module
 *   that is not installed.
 */
export function resolveLifecycleSettings(
  registry: Pick<ModuleRegistry, 'get'>,
  options: { hookTimeoutMs?: number | undefined; onStartupFailure?: StartupFailurePolicy | undefined },
): LifecycleSettings {
  const parsed = parseInput(
    lifecycleOptionsSchema.superRefine((value, context) => {
      const policy = value.onStartupFailure;
      if (typeof policy !== 'object') return;
      for (const code of Object.keys(policy.modules ?? {})) {
        if (!registry.get(code)) {
          context.addIssue({
            code: 'custom',
            path: ['onStartupFailure', 'modules', code],
            message: `No installed module has the code "${code}"`,
          });
        }
      }
    }),
    { hookTimeoutMs: options.hookTimeoutMs, onStartupFailure: options.onStartupFailure },
    'lifecycle options',
  );
  const policy = parsed.onStartupFailure ?? 'abort';
  return {
    hookTimeoutMs: parsed.hookTimeoutMs ?? defaultHookTimeoutMs,
    onStartupFailure: (code) =>
      typeof policy === 'string' ? policy : (policy.modules?.[code] ?? policy.default ?? 'abort'),
  };
}
