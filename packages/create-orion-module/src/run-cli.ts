import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { ScaffoldError } from './scaffold-error.js';
import { scaffoldModule } from './scaffold-module.js';

const usage = `Usage: npm create orion-module@latest <name> [-- --dir <folder>] [--code <module-code>]

Creates an Orion module package in a new folder (default: ./<name>).

  <name>          the package name: my-notes, or @acme/my-notes; the module code is
                  the name without its scope (kebab-case; core, orion, module, orion-*
                  and *-lock are reserved)
  --dir <folder>  where to write (a missing or empty folder)
  --code <code>   another module code than the name's
  -h, --help      this text
`;

/** What {@link runCli} needs from its surroundings; the defaults are the process's. */
export interface CliIo {
  /** Prints a report line (what was written, the next steps, the help). */
  out: (text: string) => void;
  /** Prints why nothing was written. */
  err: (text: string) => void;
  /** The package manager that ran the command, from `npm_config_user_agent` (`pnpm/10.0.0 …`). */
  userAgent?: string | undefined;
}

/**
 * `create-orion-module <name> [--dir <folder>] [--code <code>]`: writes a module package and prints
 * the next steps. Resolves with the exit status: 0 when written, 1 when refused, 2 on a usage error.
 *
 * @example
 * ```ts
 * import { runCli } from 'create-orion-module';
 * process.exitCode = await runCli(['my-notes', '--dir', 'modules/my-notes']);
 * ```
 */
// eslint-disable-next-line @typescript-eslint/require-await -- the public signature is a Promise (callers await it), and a throw surfaces as its rejection
export async function runCli(
  args: string[],
  io: CliIo = {
    out: (text) => console.log(text),
    err: (text) => console.error(text),
    userAgent: process.env.npm_config_user_agent,
  },
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { dir: { type: 'string' }, code: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(usage);
    return 0;
  }
  if (positionals.length !== 1) {
    io.err(
      `${positionals.length === 0 ? 'Give the new module a name.' : `One name only, not ${positionals.join(' ')}.`}\n\n${usage}`,
    );
    return 2;
  }
  try {
    const result = scaffoldModule({
      name: positionals[0]!,
      ...(values.code === undefined ? {} : { code: values.code }),
      ...(values.dir === undefined ? {} : { dir: values.dir }),
    });
    const manager = packageManagerOf(io.userAgent);
    const folder = relative(process.cwd(), result.dir) || '.';
    io.out(
      [
        `Created the Orion module "${result.names.code}" (${result.names.packageName}) in ${folder}: ${result.files.length} files.`,
        '',
        'Next steps:',
        `  cd ${folder}`,
        `  ${manager} install`,
        `  ${manager} test          # type-checks, then runs the module on SQLite and PostgreSQL`,
        `  ${manager} run dev       # a local host with the module at http://127.0.0.1:3000`,
        '',
        'README.md says how to add the module to an app while you develop it.',
      ].join('\n'),
    );
    return 0;
  } catch (error) {
    if (error instanceof ScaffoldError) {
      io.err(`${error.message} (${error.code})`);
      return 1;
    }
    throw error;
  }
}

function packageManagerOf(userAgent: string | undefined): 'npm' | 'pnpm' | 'yarn' {
  if (userAgent?.startsWith('pnpm/')) return 'pnpm';
  if (userAgent?.startsWith('yarn/')) return 'yarn';
  return 'npm';
}
