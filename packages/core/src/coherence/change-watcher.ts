import type { Logger, SqlDialect, AnyDatabase } from '@orion/contracts';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import { importOptional, optionalFeatures } from '../discovery/optional-dependency.js';
import { changesSince, latestChangeId, moduleChangesChannel, type ModuleChange } from './module-changes.js';
import type { PlatformStateCache } from './platform-state-cache.js';
import type { ChangeCounter } from './sqlite-change-counter.js';

/**
 * Keeps a host's in-memory per-platform state ({@link PlatformStateCache}) coherent with changes
 * made by other processes on the same database, and reports those changes as remote ones.
 */
export interface ChangeWatcher {
  /** Whether cached state can be used now (false while PostgreSQL's LISTEN connection is down). */
  readonly trusted: boolean;
  /** Called before every cached read; on SQLite it checks the change log's newest id (one small query). */
  beforeRead(): Promise<void> | undefined;
  start(): Promise<void>;
  /** Stops watching and waits for the remote events being delivered. */
  close(): Promise<void>;
}

export interface ChangeWatcherOptions {
  db: Kysely<AnyDatabase>;
  dialect: SqlDialect;
  /** A `postgres://` URL: LISTEN on a dedicated connection. Without one, the change log is checked per read. */
  listenUrl?: string | undefined;
  cache: PlatformStateCache;
  /** This instance's id, as written in the change log's `origin`. */
  instanceId: string;
  logger: Logger;
  /** Called, one at a time in log order, for each change another instance made. */
  onRemoteChange: (change: ModuleChange) => Promise<void>;
  /** How often an idle instance checks the log itself (so remote events fire without calls). Default 1000 ms; 0: never. */
  pollIntervalMs?: number;
  /** SQLite files: the log's newest id read synchronously on a connection of its own (see {@link sqliteChangeCounter}). */
  counter?: ChangeCounter | undefined;
  /** No other process can open the database (`sqlite::memory:`): nothing to watch. */
  private?: boolean;
}

/** The watcher for the database: LISTEN/NOTIFY with a URL on PostgreSQL, the change log otherwise. */
export function createChangeWatcher(options: ChangeWatcherOptions): ChangeWatcher {
  if (options.private) {
    return { trusted: true, beforeRead: () => undefined, start: async () => {}, close: async () => {} };
  }
  return options.dialect === 'postgres' && options.listenUrl
    ? new PostgresChangeListener(options, options.listenUrl)
    : new ChangeLogPoller(options);
}

/** Delivers remote changes one at a time, in order, never failing the caller. */
class RemoteEvents {
  #chain: Promise<void> = Promise.resolve();

  readonly #options: ChangeWatcherOptions;

  constructor(options: ChangeWatcherOptions) {
    this.#options = options;
  }

  deliver(changes: ModuleChange[]): void {
    for (const change of changes) {
      if (change.origin === this.#options.instanceId) continue;
      this.#chain = this.#chain
        .then(() => this.#options.onRemoteChange(change))
        .catch((error: unknown) =>
          this.#options.logger.error('A remote module change could not be delivered', { error }),
        );
    }
  }

  drain(): Promise<void> {
    return this.#chain;
  }
}

/**
 * SQLite (several processes can share one file) and PostgreSQL without a URL: before each read, the
 * newest id of `orion_module_changes`; when it moved, the platforms named since are dropped from
 * the cache. SQLite writes one transaction at a time, so ids become visible in order.
 */
class ChangeLogPoller implements ChangeWatcher {
  readonly #events: RemoteEvents;
  /** The log could not be read (not migrated yet, a broken connection): nothing is cached meanwhile. */
  #failing = false;
  #lastSeen = 0;
  #checking: Promise<void> | undefined;
  #timer: NodeJS.Timeout | undefined;

  readonly #options: ChangeWatcherOptions;

  constructor(options: ChangeWatcherOptions) {
    this.#options = options;
    this.#events = new RemoteEvents(options);
  }

  get trusted(): boolean {
    return !this.#failing;
  }

  async start(): Promise<void> {
    this.#lastSeen = await latestChangeId(this.#options.db).catch(() => {
      this.#failing = true;
      return 0;
    });
    const interval = this.#options.pollIntervalMs ?? 1000;
    if (interval > 0) {
      this.#timer = setInterval(() => void this.beforeRead(), interval);
      this.#timer.unref();
    }
  }

  beforeRead(): Promise<void> | undefined {
    // The cheap path: the newest id, read synchronously; nothing to wait for when it has not moved.
    if (!this.#checking && !this.#failing && this.#options.counter?.() === this.#lastSeen) return undefined;
    this.#checking ??= this.#check().finally(() => {
      this.#checking = undefined;
    });
    return this.#checking;
  }

  async #check(): Promise<void> {
    try {
      await this.#read();
      this.#failing = false;
    } catch {
      // the table is not there yet (migrate: false) or the database is unreachable: read uncached
      this.#failing = true;
      this.#options.cache.clear();
    }
  }

  async #read(): Promise<void> {
    const { db, cache } = this.#options;
    const latest = await latestChangeId(db);
    if (this.#failing) cache.clear();
    if (latest === this.#lastSeen) return;
    if (latest < this.#lastSeen) {
      // the log was emptied (a restored backup): nothing cached can be trusted
      cache.clear();
      this.#lastSeen = latest;
      return;
    }
    const changes = await changesSince(db, this.#lastSeen);
    for (const change of changes) cache.invalidate(change.platformId);
    this.#lastSeen = Math.max(latest, ...changes.map((change) => change.id));
    this.#events.deliver(changes);
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.#checking?.catch(() => {});
    this.#options.counter?.close();
    await this.#events.drain();
  }
}

/**
 * PostgreSQL: `LISTEN orion_module_changes` on a dedicated connection (application_name
 * `orion-listen`). Changes are announced with NOTIFY in their own transaction, so they arrive on
 * commit. While the connection is down nothing is cached (every read goes to the database); after
 * it reconnects the whole cache is dropped and the changes missed meanwhile are read from the log,
 * so what happened in between is reloaded, never trusted.
 */
class PostgresChangeListener implements ChangeWatcher {
  readonly #events: RemoteEvents;
  #client: pg.Client | undefined;
  #trusted = false;
  #closed = false;
  #lastSeen = 0;
  #retryMs = 100;
  #retry: NodeJS.Timeout | undefined;
  #connecting: Promise<void> | undefined;

  readonly #options: ChangeWatcherOptions;
  readonly #url: string;

  constructor(options: ChangeWatcherOptions, url: string) {
    this.#options = options;
    this.#url = url;
    this.#events = new RemoteEvents(options);
  }

  get trusted(): boolean {
    return this.#trusted;
  }

  beforeRead(): undefined {
    return undefined;
  }

  async start(): Promise<void> {
    this.#lastSeen = await latestChangeId(this.#options.db).catch(() => 0);
    await this.#connect();
  }

  #connect(): Promise<void> {
    this.#connecting ??= this.#tryConnect().finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  async #tryConnect(): Promise<void> {
    const { logger, cache, db } = this.#options;
    const { default: pgModule } = await importOptional(optionalFeatures.postgres, 'pg', () => import('pg'));
    const client = new pgModule.Client({ connectionString: this.#url, application_name: 'orion-listen' });
    client.on('error', (error) => {
      logger.warn('The connection listening for module changes failed; reconnecting', { error });
      this.#dropped(client);
    });
    client.on('end', () => this.#dropped(client));
    client.on('notification', (message) => {
      if (message.channel === moduleChangesChannel && message.payload) this.#notified(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${moduleChangesChannel}`);
      if (this.#closed) {
        await client.end();
        return;
      }
      this.#client = client;
      // Reload rather than trust: what was cached before the drop may have changed meanwhile.
      cache.clear();
      const missed = await changesSince(db, this.#lastSeen).catch(() => []);
      if (missed.length > 0) this.#lastSeen = missed[missed.length - 1]!.id;
      this.#events.deliver(missed);
      this.#trusted = this.#client === client;
      this.#retryMs = 100;
    } catch (error) {
      logger.warn('Could not listen for module changes; reading them from the database until it works', { error });
      client.removeAllListeners('end');
      await client.end().catch(() => {});
      this.#dropped(client);
    }
  }

  #notified(payload: string): void {
    let change: Partial<ModuleChange>;
    try {
      change = JSON.parse(payload) as typeof change;
    } catch {
      return;
    }
    if (typeof change.platformId !== 'number' || typeof change.id !== 'number') return;
    this.#options.cache.invalidate(change.platformId);
    if (change.id <= this.#lastSeen) return;
    this.#lastSeen = change.id;
    this.#events.deliver([change as ModuleChange]);
  }

  #dropped(client: pg.Client): void {
    if (this.#client !== undefined && this.#client !== client) return;
    this.#client = undefined;
    this.#trusted = false;
    this.#options.cache.clear();
    if (this.#closed || this.#retry !== undefined) return;
    const delay = this.#retryMs;
    this.#retryMs = Math.min(this.#retryMs * 2, 2000);
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      void this.#connect();
    }, delay);
    this.#retry.unref();
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#trusted = false;
    clearTimeout(this.#retry);
    await this.#connecting?.catch(() => {});
    const client = this.#client;
    this.#client = undefined;
    if (client) {
      client.removeAllListeners('end');
      client.on('error', () => {});
      await client.end().catch(() => {});
    }
    await this.#events.drain();
  }
}
