/**
 * What one platform's stored module state says, loaded once and kept until a change invalidates it.
 */
export interface PlatformState {
  /** Stored decision per module code: `true`/`false`, or `null` for none (the host's default). */
  states: Map<string, boolean | null>;
  /** Stored configuration overrides per module code, as parsed JSON. */
  config: Map<string, Record<string, unknown>>;
  /** Effective enabled codes in dependency order; the same array until the entry is dropped. */
  enabled: readonly string[];
  /** Resolved configuration per module code (defaults, environment, overrides), filled on first use. */
  resolved: Map<string, Record<string, unknown>>;
}

/**
 * Per-platform module state in memory. An entry is the load's promise, stored when the load starts,
 * so an invalidation that arrives while a load is running drops it (the next caller loads again)
 * instead of letting the older answer land afterwards.
 */
export class PlatformStateCache {
  readonly #entries = new Map<number, Promise<PlatformState>>();

  get(platformId: number, load: () => Promise<PlatformState>): Promise<PlatformState> {
    let entry = this.#entries.get(platformId);
    if (!entry) {
      entry = load();
      this.#entries.set(platformId, entry);
      entry.catch(() => {
        if (this.#entries.get(platformId) === entry) this.#entries.delete(platformId);
      });
    }
    return entry;
  }

  invalidate(platformId: number): void {
    this.#entries.delete(platformId);
  }

  clear(): void {
    this.#entries.clear();
  }
}
