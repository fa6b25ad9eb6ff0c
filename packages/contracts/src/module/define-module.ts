import type { AnyDatabase } from '../database/any-database.js';
import { OrionError } from '../errors/orion-error.js';
import { formatValidationIssues, toValidationIssues } from '../errors/validation-error.js';
import {
  MODULE_DEFINITION_TYPE,
  moduleDefinitionSchema,
  type ModuleDefinition,
  type ModuleDefinitionInput,
} from './module-definition.js';
import type { AnyModuleConfig } from './any-module-config.js';

/**
 * Validates a module and brands it so that any copy of `@orion/core` recognises it.
 *
 * Export the result from the file your package.json's `orion.module` field points at. The
 * module's configuration type is inferred from `config.schema` and its database interface from
 * `database` ({@link databaseType}): hooks, routes, tasks, services and the metrics provider are
 * checked against both. Parts written in other files take the same types from {@link moduleKit}.
 *
 * @throws OrionError `ORION_ERR_MODULE_DEFINITION_INVALID` naming every problem.
 * @example
 * ```ts
 * import { databaseType, defineModule } from '@orion/contracts';
 * import type { Generated } from 'kysely';
 * import { z } from 'zod';
 *
 * interface NotesDatabase {
 *   notes: { id: Generated<number>; order_id: number; text: string };
 * }
 *
 * export const notesModule = defineModule({
 *   code: 'notes',
 *   name: 'Order notes',
 *   version: '1.0.0',
 *   requires: ['orders'],
 *   database: databaseType<NotesDatabase>(),
 *   config: { schema: z.object({ maxLength: z.coerce.number().int() }), envPrefix: 'NOTES_', defaults: { maxLength: 500 } },
 *   migrations: {
 *     notes_001_create_notes: {
 *       up: async (db) => {
 *         await db.schema.createTable('notes').addColumn('id', 'integer', (c) => c.primaryKey())
 *           .addColumn('order_id', 'integer', (c) => c.notNull()).addColumn('text', 'text', (c) => c.notNull()).execute();
 *       },
 *     },
 *   },
 *   // metricsProvider: async () => new (await import('./notes-metrics-provider.js')).NotesMetricsProvider(),
 *   onStartup: ({ config, logger }) => logger.info(`notes up to ${config.maxLength} characters`),
 * });
 * ```
 */
export function defineModule<TConfig = AnyModuleConfig, TDatabase = AnyDatabase>(
  input: ModuleDefinitionInput<TConfig, TDatabase>,
): ModuleDefinition<TConfig, TDatabase> {
  const result = moduleDefinitionSchema.safeParse(input);
  if (!result.success) {
    const issues = toValidationIssues(result.error);
    throw new OrionError('ORION_ERR_MODULE_DEFINITION_INVALID', {
      where: `"${describeCode((input as { code?: unknown }).code)}"`,
      issues: formatValidationIssues(issues),
      validationIssues: issues,
    });
  }
  return Object.freeze({
    ...input,
    ...result.data,
    config: input.config,
    // the carrier itself (frozen, shared), not zod's copy of it
    ...(input.database === undefined ? {} : { database: input.database }),
    $$type: MODULE_DEFINITION_TYPE,
    $$version: 1,
  }) as ModuleDefinition<TConfig, TDatabase>;
}

/** Whether `value` carries the module-definition brand (from any copy of `@orion/contracts`). */
export function isModuleDefinition(value: unknown): value is ModuleDefinition {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { $$type?: unknown }).$$type === MODULE_DEFINITION_TYPE &&
    (value as { $$version?: unknown }).$$version === 1
  );
}

/** The module code as the error names it: the value as text, `?` when it is missing. */
function describeCode(code: unknown): string {
  switch (typeof code) {
    case 'undefined':
      return '?';
    case 'string':
      return code;
    case 'number':
    case 'boolean':
    case 'bigint':
    case 'symbol':
      return code.toString();
    default:
      return code === null ? '?' : Object.prototype.toString.call(code);
  }
}
