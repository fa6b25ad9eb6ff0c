import type { Logger } from '@orion/contracts';

/** Every event the host emits, with its payload. */
export interface OrionEvents {
  'module.enabled': { platformId: number; code: string; userId?: number | undefined; requestedBy: string };
  'module.disabled': { platformId: number; code: string; userId?: number | undefined; requestedBy: string };
  'module.startup': { code: string };
  'module.shutdown': { code: string };
  'module.config_changed': { platformId: number; code: string; userId?: number | undefined; config: Record<string, unknown> };
}

/** Name of an {@link OrionEvents} event. */
export type OrionEventName = keyof OrionEvents;

/** A subscriber; it may be async. */
export type OrionEventHandler<E extends OrionEventName> = (payload: OrionEvents[E]) => void | Promise<void>;

/**
 * The host's typed event bus. A subscriber that throws or rejects is logged and never breaks the
 * code that emitted the event.
 *
 * @example
 * ```ts
 * const off = orion.events.on('module.disabled', ({ platformId, code }) => audit.log(platformId, code));
 * off();
 * ```
 */
export class EventBus {
  readonly #handlers = new Map<OrionEventName, Set<OrionEventHandler<any>>>();
  readonly #logger: Logger;

  constructor(logger: Logger) {
    this.#logger = logger;
  }

  /** Subscribes to `event`; returns the function that unsubscribes. */
  on<E extends OrionEventName>(event: E, handler: OrionEventHandler<E>): () => void {
    const handlers = this.#handlers.get(event) ?? new Set();
    handlers.add(handler);
    this.#handlers.set(event, handlers);
    return () => handlers.delete(handler);
  }

  /** Calls every subscriber of `event` and waits for them; failures are logged, not thrown. */
  async emit<E extends OrionEventName>(event: E, payload: OrionEvents[E]): Promise<void> {
    const handlers = [...(this.#handlers.get(event) ?? [])];
    await Promise.all(
      handlers.map(async (handler) => {
        try {
          await handler(payload);
        } catch (error) {
          this.#logger.error(`Subscriber of ${event} failed`, { event, payload, error });
        }
      }),
    );
  }
}
