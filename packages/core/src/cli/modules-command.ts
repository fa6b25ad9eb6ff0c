import { OrionError } from '@orion/contracts';
import { platformExists } from '@orion/tenancy';
import type { Command } from 'commander';
import type { DiscoverySkip } from '../discovery/discover-modules.js';
import type { ModuleTier } from '../registry/module-registry.js';
import type { OrionRegistry } from '../registry/orion-registry.js';
import { registryFromDiscovery } from '../registry/registry-from-discovery.js';
import { parseId } from './cli-options.js';
import type { CliSession, SessionFactory } from './cli-session.js';
import { textTable } from './text-table.js';

/** One row of `orion modules --json`. */
interface ModuleRow {
  code: string;
  name: string;
  tier: ModuleTier;
  version: string;
  packageName: string | null;
  packageVersion: string | null;
  requires: string[];
  /** What the module declares in `features` (see `orion.modules.hasFeature`). */
  features: string[];
  /** With `--platform` only. */
  enabled?: boolean;
}

interface InstalledModules {
  registry: OrionRegistry;
  skipped: DiscoverySkip[];
  enabled?: Set<string>;
}

/**
 * `orion modules [--platform <id>] [--json]`: every installed module with its tier, version,
 * package, requirements and features (a column only when some module declares one), in dependency
 * order; with `--platform`, whether each is enabled there; and what discovery skipped, and why.
 * Without `--platform` the database is not opened.
 */
export function modulesCommand(program: Command, session: SessionFactory): void {
  program
    .command('modules')
    .description('List the installed modules and what discovery skipped; with --platform, which are enabled there.')
    .option('--platform <id>', 'also show whether each module is enabled on this platform', parseId)
    .option('--json', 'print JSON instead of a table')
    .action(async (options: { platform?: number; json?: boolean }, command: Command) => {
      const cli = session(command);
      const { platform } = options;
      const { registry, skipped, enabled } = await installedModules(cli, platform);
      const modules = moduleRows(registry, enabled);
      if (options.json) {
        cli.print(
          JSON.stringify({ ...(platform === undefined ? {} : { platformId: platform }), modules, skipped }, null, 2),
        );
        return;
      }
      const withFeatures = modules.some((module) => module.features.length > 0);
      const header = ['code', 'tier', 'version', 'package', 'requires', ...(withFeatures ? ['features'] : [])];
      if (platform !== undefined) header.push(`enabled on platform ${platform}`);
      cli.print(
        ...textTable(
          header,
          modules.map((module) => [
            module.code,
            module.tier,
            module.version,
            module.packageName === null ? '(passed in code)' : packageLabel(module.packageName, module.packageVersion),
            module.requires.join(', ') || '-',
            ...(withFeatures ? [module.features.join(', ') || '-'] : []),
            ...(module.enabled === undefined ? [] : [module.enabled ? 'yes' : 'no']),
          ]),
        ),
      );
      if (skipped.length > 0) {
        cli.print('', `Skipped by discovery (${skipped.length}):`);
        cli.print(
          ...textTable(
            ['package', 'reason', 'detail'],
            skipped.map((skip) => [skip.packageName, skip.reason, skip.detail]),
          ).map((line) => `  ${line}`),
        );
      }
    });
}

/** The registry and skips from discovery alone, or, with a platform, from the host with what is enabled there. */
async function installedModules(cli: CliSession, platform: number | undefined): Promise<InstalledModules> {
  if (platform === undefined) {
    const discovery = await cli.discover();
    return { registry: registryFromDiscovery(discovery), skipped: discovery.skipped };
  }
  return cli.withHost(async (orion) => {
    if (!(await platformExists(orion.db, platform))) {
      throw new OrionError('ORION_ERR_PLATFORM_NOT_FOUND', { platformId: platform });
    }
    return {
      registry: orion.registry,
      skipped: orion.discovery?.skipped ?? [],
      enabled: new Set(await orion.modules.listEnabled(platform)),
    };
  });
}

function moduleRows(registry: OrionRegistry, enabled: Set<string> | undefined): ModuleRow[] {
  return registry.all().map(({ code, tier, definition, source }) => ({
    code,
    name: definition.name,
    tier,
    version: definition.version,
    packageName: source.packageName ?? null,
    packageVersion: source.packageVersion ?? null,
    requires: [...definition.requires],
    features: [...definition.features],
    ...(enabled === undefined ? {} : { enabled: enabled.has(code) }),
  }));
}

function packageLabel(name: string, version: string | null): string {
  return version === null ? name : `${name}@${version}`;
}
