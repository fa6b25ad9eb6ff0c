import {
  OrionError,
  afterCommit,
  eventNamePattern,
  idSchema,
  isEventRef,
  parseInput,
  reservedEventNames,
  type EventRef,
  type Logger,
  type ModuleEvent,
  type ModuleEventDeclarations,
  type ModuleEventHandler,
  type ModuleEvents,
  type PublishEventOptions,
} from '@orion/contracts';
import { z } from 'zod';

/** Every lifecycle event the host emits, with its payload. */
export interface OrionEvents {
  'module.enabled': {
    platformId: number;
    code: string;
    userId?: number | undefined;
    requestedBy: string;
    /** `local`: changed through this instance; `remote`: another process changed it (another instance, the CLI). */
    origin: ChangeOrigin;
  };
  'module.disabled': {
    platformId: number;
    code: string;
    userId?: number | undefined;
    requestedBy: string;
    /** `local`: changed through this instance; `remote`: another process changed it (another instance, the CLI). */
    origin: ChangeOrigin;
  };
  'module.startup': { code: string };
  'module.shutdown': { code: string };
  'module.config_changed': {
    platformId: number;
    code: string;
    userId?: number | undefined;
    config: Record<string, unknown>;
    /** `local`: changed through this instance; `remote`: another process changed it (another instance, the CLI). */
    origin: ChangeOrigin;
  };
}

/**
 * Where an enablement or configuration change was made: `local` through this instance, `remote` by
 * another process on the same database (another instance of the app, the `orion` CLI).
 *
 * @example
 * ```ts
 * import { createOrion } from '@orion/core';
 *
 * const orion = await createOrion();
 * orion.events.on('module.disabled', ({ platformId, code, origin }) => {
 *   if (origin === 'remote') console.log(`${code} was switched off on platform ${platformId} elsewhere`);
 * });
 * ```
 */
export type ChangeOrigin = 'local' | 'remote';

/** Name of an {@link OrionEvents} event. */
export type OrionEventName = keyof OrionEvents;

/** A subscriber of a lifecycle event; it may be async. */
export type OrionEventHandler<E extends OrionEventName> = (payload: OrionEvents[E]) => void | Promise<void>;

/** What the bus needs from the host. */
export interface EventBusOptions {
  logger: Logger;
  /** The events each installed module declares, by module code. */
  declarations?: ReadonlyMap<string, ModuleEventDeclarations>;
  /** Whether `code` is enabled on `platformId`; a module's subscribers are called only where it is. */
  isEnabled?: (platformId: number, code: string) => Promise<boolean>;
}

/**
 * A lifecycle subscriber with its payload type erased, as the bus stores it: `emit` passes each
 * event's own payload type, so every subscriber gets what it subscribed to.
 */
type LifecycleHandler = (payload: unknown) => void | Promise<void>;

interface Subscription {
  /** Called with the published event, whose payload was validated against the event's schema. */
  handler: ModuleEventHandler<unknown>;
  /** The subscribing module's code; `undefined` for the app. */
  module: string | undefined;
}

const eventNameSchema = z
  .string()
  .regex(eventNamePattern, 'Expected <module code>.<name>, such as orders.placed')
  .refine(
    (name) => !reservedEventNames.includes(name),
    'Lifecycle events are observed with orion.events.on(), not subscribed to from a module',
  );
const publishOptionsSchema = z.object({ platformId: idSchema }).passthrough();

/**
 * The host's event bus (`orion.events`): the host's lifecycle events and the events modules publish.
 *
 * Lifecycle events (`module.startup`, `module.enabled`, …) are emitted by the host and awaited: the
 * app subscribes with {@link EventBus.on}, before start-up with `createOrion({ subscribe })`.
 *
 * Module events are declared in a module's definition (`events`), published through the module's
 * `events` ({@link EventBus.forModule}) and delivered in-process, at most once, asynchronously:
 * after the publishing transaction commits (never on rollback), or right after `publish` returns
 * when there is none. Each event carries its `module`, `name`, `platformId` and `occurredAt`. A
 * module's subscribers are called only for platforms where that module is enabled; the app's for
 * every platform. Events not yet delivered when the process stops are lost: for work that must
 * happen, enqueue a task (`tasks.enqueue`) in the same transaction instead.
 *
 * A subscriber that throws or rejects is logged and never breaks the publisher or the other
 * subscribers.
 *
 * @example
 * ```ts
 * import { createOrion } from '@orion/core';
 * import { ordersModule } from '@orion/orders';
 * const orion = await createOrion({
 *   modules: [ordersModule],
 *   subscribe: (events) => events.on('module.startup', ({ code }) => console.log(`${code} started`)),
 * });
 * const off = orion.events.on('orders.placed', ({ platformId, payload }) => console.log(platformId, payload));
 * off();
 * ```
 */
export class EventBus {
  readonly #lifecycle = new Map<OrionEventName, Set<LifecycleHandler>>();
  readonly #subscriptions = new Map<string, Set<Subscription>>();
  readonly #pending = new Set<Promise<void>>();
  readonly #logger: Logger;
  readonly #declarations: ReadonlyMap<string, ModuleEventDeclarations>;
  readonly #isEnabled: (platformId: number, code: string) => Promise<boolean>;
  #closed = false;

  constructor(options: EventBusOptions | Logger) {
    const resolved: EventBusOptions = 'logger' in options ? options : { logger: options };
    this.#logger = resolved.logger;
    this.#declarations = resolved.declarations ?? new Map();
    this.#isEnabled = resolved.isEnabled ?? (() => Promise.resolve(true));
  }

  /**
   * Subscribes the app to a lifecycle event or to a module event (by name or {@link EventRef});
   * returns the function that unsubscribes. The app's module-event subscribers see every platform.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for a name that is not `<module code>.<name>`.
   */
  on<E extends OrionEventName>(event: E, handler: OrionEventHandler<E>): () => void;
  on<P>(event: EventRef<P>, handler: ModuleEventHandler<P>): () => void;
  on(event: string, handler: ModuleEventHandler<unknown>): () => void;
  on(event: string | EventRef<unknown>, handler: (value: never) => void | Promise<void>): () => void {
    if (typeof event === 'string' && reservedEventNames.includes(event)) {
      const handlers = this.#lifecycle.get(event as OrionEventName) ?? new Set();
      const lifecycleHandler = handler as LifecycleHandler;
      handlers.add(lifecycleHandler);
      this.#lifecycle.set(event as OrionEventName, handlers);
      return () => handlers.delete(lifecycleHandler);
    }
    return this.#subscribe(event, handler as ModuleEventHandler<never>, undefined);
  }

  /** Calls every subscriber of the lifecycle event `event` and waits for them; failures are logged, not thrown. */
  async emit<E extends OrionEventName>(event: E, payload: OrionEvents[E]): Promise<void> {
    const handlers = [...(this.#lifecycle.get(event) ?? [])];
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

  /**
   * The {@link ModuleEvents} of module `code`: what its hooks, services, routes and tasks receive as
   * `events`. The app may use it too, to publish on a module's behalf (`new OrdersService(db, {
   * events: orion.events.forModule('orders') })`).
   */
  forModule(code: string): ModuleEvents {
    return {
      publish: (event: string | EventRef<unknown>, payload: unknown, options: PublishEventOptions) =>
        this.#publish(code, event, payload, options),
      subscribe: (event: string | EventRef<unknown>, handler: ModuleEventHandler<never>) =>
        this.#subscribe(event, handler, code),
    };
  }

  /** Waits until every event published so far (and already committed) has been delivered. */
  async drain(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }

  /** Delivers what is pending, then drops later events (with a warning). */
  async close(): Promise<void> {
    await this.drain();
    this.#closed = true;
  }

  #subscribe(
    event: string | EventRef<unknown>,
    handler: ModuleEventHandler<never>,
    module: string | undefined,
  ): () => void {
    const name = parseInput(eventNameSchema, isEventRef(event) ? event.name : event, 'event name');
    // the payload type is the subscriber's word for what the event's schema validates at publish
    const subscription: Subscription = { handler: handler as ModuleEventHandler<unknown>, module };
    const subscriptions = this.#subscriptions.get(name) ?? new Set();
    subscriptions.add(subscription);
    this.#subscriptions.set(name, subscriptions);
    return () => subscriptions.delete(subscription);
  }

  #publish(code: string, event: string | EventRef<unknown>, payload: unknown, options: PublishEventOptions): void {
    const name = isEventRef(event) ? event.name : event;
    const schema = this.#declarations.get(code)?.[name];
    if (schema === undefined) throw new OrionError('ORION_ERR_EVENT_UNDECLARED', { code, event: String(name) });
    const { platformId } = parseInput(publishOptionsSchema, options, `options of event "${name}"`);
    const delivered: ModuleEvent = Object.freeze({
      module: code,
      name,
      platformId,
      occurredAt: new Date().toISOString(),
      payload: parseInput(schema, payload, `payload of event "${name}"`),
    });
    const transaction = options.transaction;
    if (transaction?.isTransaction) afterCommit(transaction, () => this.#schedule(delivered));
    else this.#schedule(delivered);
  }

  /** Delivers `event` on a later turn of the event loop, never inside the publisher's call stack. */
  #schedule(event: ModuleEvent): void {
    if (this.#closed) {
      this.#logger.warn(`Event ${event.name} was published after the host closed; it was dropped`, { event });
      return;
    }
    const delivery = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.#deliver(event));
    this.#pending.add(delivery);
    void delivery.finally(() => this.#pending.delete(delivery));
  }

  async #deliver(event: ModuleEvent): Promise<void> {
    const subscriptions = [...(this.#subscriptions.get(event.name) ?? [])];
    await Promise.all(
      subscriptions.map(async ({ handler, module }) => {
        try {
          if (module !== undefined && !(await this.#isEnabled(event.platformId, module))) return;
          await handler(event);
        } catch (error) {
          this.#logger.error(
            `Subscriber of ${event.name} (${module === undefined ? 'the app' : `module "${module}"`}) failed`,
            {
              event: event.name,
              module: event.module,
              platformId: event.platformId,
              subscriber: module ?? 'app',
              error,
            },
          );
        }
      }),
    );
  }
}
