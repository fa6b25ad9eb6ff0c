import type { Command } from 'commander';
import type { EnablementResult } from '../enablement/module-enablement.js';
import { parseId } from './cli-options.js';
import type { CliSession, SessionFactory } from './cli-session.js';

/**
 * `orion enable <code> --platform <id> [--dry-run]` and `orion disable …`: turns a module on or
 * off on one platform with `orion.modules`, printing the cascade (enabling turns on the missing
 * requirements, disabling turns off the dependents) and every hook that failed. A failed hook
 * leaves the change in place and makes the exit status 1.
 */
export function enablementCommands(program: Command, session: SessionFactory): void {
  for (const action of ['enable', 'disable'] as const) {
    program
      .command(`${action} <code>`)
      .description(
        action === 'enable'
          ? 'Enable a module on a platform, with the modules it requires.'
          : 'Disable a module on a platform, with the modules that require it.',
      )
      .requiredOption('--platform <id>', 'the platform to change', parseId)
      .option('--dry-run', 'show what would change without changing it')
      .action(async (code: string, options: { platform: number; dryRun?: boolean }, command: Command) => {
        const cli = session(command);
        await cli.withHost(async (orion) => {
          printResult(cli, await orion.modules[action](options.platform, code, { dryRun: options.dryRun === true }));
        });
      });
  }
}

function printResult(cli: CliSession, result: EnablementResult): void {
  const state = result.action === 'enable' ? 'enabled' : 'disabled';
  const where = `on platform ${result.platformId}`;
  if (result.changed.length === 0) {
    cli.print(`Nothing to change: "${result.code}" is already ${state} ${where}.`);
  } else if (result.dryRun) {
    cli.print(
      `Dry run: ${result.action} "${result.code}" ${where} would change ${result.changed.length} module(s); nothing was changed.`,
    );
    cli.print(...result.changed.map((code) => `  would be ${state}: ${code}`));
  } else {
    cli.print(`${capitalize(state)} ${result.changed.length} module(s) ${where}:`);
    cli.print(...result.changed.map((code) => `  ${state}: ${code}`));
  }
  for (const failure of result.hookFailures) {
    const reason = failure.error instanceof Error ? failure.error.message : String(failure.error);
    cli.printError(
      `error: the ${failure.hook} hook of module "${failure.module}" failed: ${reason} (the change stands)`,
    );
    cli.fail();
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
