import type { EventRef, ModuleEventHandler, ModuleEvents } from '@orion/contracts';
import type { OrionEventHandler, OrionEventName } from './event-bus.js';

/**
 * The host's event bus, `orion.events`: observe the host's lifecycle events ({@link OrionEvents})
 * and the events modules publish.
 *
 * Module events are delivered in-process, at most once, asynchronously: after the publishing
 * transaction commits (never on rollback). A subscriber that throws is logged and never breaks the
 * publisher or the other subscribers. For work that must happen, enqueue a task instead.
 *
 * @example
 * ```ts
 * const off = orion.events.on('module.enabled', ({ platformId, code }) => console.log(platformId, code));
 * orion.events.on('orders.placed', ({ platformId, payload }) => console.log(platformId, payload));
 * await orion.events.drain(); // every event published so far has been delivered
 * off();
 * ```
 */
export interface OrionEventBus {
  /**
   * Subscribes the app to a lifecycle event or to a module event (by name or {@link EventRef});
   * returns the function that unsubscribes. The app's module-event subscribers see every platform.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for a name that is not `<module code>.<name>`.
   */
  on<E extends OrionEventName>(event: E, handler: OrionEventHandler<E>): () => void;
  on<P>(event: EventRef<P>, handler: ModuleEventHandler<P>): () => void;
  on(event: string, handler: ModuleEventHandler<unknown>): () => void;
  /**
   * The {@link ModuleEvents} of module `code`: what its hooks, services, routes and tasks receive as
   * `events`. The app may use it to publish on a module's behalf.
   */
  forModule(code: string): ModuleEvents;
  /** Waits until every event published so far (and already committed) has been delivered. */
  drain(): Promise<void>;
}
