import { isDeepStrictEqual } from 'node:util';
import { OrionError, type ModuleDefinition } from '@orion/contracts';
import { platformExists } from '@orion/tenancy';
import { InvalidArgumentError, type Command } from 'commander';
import { configKeyToEnvKey } from '../config/module-config.js';
import type { Orion } from '../orion.js';
import { parseId } from './cli-options.js';
import type { CliSession, SessionFactory } from './cli-session.js';
import { textTable } from './text-table.js';

interface ConfigOptions {
  platform: number;
  set?: [key: string, value: string][];
  unset?: string[];
  dryRun?: boolean;
  json?: boolean;
}

/** Where a key of the effective configuration comes from. */
type ConfigSource = 'platform override' | 'default' | `environment (${string})`;

/** The configuration of a module on a platform: what `orion config` prints. */
interface ConfigView {
  platformId: number;
  code: string;
  config: Record<string, unknown>;
  overrides: Record<string, unknown>;
}

const configKeyPattern = /^[A-Za-z_$][\w$]*$/;

/**
 * `orion config <code> --platform <id> [--set KEY=VALUE]… [--unset KEY]… [--dry-run] [--json]`:
 * prints the module's effective configuration on the platform (defaults, environment, then the
 * platform's overrides, each key with where it comes from), or changes the overrides with
 * `orion.platformConfig.set`, exactly as the app would. Values are strings, coerced by the module's
 * config schema as its environment variables are; a value the schema refuses, or a key it does
 * not declare, is `ORION_ERR_CONFIG_INVALID` and nothing is stored.
 */
export function configCommand(program: Command, session: SessionFactory): void {
  program
    .command('config <code>')
    .description('Show a module’s configuration on a platform, or change its per-platform overrides.')
    .requiredOption('--platform <id>', 'the platform', parseId)
    .option('--set <key=value>', 'override a setting on the platform (repeatable)', collectSetting)
    .option('--unset <key>', 'remove a setting’s override, back to the environment or default (repeatable)', collectKey)
    .option('--dry-run', 'show what would change without changing it')
    .option('--json', 'print JSON instead of a table')
    .action(async (code: string, options: ConfigOptions, command: Command) => {
      const sets = new Map(options.set ?? []);
      const unsets = [...new Set(options.unset ?? [])];
      const both = unsets.find((key) => sets.has(key));
      if (both !== undefined) {
        command.error(`error: "${both}" is both set and unset; give one of them.`, { exitCode: 2 });
      }
      const cli = session(command);
      await cli.withHost(async (orion) => {
        const { definition } = orion.registry.require(code);
        if (!(await platformExists(orion.db, options.platform))) {
          throw new OrionError('ORION_ERR_PLATFORM_NOT_FOUND', { platformId: options.platform });
        }
        const before: ConfigView = {
          platformId: options.platform,
          code,
          config: await orion.platformConfig.get(options.platform, code),
          overrides: await orion.platformConfig.getOverrides(options.platform, code),
        };
        if (sets.size === 0 && unsets.length === 0) {
          if (options.json) cli.print(JSON.stringify(before, null, 2));
          else printConfig(cli, definition, before);
          return;
        }
        await changeConfig(cli, orion, definition, before, sets, unsets, options);
      });
    });
}

async function changeConfig(
  cli: CliSession,
  orion: Orion,
  definition: ModuleDefinition,
  before: ConfigView,
  sets: Map<string, string>,
  unsets: string[],
  options: ConfigOptions,
): Promise<void> {
  const { platformId, code } = before;
  const next = { ...before.overrides };
  for (const key of unsets) delete next[key];
  // the strings go through the module's schema as environment variables do; what it makes of each
  // (a number for `z.coerce.number()`) is what is stored
  const coerced = await orion.platformConfig.set(
    platformId,
    code,
    { ...next, ...Object.fromEntries(sets) },
    { dryRun: true },
  );
  // a module without a config takes no settings; one with a schema takes the keys it keeps
  const unknown = [...sets.keys()].filter((key) => definition.config === undefined || !(key in coerced));
  if (unknown.length > 0) {
    const known = definition.config === undefined ? [] : Object.keys(settingsOf(definition) ?? coerced);
    throw new OrionError('ORION_ERR_CONFIG_INVALID', {
      code,
      issues: unknown
        .map(
          (key) =>
            `platform override "${key}": not a setting of the module (${known.length === 0 ? 'it has none' : `its settings: ${known.join(', ')}`})`,
        )
        .join('; '),
    });
  }
  for (const key of sets.keys()) next[key] = coerced[key];
  const changed = [...new Set([...sets.keys(), ...unsets])].filter(
    (key) => key in next !== key in before.overrides || !isDeepStrictEqual(next[key], before.overrides[key]),
  );
  const dryRun = options.dryRun === true;
  const config =
    changed.length === 0 ? before.config : await orion.platformConfig.set(platformId, code, next, { dryRun });
  if (options.json) {
    cli.print(JSON.stringify({ platformId, code, dryRun, changed, config, overrides: next }, null, 2));
    return;
  }
  const where = `"${code}" on platform ${platformId}`;
  if (changed.length === 0) {
    cli.print(`Nothing to change: the overrides of ${where} already say so.`);
    return;
  }
  cli.print(
    dryRun
      ? `Dry run: the configuration of ${where} would change ${changed.length} setting(s); nothing was changed.`
      : `Changed ${changed.length} setting(s) of ${where}:`,
  );
  for (const key of changed) {
    const verb = key in next ? 'set' : 'unset';
    cli.print(`  ${dryRun ? `would ${verb}` : verb} ${key}: ${shown(before.config[key])} -> ${shown(config[key])}`);
  }
}

function printConfig(cli: CliSession, definition: ModuleDefinition, view: ConfigView): void {
  const keys = [...new Set([...Object.keys(view.config), ...Object.keys(view.overrides)])];
  if (keys.length === 0) {
    cli.print(`"${view.code}" has no configuration on platform ${view.platformId}.`);
    return;
  }
  cli.print(
    ...textTable(
      ['key', 'value', 'source'],
      keys.map((key) => [
        key,
        key in view.config ? shown(view.config[key]) : '(ignored: not a setting)',
        sourceOf(key, definition, view, cli.env),
      ]),
    ),
  );
}

function sourceOf(
  key: string,
  definition: ModuleDefinition,
  view: ConfigView,
  env: Record<string, string | undefined>,
): ConfigSource {
  if (key in view.overrides) return 'platform override';
  const prefix = definition.config?.envPrefix;
  const variable = prefix === undefined ? undefined : configKeyToEnvKey(key, prefix);
  if (variable !== undefined && (env[variable]?.trim() ?? '') !== '') return `environment (${variable})`;
  return 'default';
}

/** The keys a module's config schema declares, when it is a zod object; `undefined` otherwise. */
function settingsOf(definition: ModuleDefinition): Record<string, unknown> | undefined {
  const shape = (definition.config?.schema as { shape?: unknown } | undefined)?.shape;
  return typeof shape === 'object' && shape !== null ? (shape as Record<string, unknown>) : undefined;
}

function shown(value: unknown): string {
  return value === undefined ? '(not set)' : JSON.stringify(value);
}

/** `--set key=value`, repeatable: a usage error without `=`, or with an empty key or value. */
function collectSetting(text: string, previous: [string, string][] = []): [string, string][] {
  const separator = text.indexOf('=');
  const key = text.slice(0, separator);
  const value = text.slice(separator + 1);
  if (separator < 0 || !configKeyPattern.test(key) || value === '') {
    throw new InvalidArgumentError(
      'Expected KEY=VALUE with a setting name and a value (use --unset KEY to remove one).',
    );
  }
  return [...previous, [key, value]];
}

/** `--unset key`, repeatable. */
function collectKey(key: string, previous: string[] = []): string[] {
  if (!configKeyPattern.test(key)) throw new InvalidArgumentError('Expected a setting name.');
  return [...previous, key];
}
