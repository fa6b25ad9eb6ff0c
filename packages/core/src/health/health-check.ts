import type { Logger, ModuleContext, ModuleHealth, AnyDatabase } from '@orion/contracts';
import { sql, type Kysely } from 'kysely';
import type { ModuleRegistry } from '../registry/module-registry.js';
import { withDeadline } from '../timing/with-deadline.js';

/** healthy / degraded / unhealthy. */
export type HealthStatus = 'healthy' | 'degraded' | 'unhealthy';

/** One line of a {@link HealthReport}. */
export interface HealthCheckResult {
  status: HealthStatus;
  durationMs: number;
  message?: string;
  details?: Record<string, unknown>;
}

/** The host's health: the database and each module that has a `healthCheck`. */
export interface HealthReport {
  status: HealthStatus;
  checkedAt: string;
  database: HealthCheckResult;
  modules: Record<string, HealthCheckResult>;
}

interface HealthDependencies {
  db: Kysely<AnyDatabase>;
  registry: ModuleRegistry;
  logger: Logger;
  contextFor: (code: string) => Promise<ModuleContext>;
  timeoutMs: number;
}

/**
 * Builds one health report: the database ping and every module's `healthCheck`, run concurrently
 * with a timeout each. The report is unhealthy when the database or a core module is, degraded
 * when any other check is not healthy.
 */
export async function checkHealth(deps: HealthDependencies): Promise<HealthReport> {
  const [database, ...moduleResults] = await Promise.all([
    timed(async () => {
      await sql`select 1`.execute(deps.db);
      return true;
    }, deps.timeoutMs),
    ...deps.registry
      .all()
      .filter((module) => module.definition.healthCheck)
      .map(async (module) => {
        const result = await timed(
          async () => module.definition.healthCheck!(await deps.contextFor(module.code)),
          deps.timeoutMs,
        );
        if (result.status !== 'healthy') deps.logger.warn(`Module "${module.code}" is ${result.status}`, { ...result });
        return [module.code, module.tier, result] as const;
      }),
  ]);
  const modules = Object.fromEntries(moduleResults.map(([code, , result]) => [code, result]));
  let status: HealthStatus = 'healthy';
  if (database.status !== 'healthy') status = 'unhealthy';
  for (const [, tier, result] of moduleResults) {
    if (result.status === 'healthy' || status === 'unhealthy') continue;
    status = tier === 'core' && result.status === 'unhealthy' ? 'unhealthy' : 'degraded';
  }
  return { status, checkedAt: new Date().toISOString(), database, modules };
}

async function timed(check: () => Promise<ModuleHealth>, timeoutMs: number): Promise<HealthCheckResult> {
  const started = performance.now();
  try {
    const outcome = await withDeadline(check, {
      timeoutMs,
      onTimeout: () => {
        throw new Error(`no answer within ${timeoutMs} ms`);
      },
    });
    const durationMs = Math.round(performance.now() - started);
    if (typeof outcome === 'boolean') return { status: outcome ? 'healthy' : 'unhealthy', durationMs };
    return { durationMs, ...outcome };
  } catch (error) {
    return {
      status: 'unhealthy',
      durationMs: Math.round(performance.now() - started),
      message: error instanceof Error ? error.message : String(error),
    };
  }
}
