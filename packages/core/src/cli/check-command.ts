import { isAbsolute, relative } from 'node:path';
import { OrionError, isOrionError } from '@orion/contracts';
import type { Command } from 'commander';
import { internalModuleWarnings } from '../registry/internal-module-warnings.js';
import { registryFromDiscovery } from '../registry/registry-from-discovery.js';
import { findServiceProviderDuplicates } from '../services/service-registry.js';
import { checkImportRules } from './import-rules.js';
import type { SessionFactory } from './cli-session.js';

/**
 * `orion check`: the module graph rules (duplicate codes, missing requirements, cycles, core
 * modules requiring non-core ones, two modules providing one service), checked by building the registry exactly as `createOrion`
 * does, and the import rules over the installed module packages ({@link checkImportRules}).
 * Prints one line per problem; the exit status is 1 when there is any, so it can gate CI.
 *
 * Warnings go to stderr and do not fail the check: a file the import lexer could not read, and an
 * internal module that declares store or storefront routes or menu items ({@link internalModuleWarnings}).
 * The latter is a warning, not a violation, because the host already keeps those entries out (an
 * internal module is admin-only) and the app's developer can not fix another package's module.
 */
export function checkCommand(program: Command, session: SessionFactory): void {
  program
    .command('check')
    .description('Check the module graph and the import rules between module packages (exit status 1 on a violation).')
    .action(async (_options: unknown, command: Command) => {
      const cli = session(command);
      const discovery = await cli.discover();
      const problems: string[] = [];
      try {
        registryFromDiscovery(discovery);
      } catch (error) {
        if (!isOrionError(error)) throw error;
        problems.push(`module graph: ${error.message} (${error.code})`);
      }
      for (const duplicate of findServiceProviderDuplicates(discovery.modules)) {
        const error = new OrionError('ORION_ERR_SERVICE_PROVIDER_DUPLICATE', { ...duplicate });
        problems.push(`services: ${error.message} (${error.code})`);
      }
      const report = await checkImportRules(discovery.modules);
      const shown = (file: string) => {
        const path = relative(cli.appDir, file);
        return path.startsWith('..') || isAbsolute(path) ? file : path;
      };
      for (const { importer, imported, file, rule } of report.violations) {
        problems.push(
          `import rule: ${importer.packageName} (${importer.tier} module "${importer.code}") imports ` +
            `${imported.packageName} (${imported.tier} module "${imported.code}") in ${shown(file)}: ${rule}`,
        );
      }
      cli.print(...problems);
      for (const { file, reason } of report.unreadable)
        cli.printError(`warning: could not lex ${shown(file)}, not checked: ${reason}`);
      for (const { message } of internalModuleWarnings(discovery.modules.map((module) => module.definition))) {
        cli.printError(`warning: ${message}`);
      }
      const summary = `Checked ${discovery.modules.length} module package(s), ${report.filesChecked} file(s)`;
      if (problems.length === 0) {
        cli.print(`${summary}: no problems.`);
      } else {
        cli.print(`${summary}: ${problems.length} problem(s).`);
        cli.fail();
      }
    });
}
