import type {
  AnyDatabase,
  CustomerActivityRecorder,
  CustomerOrderActivity,
  RecordCustomerOrderOptions,
  ModuleEvents,
  RecordedCustomerOrder,
} from '@orion/contracts';
import { idSchema, inTransaction, isUniqueViolation, nowTimestamp, parseInput, toNumber } from '@orion/contracts';
import { requireStore } from '@orion/tenancy';
import { sql, type Kysely, type Transaction } from 'kysely';
import { customerCreatedEventRef, type CustomerCreated } from './customer-created-event.js';
import { customersErrors } from './customers-errors.js';
import {
  createCustomerInputSchema,
  customerEmailSchema,
  customerOrderActivitySchema,
  customerScopeSchema,
  listCustomersInputSchema,
  updateCustomerInputSchema,
  type CreateCustomerInput,
  type CustomerScope,
  type ListCustomersInput,
  type UpdateCustomerInput,
} from './customers-inputs.js';
import { nameKey, toCustomer, type Customer, type CustomersPage } from './customer-records.js';
import type { CustomersDatabase } from './schema.js';

/**
 * Options of {@link CustomersService}: with the customers module's `events`, the service publishes
 * `customers.created` on `platformId` (for `recordOrder`, the platform its call names, else this one).
 *
 * @example
 * ```ts
 * import { CustomersService, type CustomersServiceOptions } from '@orion/customers';
 * const options: CustomersServiceOptions = { events: orion.events.forModule('customers'), platformId: 1 };
 * const customers = new CustomersService(orion.db, options);
 * ```
 */
export interface CustomersServiceOptions {
  events?: ModuleEvents | undefined;
  platformId?: number | undefined;
}

/** Above every character a prefix can be followed by, in byte-wise order (`COLLATE "C"`, SQLite `BINARY`). */
const highestCharacter = '\u{10FFFF}';

/**
 * Creates, changes, finds and lists a store's customers, and records their orders (it is the
 * `customerActivityRecorderRef` implementation the module provides).
 *
 * Every method validates its input at the boundary and returns plain objects with camelCase
 * fields and ISO-8601 UTC timestamps, on SQLite and PostgreSQL alike. E-mails are trimmed and
 * lower-cased before they are checked, stored or looked up. Customers are never deleted by the
 * service; {@link CustomersService.deactivate} marks them inactive.
 *
 * Errors: `ORION_ERR_VALIDATION` for malformed input, `ORION_ERR_NOT_FOUND` `{ entity, id }` for an
 * unknown store, `CUSTOMERS_ERR_CUSTOMER_NOT_FOUND` `{ customerId }` for an unknown customer (or one
 * of another store than `storeId`), `CUSTOMERS_ERR_EMAIL_TAKEN` `{ email }` for an e-mail the store
 * already has.
 *
 * @example
 * ```ts
 * import { CustomersService } from '@orion/customers';
 *
 * const customers = new CustomersService(orion.db);
 * const ada = await customers.create({ storeId: 12, email: ' Ada@Example.com ', firstName: 'Ada', lastName: 'Lovelace' });
 * ada.email; // 'ada@example.com'
 * const page = await customers.list({ storeId: 12, search: 'ada l', limit: 20 });
 * ```
 */
export class CustomersService implements CustomerActivityRecorder {
  readonly #db: Kysely<CustomersDatabase>;
  readonly #options: CustomersServiceOptions;

  /**
   * @param db - The host's database (or a transaction), with the tenancy and customers migrations applied.
   * @param options - The customers module's `events` and the platform, to publish `customers.created`.
   */
  constructor(db: Kysely<AnyDatabase>, options: CustomersServiceOptions = {}) {
    this.#db = db as Kysely<CustomersDatabase>;
    this.#options = options;
  }

  /** Publishes `customers.created` when the service has events and a platform; after `transaction` commits. */
  #publishCreated(payload: CustomerCreated, platformId: number | undefined, transaction?: Kysely<AnyDatabase>): void {
    const platform = platformId ?? this.#options.platformId;
    if (this.#options.events === undefined || platform === undefined) return;
    this.#options.events.publish(customerCreatedEventRef, payload, {
      platformId: platform,
      ...(transaction ? { transaction } : {}),
    });
  }

  /**
   * Creates a customer of a store, active unless `isActive: false`, with no recorded orders. With
   * `events` and `platformId`, publishes `customers.created` (`via: 'create'`).
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for malformed input (an invalid e-mail, a name over
   *   100 characters, …); `ORION_ERR_NOT_FOUND` when the store does not exist;
   *   `CUSTOMERS_ERR_EMAIL_TAKEN` when the store already has a customer with this e-mail.
   * @example
   * ```ts
   * import { CustomersService } from '@orion/customers';
   * const ada = await new CustomersService(db).create({ storeId: 12, email: 'ada@example.com', locale: 'en' });
   * ada.ordersCount; // 0
   * ```
   */
  async create(input: CreateCustomerInput): Promise<Customer> {
    const customer = parseInput(createCustomerInputSchema, input, 'customer');
    await requireStore(this.#db, customer.storeId);
    const now = nowTimestamp();
    const createdAt = customer.createdAt ?? now;
    const row = await emailTakenOnUniqueViolation(customer.email, () =>
      this.#db
        .insertInto('customers')
        .values({
          store_id: customer.storeId,
          email: customer.email,
          first_name: customer.firstName ?? null,
          last_name: customer.lastName ?? null,
          name_key: nameKey(customer.firstName, customer.lastName),
          phone: customer.phone ?? null,
          locale: customer.locale ?? null,
          is_active: customer.isActive ?? true,
          orders_count: 0,
          created_at: createdAt,
          updated_at: createdAt > now ? createdAt : now,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
    this.#publishCreated({ customerId: row.id, storeId: row.store_id, email: row.email, via: 'create' }, undefined);
    return toCustomer(row);
  }

  /**
   * Changes a customer's e-mail or profile fields; `null` clears a profile field. With `storeId`,
   * only a customer of that store changes.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for malformed input or no change at all;
   *   `CUSTOMERS_ERR_CUSTOMER_NOT_FOUND` when the customer does not exist (or is not `storeId`'s);
   *   `CUSTOMERS_ERR_EMAIL_TAKEN` when another customer of the store has the new e-mail.
   * @example
   * ```ts
   * import { CustomersService } from '@orion/customers';
   * const ada = await new CustomersService(db).update(5, { lastName: 'King', phone: null }, { storeId: 12 });
   * ```
   */
  async update(customerId: number, changes: UpdateCustomerInput, scope: CustomerScope = {}): Promise<Customer> {
    const id = parseInput(idSchema, customerId, 'customerId');
    const change = parseInput(updateCustomerInputSchema, changes, 'customer changes');
    const { storeId } = parseInput(customerScopeSchema, scope, 'customer scope');
    return inTransaction(this.#db, async (trx) => {
      const current = await findCustomer(trx, id, storeId);
      const firstName = change.firstName === undefined ? current.first_name : change.firstName;
      const lastName = change.lastName === undefined ? current.last_name : change.lastName;
      const row = await emailTakenOnUniqueViolation(change.email ?? current.email, () =>
        trx
          .updateTable('customers')
          .set({
            ...(change.email === undefined ? {} : { email: change.email }),
            ...(change.phone === undefined ? {} : { phone: change.phone }),
            ...(change.locale === undefined ? {} : { locale: change.locale }),
            first_name: firstName,
            last_name: lastName,
            name_key: nameKey(firstName, lastName),
            updated_at: nowTimestamp(),
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      return toCustomer(row);
    });
  }

  /**
   * Marks a customer inactive (idempotent). The customer keeps its e-mail, profile and recorded
   * orders, and still counts in `customers.total`. With `storeId`, only a customer of that store.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for a malformed id or store id;
   *   `CUSTOMERS_ERR_CUSTOMER_NOT_FOUND` when the customer does not exist (or is not `storeId`'s).
   * @example
   * ```ts
   * import { CustomersService } from '@orion/customers';
   * (await new CustomersService(db).deactivate(5, { storeId: 12 })).isActive; // false
   * ```
   */
  async deactivate(customerId: number, scope: CustomerScope = {}): Promise<Customer> {
    const id = parseInput(idSchema, customerId, 'customerId');
    const { storeId } = parseInput(customerScopeSchema, scope, 'customer scope');
    const row = await this.#db
      .updateTable('customers')
      .set({ is_active: false, updated_at: nowTimestamp() })
      .where('id', '=', id)
      .$if(storeId !== undefined, (query) => query.where('store_id', '=', storeId!))
      .returningAll()
      .executeTakeFirst();
    if (!row) throw customersErrors.create('CUSTOMERS_ERR_CUSTOMER_NOT_FOUND', { customerId: id });
    return toCustomer(row);
  }

  /**
   * Reads one customer. With `storeId`, only a customer of that store is found.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for a malformed id or store id;
   *   `CUSTOMERS_ERR_CUSTOMER_NOT_FOUND` when the customer does not exist (or is not `storeId`'s).
   * @example
   * ```ts
   * import { CustomersService } from '@orion/customers';
   * const customer = await new CustomersService(db).get(5, { storeId: 12 });
   * ```
   */
  async get(customerId: number, scope: CustomerScope = {}): Promise<Customer> {
    const id = parseInput(idSchema, customerId, 'customerId');
    const { storeId } = parseInput(customerScopeSchema, scope, 'customer scope');
    return toCustomer(await findCustomer(this.#db, id, storeId));
  }

  /**
   * The store's customer with this e-mail (trimmed and lower-cased first), or `undefined`.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for a malformed store id or e-mail.
   * @example
   * ```ts
   * import { CustomersService } from '@orion/customers';
   * const ada = await new CustomersService(db).findByEmail({ storeId: 12, email: 'ADA@example.com ' });
   * ```
   */
  async findByEmail(input: { storeId: number; email: string }): Promise<Customer | undefined> {
    const storeId = parseInput(idSchema, input.storeId, 'storeId');
    const email = parseInput(customerEmailSchema, input.email, 'email');
    const row = await this.#db
      .selectFrom('customers')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('email', '=', email)
      .executeTakeFirst();
    return row && toCustomer(row);
  }

  /**
   * One page of a store's customers, newest first (by id). With `search`, only customers whose
   * e-mail or lower-case `"first last"` name starts with it (case does not matter); each is a range
   * of an index, never a scan of the store's customers. Page with `before` (the previous page's
   * `nextBefore`, stable while customers are added) or with `offset`.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for a malformed store id, a `limit` outside 1 to 200,
   *   a negative `offset`, or both `offset` and `before`; `ORION_ERR_NOT_FOUND` when the store does
   *   not exist.
   * @example
   * ```ts
   * import { CustomersService } from '@orion/customers';
   * const customers = new CustomersService(db);
   * const first = await customers.list({ storeId: 12, search: 'ada', limit: 20 });
   * if (first.nextBefore !== null) await customers.list({ storeId: 12, search: 'ada', limit: 20, before: first.nextBefore });
   * ```
   */
  async list(input: ListCustomersInput): Promise<CustomersPage> {
    const { storeId, search, limit, offset, before } = parseInput(
      listCustomersInputSchema,
      input,
      'customer list request',
    );
    await requireStore(this.#db, storeId);
    const rows = await listQuery(this.#db, { storeId, search, before })
      .selectAll()
      .limit(limit + 1)
      .$if(offset !== undefined, (query) => query.offset(offset!))
      .execute();
    const items = rows.slice(0, limit).map(toCustomer);
    return { items, limit, nextBefore: rows.length > limit ? items.at(-1)!.id : null };
  }

  /**
   * Records one placed order (the {@link CustomerActivityRecorder} other modules get under
   * `customerActivityRecorderRef`): creates the store's customer with this e-mail if there is none
   * (active, no name, `createdAt` the order's time), updates `firstOrderAt` (the earliest recorded),
   * `lastOrderAt` (the latest) and `ordersCount`, and keeps the order's time for the active and
   * returning metrics. Written in `options.transaction` when given, so it commits or rolls back with
   * the order; otherwise in a transaction of its own. A new customer is announced as
   * `customers.created` (`via: 'order'`) on `options.platformId` once that transaction commits, when
   * the service has `events`; `options.transaction` must then come from `inTransaction`.
   *
   * @throws OrionError `ORION_ERR_VALIDATION` for a malformed store id, e-mail or time;
   *   `ORION_ERR_NOT_FOUND` when the store does not exist.
   * @example
   * ```ts
   * import { CustomersService } from '@orion/customers';
   * const recorded = await new CustomersService(db).recordOrder({ storeId: 12, email: 'ada@example.com', placedAt: '2026-11-22T10:00:00Z' });
   * recorded.ordersCount; // 1 for a first order
   * ```
   */
  async recordOrder(
    activity: CustomerOrderActivity,
    options: RecordCustomerOrderOptions = {},
  ): Promise<RecordedCustomerOrder> {
    const { storeId, email, placedAt } = parseInput(customerOrderActivitySchema, activity, 'customer order');
    const db = (options.transaction as Kysely<CustomersDatabase> | undefined) ?? this.#db;
    return inTransaction(db, async (trx) => {
      await requireStore(trx, storeId);
      const inserted = await trx
        .insertInto('customers')
        .values({
          store_id: storeId,
          email,
          first_name: null,
          last_name: null,
          name_key: '',
          phone: null,
          locale: null,
          is_active: true,
          first_order_at: placedAt,
          last_order_at: placedAt,
          orders_count: 1,
          created_at: placedAt,
          updated_at: nowTimestamp(),
        })
        .onConflict((conflict) => conflict.columns(['store_id', 'email']).doNothing())
        .returning(['id', 'orders_count'])
        .executeTakeFirst();
      const customer = inserted ?? (await recordFurtherOrder(trx, storeId, email, placedAt));
      await trx
        .insertInto('customer_order_activity')
        .values({ store_id: storeId, customer_id: customer.id, placed_at: placedAt })
        .execute();
      if (inserted)
        this.#publishCreated({ customerId: inserted.id, storeId, email, via: 'order' }, options.platformId, trx);
      return { customerId: customer.id, created: inserted !== undefined, ordersCount: toNumber(customer.orders_count) };
    });
  }
}

/** Another order of a customer the store has: the earliest and latest order times and the count. */
async function recordFurtherOrder(
  trx: Transaction<CustomersDatabase>,
  storeId: number,
  email: string,
  placedAt: string,
) {
  const first = sql.ref<string>('first_order_at');
  const last = sql.ref<string>('last_order_at');
  return trx
    .updateTable('customers')
    .set({
      first_order_at: sql<string>`case when ${first} is null or ${first} > ${placedAt} then ${placedAt} else ${first} end`,
      last_order_at: sql<string>`case when ${last} is null or ${last} < ${placedAt} then ${placedAt} else ${last} end`,
      orders_count: sql<number>`${sql.ref('orders_count')} + 1`,
      updated_at: nowTimestamp(),
    })
    .where('store_id', '=', storeId)
    .where('email', '=', email)
    .returning(['id', 'orders_count'])
    .executeTakeFirstOrThrow();
}

/**
 * The customers of a list request, newest first, before paging: the store's, matching `search`,
 * below `before`. Ordered by `(store_id, id)` (one store, so by id) to walk `customers_store_id_idx`
 * backwards, where PostgreSQL would otherwise filter the primary key for the store.
 */
export function listQuery(
  db: Kysely<CustomersDatabase>,
  input: { storeId: number; search?: string | undefined; before?: number | undefined },
) {
  const { storeId, search, before } = input;
  return db
    .selectFrom('customers')
    .where('store_id', '=', storeId)
    .$if(search !== undefined, (query) =>
      query.where((eb) =>
        eb.or([
          eb.and([eb('email', '>=', search!), eb('email', '<', search! + highestCharacter)]),
          eb.and([eb('name_key', '>=', search!), eb('name_key', '<', search! + highestCharacter)]),
        ]),
      ),
    )
    .$if(before !== undefined, (query) => query.where('id', '<', before!))
    .orderBy('store_id', 'desc')
    .orderBy('id', 'desc');
}

async function findCustomer(db: Kysely<CustomersDatabase>, id: number, storeId: number | undefined) {
  const row = await db
    .selectFrom('customers')
    .selectAll()
    .where('id', '=', id)
    .$if(storeId !== undefined, (query) => query.where('store_id', '=', storeId!))
    .executeTakeFirst();
  if (!row) throw customersErrors.create('CUSTOMERS_ERR_CUSTOMER_NOT_FOUND', { customerId: id });
  return row;
}

async function emailTakenOnUniqueViolation<T>(email: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw customersErrors.create('CUSTOMERS_ERR_EMAIL_TAKEN', { email });
    throw error;
  }
}
