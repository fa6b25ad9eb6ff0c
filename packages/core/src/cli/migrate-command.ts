import type { Command } from 'commander';
import type { SessionFactory } from './cli-session.js';
import { textTable } from './text-table.js';

/**
 * `orion migrate [--dry-run]`: applies the pending migrations of the host and of every installed
 * module, in dependency order, exactly as `createOrion()` does at start; `--dry-run` lists them
 * and changes nothing.
 */
export function migrateCommand(program: Command, session: SessionFactory): void {
  program
    .command('migrate')
    .description('Apply the pending migrations of the host and of every installed module.')
    .option('--dry-run', 'list the pending migrations without applying them')
    .action(async (options: { dryRun?: boolean }, command: Command) => {
      const cli = session(command);
      await cli.withHost(
        async (orion) => {
          if (options.dryRun) {
            const pending = await orion.pendingMigrations();
            if (pending.length === 0) return cli.print('Nothing to migrate: the database is up to date.');
            cli.print(
              `${pending.length} pending migration(s), in the order they would run (dry run: nothing applied):`,
            );
            cli.print(
              ...textTable(
                ['module', 'migration'],
                pending.map((step) => [step.module, step.migration]),
              ),
            );
            return;
          }
          const { steps } = await orion.migrate();
          if (steps.length === 0) return cli.print('Nothing to migrate: the database is up to date.');
          cli.print(`Applied ${steps.length} migration(s):`);
          cli.print(
            ...textTable(
              ['module', 'migration', 'status'],
              steps.map((step) => [step.module, step.migration, step.status]),
            ),
          );
        },
        { migrated: false },
      );
    });
}
