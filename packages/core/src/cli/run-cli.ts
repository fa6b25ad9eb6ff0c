import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isOrionError } from '@orion/contracts';
import { Command, CommanderError } from 'commander';
import { checkCommand } from './check-command.js';
import { configCommand } from './config-command.js';
import { CliSession, type CliIo, type GlobalOptions, type SessionFactory } from './cli-session.js';
import { doctorCommand } from './doctor-command.js';
import { enablementCommands } from './enablement-command.js';
import { migrateCommand } from './migrate-command.js';
import { modulesCommand } from './modules-command.js';
import { rebuildCommand } from './rebuild-command.js';
import { statsCommand } from './stats-command.js';

/**
 * Runs the `orion` command line on `argv` (the arguments after `orion`) and resolves to its exit
 * status: 0 on success, 1 when a command failed or found problems, 2 for a usage error. It never
 * throws and never calls `process.exit`: errors become one line on stderr,
 * `error: <message> (<ORION_ERR_CODE>)`, with the stack only under `--verbose`.
 *
 * @example
 * ```ts
 * import { runCli } from './run-cli.js';
 * process.exitCode = await runCli(['modules', '--json'], { cwd: '/srv/shop' });
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo = {}): Promise<number> {
  const resolved: Required<CliIo> = {
    cwd: io.cwd ?? process.cwd(),
    env: io.env ?? process.env,
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
  };
  const sessions: CliSession[] = [];
  const session: SessionFactory = (command) => {
    const created = new CliSession(resolved, command.optsWithGlobals<GlobalOptions>());
    sessions.push(created);
    return created;
  };

  const program = new Command('orion')
    .description('Inspect and manage the Orion modules of the app in this folder.')
    .version(ownVersion(), '-V, --version', 'print the version of @orion/core')
    .option('--cwd <dir>', 'the app folder, holding its package.json (default: the current folder)')
    .option(
      '--database <url>',
      'sqlite:<file> or a postgres:// URL (default: $DATABASE_URL, else sqlite:orion.db in the app folder)',
    )
    .option('--verbose', 'print the host’s log lines, and stack traces with errors')
    .configureOutput({
      writeOut: (text) => resolved.stdout.write(text),
      writeErr: (text) => resolved.stderr.write(text),
    })
    .configureHelp({ showGlobalOptions: true })
    .exitOverride();
  modulesCommand(program, session);
  migrateCommand(program, session);
  enablementCommands(program, session);
  configCommand(program, session);
  statsCommand(program, session);
  rebuildCommand(program, session);
  checkCommand(program, session);
  doctorCommand(program, session);

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return Math.max(0, ...sessions.map((created) => created.exitCode));
  } catch (error) {
    // commander has already printed its own message (or the help) for these
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const verbose = program.opts<GlobalOptions>().verbose === true || argv.includes('--verbose');
    resolved.stderr.write(`${errorLine(error)}\n`);
    if (verbose) resolved.stderr.write(`${stackOf(error)}\n`);
    return 1;
  }
}

function errorLine(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ').trim();
  return isOrionError(error) ? `error: ${message} (${error.code})` : `error: ${message}`;
}

function stackOf(error: unknown): string {
  const lines: string[] = [];
  for (let current: unknown = error, depth = 0; current !== undefined && depth < 5; depth++) {
    lines.push(
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a cause that is not an Error prints as JavaScript stringifies it
      `${depth === 0 ? '' : 'caused by: '}${current instanceof Error ? (current.stack ?? current.message) : String(current)}`,
    );
    current = current instanceof Error ? current.cause : undefined;
  }
  return lines.join('\n');
}

/** The version of the @orion/core package this file belongs to, from its package.json. */
function ownVersion(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dirname(dir) !== dir; dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === '@orion/core' && manifest.version) return manifest.version;
    } catch {
      // no package.json here: look one folder up
    }
  }
  return '0.0.0';
}
