import { OrionError } from '../errors/orion-error.js';
import { formatValidationIssues, toValidationIssues } from '../errors/validation-error.js';
import {
  MODULE_DEFINITION_TYPE,
  moduleDefinitionSchema,
  type ModuleDefinition,
  type ModuleDefinitionInput,
} from './module-definition.js';

/**
 * Validates a module and brands it so that any copy of `@orion/core` recognises it.
 *
 * Export the result from the file your package.json's `orion.module` field points at.
 *
 * @throws OrionError `ORION_ERR_MODULE_DEFINITION_INVALID` naming every problem.
 * @example
 * ```ts
 * import { defineModule } from '@orion/contracts';
 * export const notesModule = defineModule({
 *   code: 'notes',
 *   name: 'Order notes',
 *   version: '1.0.0',
 *   requires: ['orders'],
 *   migrations: { notes_001_create_notes: { up: async (db) => { ... } } },
 *   metricsProvider: async () => new (await import('./notes-metrics-provider.js')).NotesMetricsProvider(),
 * });
 * ```
 */
export function defineModule<TConfig = any>(input: ModuleDefinitionInput<TConfig>): ModuleDefinition<TConfig> {
  const result = moduleDefinitionSchema.safeParse(input);
  if (!result.success) {
    const issues = toValidationIssues(result.error);
    throw new OrionError('ORION_ERR_MODULE_DEFINITION_INVALID', {
      where: `"${String((input as { code?: unknown }).code ?? '?')}"`,
      issues: formatValidationIssues(issues),
      validationIssues: issues,
    });
  }
  return Object.freeze({
    ...input,
    ...result.data,
    config: input.config,
    $$type: MODULE_DEFINITION_TYPE,
    $$version: 1,
  }) as ModuleDefinition<TConfig>;
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
