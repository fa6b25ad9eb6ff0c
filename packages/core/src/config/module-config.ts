import { OrionError, formatValidationIssues, toValidationIssues, type ModuleDefinition } from '@orion/contracts';

/** Environment variables as `process.env` holds them. */
export type Environment = Record<string, string | undefined>;

/**
 * `MARKETPLACE_API_TIMEOUT` with prefix `MARKETPLACE_` → `apiTimeout`.
 */
export function envKeyToConfigKey(variable: string, prefix: string): string {
  return variable
    .slice(prefix.length)
    .toLowerCase()
    .replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

/** `apiTimeout` with prefix `MARKETPLACE_` → `MARKETPLACE_API_TIMEOUT`. */
export function configKeyToEnvKey(key: string, prefix: string): string {
  return prefix + key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

/**
 * A module's configuration: its defaults, then its prefixed environment variables, then the
 * per-platform `overrides`, validated with its zod schema. Modules without a config get `{}`.
 * An empty or blank environment variable counts as unset.
 *
 * @throws OrionError `ORION_ERR_CONFIG_INVALID` naming each bad environment variable (or override key).
 */
export function resolveModuleConfig(
  definition: ModuleDefinition,
  env: Environment,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const config = definition.config;
  if (!config) return { ...overrides };
  const fromEnv: Record<string, unknown> = {};
  for (const [variable, value] of Object.entries(env)) {
    // an empty or blank variable (`ORDERS_NOTES_MAX_LENGTH=`) is unset: the default applies, and a
    // setting without one is reported missing; coercion would otherwise read it as 0
    if (variable.startsWith(config.envPrefix) && value !== undefined && value.trim() !== '') {
      fromEnv[envKeyToConfigKey(variable, config.envPrefix)] = value;
    }
  }
  const merged = { ...(config.defaults ?? {}), ...fromEnv, ...overrides };
  const result = config.schema.safeParse(merged);
  if (result.success) return result.data as Record<string, unknown>;
  const issues = toValidationIssues(result.error).map((issue) => {
    const key = issue.path.split('.')[0] ?? '';
    if (key === '') return issue;
    const source =
      key in overrides
        ? `platform override "${key}"`
        : key in fromEnv
          ? configKeyToEnvKey(key, config.envPrefix)
          : `${configKeyToEnvKey(key, config.envPrefix)} (not set; default ${JSON.stringify(config.defaults?.[key as never])})`;
    return { ...issue, path: source };
  });
  throw new OrionError('ORION_ERR_CONFIG_INVALID', {
    code: definition.code,
    issues: formatValidationIssues(issues),
    validationIssues: issues,
  });
}
