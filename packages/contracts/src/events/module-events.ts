import type { Kysely } from 'kysely';
import type { AnyDatabase } from '../database/any-database.js';
import type { z } from 'zod';

const EVENT_REF_TYPE = '@orion/EventRef';

/**
 * Event names are `<module code>.<name>`, the name in snake_case or kebab-case, optionally in
 * dotted segments: `orders.placed`, `orders.status_changed`, `order-notes.note-added`.
 */
export const eventNamePattern =
  /^[a-z][a-z0-9]*(-[a-z0-9]+)*\.[a-z][a-z0-9]*([_-][a-z0-9]+)*(\.[a-z][a-z0-9]*([_-][a-z0-9]+)*)*$/;

/** The host's own lifecycle events, which no module may declare. */
export const reservedEventNames: readonly string[] = [
  'module.enabled',
  'module.disabled',
  'module.startup',
  'module.shutdown',
  'module.config_changed',
];

/**
 * The events a module publishes: each name (`<module code>.<name>`) with the zod schema its payload
 * is validated with at publish. Declared in {@link ModuleDefinitionInput.events}.
 */
export type ModuleEventDeclarations = Record<string, z.ZodType>;

/**
 * A typed handle for a module event, so a subscriber (or the publisher) gets the payload's type
 * without importing the publisher's package. Refs are compared by `name`, so two copies of the
 * package that defines a ref still match.
 */
export interface EventRef<TPayload> {
  /** The brand, written out so the published types need no unexported constant. */
  readonly $$type: '@orion/EventRef';
  readonly $$version: 1;
  /** `<module code>.<name>`, such as `orders.placed`. */
  readonly name: string;
  /**
   * Type carrier only; never set at run time. (The type parameter is not named `P` like this
   * property: API Extractor cannot report a property named after its interface's type parameter.)
   */
  readonly P?: TPayload;
}

/**
 * Creates an {@link EventRef}. The publisher passes the payload schema it declares, so the ref's
 * type is the schema's output; a subscriber in another package writes the payload type instead of
 * importing the publisher's package. Refs only name and type an event: the schema that validates
 * payloads is the one in the module definition's `events`.
 *
 * @throws TypeError when `name` is not `<module code>.<name>`.
 * @example
 * ```ts
 * import { createEventRef } from '@orion/contracts';
 * import { z } from 'zod';
 * // Publisher: the declared schema types the ref.
 * export const orderPlacedSchema = z.object({ orderId: z.number().int(), storeId: z.number().int() });
 * export const orderPlacedEventRef = createEventRef('orders.placed', orderPlacedSchema);
 * // Subscriber elsewhere: the payload type written out, no import of the publisher.
 * const orderPlaced = createEventRef<{ orderId: number; storeId: number }>('orders.placed');
 * ```
 */
export function createEventRef<S extends z.ZodType>(name: string, schema: S): EventRef<z.output<S>>;
export function createEventRef<P>(name: string): EventRef<P>;
export function createEventRef<P>(name: string, _schema?: z.ZodType): EventRef<P> {
  if (!eventNamePattern.test(name)) {
    throw new TypeError(`Event name "${name}" must look like "<module code>.<name>", such as "orders.placed"`);
  }
  return Object.freeze({ $$type: EVENT_REF_TYPE, $$version: 1, name });
}

/** Whether `value` is an {@link EventRef} from any copy of `@orion/contracts`. */
export function isEventRef(value: unknown): value is EventRef<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { $$type?: unknown }).$$type === EVENT_REF_TYPE &&
    typeof (value as { name?: unknown }).name === 'string'
  );
}

/** What a subscriber receives: the validated payload and where and when it happened. */
export interface ModuleEvent<P = unknown> {
  /** The publishing module's code. */
  module: string;
  /** The event's name, `<module code>.<name>`. */
  name: string;
  /** The platform the event happened on. */
  platformId: number;
  /** When it was published, as an ISO-8601 UTC string. */
  occurredAt: string;
  /** The payload, as the declared schema parsed it. */
  payload: P;
}

/** A subscriber of a module event; it may be async. Its failure is logged, never passed on. */
export type ModuleEventHandler<P = unknown> = (event: ModuleEvent<P>) => void | Promise<void>;

/** Options of {@link ModuleEvents.publish}. */
export interface PublishEventOptions {
  /** The platform the event happened on; subscribers of modules not enabled there are not called. */
  platformId: number;
  /**
   * The transaction the event belongs to: delivery waits until it commits and is dropped when it
   * rolls back. It must be a transaction opened with `inTransaction` (any copy of
   * `@orion/contracts`), else publish throws `ORION_ERR_EVENT_TRANSACTION_UNKNOWN`. A database that
   * is not a transaction is accepted and means "no transaction".
   */
  transaction?: Kysely<AnyDatabase>;
}

/**
 * A module's view of the host's event bus: `events` in lifecycle hooks, service factories, route
 * handlers and task handlers.
 *
 * Delivery is in-process and at most once: after the publishing transaction commits (or, without
 * one, after `publish` returns), each subscriber is called once, asynchronously, never inside the
 * publisher's call stack. An event is lost if the process stops before delivery; use the task queue
 * (`tasks.enqueue`) for work that must happen.
 *
 * @example
 * ```ts
 * import { createEventRef, defineModule } from '@orion/contracts';
 * import { z } from 'zod';
 *
 * const orderPlaced = createEventRef<{ orderId: number; storeId: number }>('orders.placed');
 * export const loyaltyModule = defineModule({
 *   code: 'loyalty', name: 'Loyalty', version: '1.0.0',
 *   events: { 'loyalty.points_awarded': z.object({ customerEmail: z.string(), points: z.number().int() }) },
 *   onStartup: ({ events, logger }) => {
 *     events.subscribe(orderPlaced, ({ payload, platformId }) => {
 *       logger.info(`Order ${payload.orderId} placed on platform ${platformId}`);
 *       events.publish('loyalty.points_awarded', { customerEmail: 'ada@example.com', points: 10 }, { platformId });
 *     });
 *   },
 * });
 * ```
 */
export interface ModuleEvents {
  /**
   * Validates `payload` with the declared schema and queues the event for delivery: after
   * `options.transaction` commits (dropped on rollback), or, without one, right after this call
   * returns. The module may publish only the events it declares.
   *
   * @throws OrionError `ORION_ERR_EVENT_UNDECLARED` when the module does not declare the event,
   *   `ORION_ERR_VALIDATION` when the payload does not match its schema,
   *   `ORION_ERR_EVENT_TRANSACTION_UNKNOWN` for a transaction `inTransaction` did not open (or one
   *   already finished).
   */
  publish<P>(event: EventRef<P>, payload: P, options: PublishEventOptions): void;
  publish(name: string, payload: unknown, options: PublishEventOptions): void;
  /**
   * Calls `handler` for each delivered event of that name, from any module, on platforms where the
   * subscribing module is enabled. Returns the function that unsubscribes.
   */
  subscribe<P>(event: EventRef<P>, handler: ModuleEventHandler<P>): () => void;
  subscribe(name: string, handler: ModuleEventHandler<unknown>): () => void;
}
