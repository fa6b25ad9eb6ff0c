import { OrionError } from '@orion/contracts';
import type { Command } from 'commander';
import type { SessionFactory } from './cli-session.js';
import { textTable } from './text-table.js';

/**
 * `orion rebuild [module]`: runs the `rebuild` hook of one installed module, or of every installed
 * module that has one (requirements first), each recomputing the totals the module keeps beside its
 * tables (per store, per platform, per day…) from those tables. A repair tool: modules whose
 * database triggers keep their totals exact (orders) never need it in normal operation; use it
 * after a `TRUNCATE`, a restore that skipped triggers, or triggers dropped by hand. Needs the
 * migrations applied.
 *
 * @throws OrionError `ORION_ERR_MODULE_NOT_INSTALLED` for an unknown module; `ORION_ERR_VALIDATION`
 *   for a module without a `rebuild` hook.
 */
export function rebuildCommand(program: Command, session: SessionFactory): void {
  program
    .command('rebuild')
    .argument('[module]', 'the module to rebuild (default: every installed module that has a rebuild)')
    .description('Recompute the totals modules keep beside their tables, from those tables (a repair tool).')
    .action(async (code: string | undefined, _options: unknown, command: Command) => {
      const cli = session(command);
      await cli.withHost(async (orion) => {
        const modules =
          code === undefined
            ? orion.registry.all().filter((module) => module.definition.rebuild !== undefined)
            : [orion.registry.require(code)];
        const missing = modules.find((module) => module.definition.rebuild === undefined);
        if (missing)
          throw new OrionError('ORION_ERR_VALIDATION', {
            subject: 'rebuild',
            issues: `module "${missing.code}" keeps nothing to rebuild (it has no rebuild hook)`,
          });
        if (modules.length === 0) return cli.print('Nothing to rebuild: no installed module has a rebuild.');
        const rows: string[][] = [];
        for (const module of modules) {
          const started = performance.now();
          await module.definition.rebuild!({ db: orion.db });
          rows.push([module.code, `${Math.round(performance.now() - started)} ms`]);
        }
        cli.print(`Rebuilt ${modules.length} module(s):`);
        cli.print(...textTable(['module', 'time'], rows));
      });
    });
}
