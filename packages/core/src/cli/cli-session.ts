import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { OrionError, type Logger } from '@orion/contracts';
import type { Command } from 'commander';
import { DEFAULT_DATABASE } from '../database/create-database.js';
import { discoverModules, type DiscoveryResult } from '../discovery/discover-modules.js';
import { createOrion, type Orion } from '../orion.js';
import { createCliLogger } from './cli-logger.js';

/** Where the command line writes: `process.stdout`, or a buffer in tests. */
export interface CliOutput {
  write(text: string): unknown;
}

/** The process around one run of the command line; see {@link runCli}. */
export interface CliIo {
  /** The folder relative `--cwd` resolves from. Default: `process.cwd()`. */
  cwd?: string;
  /** Environment (`DATABASE_URL`, modules' configuration). Default: `process.env`. */
  env?: Record<string, string | undefined>;
  stdout?: CliOutput;
  stderr?: CliOutput;
}

/** Gives a command's action its {@link CliSession}, built from the options of the whole command line. */
export type SessionFactory = (command: Command) => CliSession;

/** The options every command takes. */
export interface GlobalOptions {
  cwd?: string;
  database?: string;
  verbose?: boolean;
}

/**
 * One command's view of the app: its folder, its database, where to print, and the host opened
 * exactly as the app opens it (`createOrion`, same discovery, same registry).
 */
export class CliSession {
  readonly appDir: string;
  readonly database: string;
  readonly verbose: boolean;
  /** The environment the host reads modules' configuration from. */
  readonly env: Record<string, string | undefined>;
  readonly logger: Logger;
  readonly #io: Required<CliIo>;
  #exitCode = 0;

  constructor(io: Required<CliIo>, globals: GlobalOptions) {
    this.#io = io;
    this.appDir = resolve(io.cwd, globals.cwd ?? '.');
    this.database = globals.database || io.env.DATABASE_URL || DEFAULT_DATABASE;
    this.verbose = globals.verbose === true;
    this.env = io.env;
    this.logger = createCliLogger(io.stderr, this.verbose);
  }

  /** 0, or 1 once a command reported a problem with {@link CliSession.fail}. */
  get exitCode(): number {
    return this.#exitCode;
  }

  /** Prints lines to stdout. */
  print(...lines: string[]): void {
    for (const line of lines) this.#io.stdout.write(`${line}\n`);
  }

  /** Prints a line to stderr. */
  printError(line: string): void {
    this.#io.stderr.write(`${line}\n`);
  }

  /** Marks the run as failed (exit status 1) without stopping the command. */
  fail(): void {
    this.#exitCode = 1;
  }

  /** What discovery finds in the app, without opening the database. */
  discover(): Promise<DiscoveryResult> {
    return discoverModules({ cwd: this.appDir });
  }

  /**
   * Opens the host on the app's database without migrating, runs `body`, and always closes it.
   * Unless `migrated: false`, a database with pending migrations is refused first: a command that
   * reads or changes data never migrates behind the user's back.
   *
   * @throws OrionError everything `createOrion` throws, and `ORION_ERR_MIGRATIONS_PENDING`.
   */
  async withHost<T>(body: (orion: Orion) => Promise<T>, options: { migrated?: boolean } = {}): Promise<T> {
    // an SQLite file that is not there has every migration pending; opening it would create an
    // empty file, so the pending list comes from an empty in-memory database instead
    const file = this.#sqliteFile();
    const missing = options.migrated !== false && file !== undefined && !existsSync(file);
    const orion = await createOrion({
      cwd: this.appDir,
      database: missing ? 'sqlite::memory:' : this.database,
      env: this.#io.env,
      logger: this.logger,
      migrate: false,
    });
    try {
      if (options.migrated !== false) {
        const pending = await orion.pendingMigrations();
        if (pending.length > 0 || missing) {
          throw new OrionError('ORION_ERR_MIGRATIONS_PENDING', {
            count: pending.length,
            code: pending[0]?.module ?? 'core',
            migration: pending[0]?.migration ?? '(none)',
          });
        }
      }
      return await body(orion);
    } finally {
      await orion.close();
    }
  }

  /** The SQLite file `database` names (resolved as `createOrion` does), or `undefined`. */
  #sqliteFile(): string | undefined {
    if (!this.database.startsWith('sqlite:')) return undefined;
    const target = this.database.slice('sqlite:'.length);
    if (target === '' || target === ':memory:') return undefined;
    return isAbsolute(target) ? target : resolve(this.appDir, target);
  }
}
