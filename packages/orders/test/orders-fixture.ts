/**
 * Generates orders for the differential tests and keeps a plain copy of every one, so the tests
 * can compute the expected metrics in TypeScript without SQL. Most orders go in with multi-row
 * inserts; some through {@link OrdersService}, with status changes along the life cycle.
 */
import type { Kysely } from 'kysely';
import type { Random } from '../../../test/support/random.js';
import type { TenancyFixture } from '../../../test/support/tenancy-fixture.js';
import { OrdersService, type OrdersDatabase, type OrderStatus } from '../src/index.js';

export const statuses: OrderStatus[] = ['pending', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded'];
export const currencies = ['EUR', 'USD', 'JPY'] as const;

/** What the test knows about an order: enough to compute every metric. */
export interface SeededOrder {
  storeId: number;
  status: OrderStatus;
  currency: string;
  totalAmount: number;
  /** Milliseconds since the epoch. */
  createdAt: number;
  via: 'insert' | 'service';
}

/** The dashboard window the data is built around. */
export interface TestWindow {
  dateFrom: Date;
  dateTo: Date;
}

/** The moments on the window edges: each belongs to exactly the window its name says. */
export function edgeMoments({ dateFrom, dateTo }: TestWindow) {
  const from = dateFrom.getTime();
  const to = dateTo.getTime();
  const previousFrom = from - (to - from);
  return {
    atFrom: from, // in W
    justBeforeTo: to - 1, // in W
    atTo: to, // in neither
    justBeforeFrom: from - 1, // in P
    atPreviousFrom: previousFrom, // in P
    justBeforePreviousFrom: previousFrom - 1, // in neither
  };
}

/** A path through the life cycle from pending to each status. */
const pathTo: Record<OrderStatus, OrderStatus[]> = {
  pending: [],
  paid: ['paid'],
  shipped: ['paid', 'shipped'],
  delivered: ['paid', 'shipped', 'delivered'],
  cancelled: ['cancelled'],
  refunded: ['paid', 'shipped', 'refunded'],
};

function items(random: Random, currency: string) {
  const count = random.int(1, 3);
  return Array.from({ length: count }, (_, line) => ({
    sku: `SKU-${line}-${random.int(1, 50)}`,
    quantity: random.int(1, 5),
    unitPrice: random.chance(0.05) ? 0 : currency === 'JPY' ? random.int(1, 30_000) : random.int(1, 25_000),
  }));
}

/**
 * Seeds orders for every store of `tenancy`:
 * - the first store (on every platform) gets 2,600 orders, most of them in the window, plus one
 *   order of each status and currency on each window edge;
 * - the other stores 0 to 60 random orders, with edge moments mixed in; one store gets none, one
 *   only previous-window USD revenue;
 * - a few stores get orders through the service, moved along the life cycle to every status;
 * - now and then an order with a total of hundreds of millions in major units, so sums need `bigint`.
 */
export async function seedOrders(
  db: Kysely<OrdersDatabase>,
  random: Random,
  tenancy: TenancyFixture,
  window: TestWindow,
): Promise<{ orders: SeededOrder[]; bigStore: number; emptyStore: number; previousOnlyStore: number }> {
  const edges = Object.values(edgeMoments(window));
  const from = window.dateFrom.getTime();
  const to = window.dateTo.getTime();
  const span = to - from;
  const day = 86_400_000;
  /** Anywhere from well before the previous window to after the window, edges included. */
  const anyMoment = (inWindowBias: number) => {
    if (random.chance(0.08)) return random.pick(edges);
    if (random.chance(inWindowBias)) return from + Math.floor(random.next() * span);
    return from - span - 20 * day + Math.floor(random.next() * (2 * span + 30 * day));
  };

  // The first store is on every platform; the empty and previous-only stores are on at least one.
  const bigStore = tenancy.stores[0]!.id;
  const onPlatforms = tenancy.stores
    .map((store) => store.id)
    .filter((id) => id !== bigStore && tenancy.storePlatform(id) !== undefined);
  const emptyStore = onPlatforms[0]!;
  const previousOnlyStore = onPlatforms[1]!;
  const others = tenancy.stores
    .map((store) => store.id)
    .filter((id) => id !== bigStore && id !== emptyStore && id !== previousOnlyStore);
  const rows: (SeededOrder & { items: ReturnType<typeof items> })[] = [];
  const add = (
    storeId: number,
    createdAt: number,
    status = random.pick(statuses),
    currency: string = random.pick(currencies),
  ) => {
    const lines = items(random, currency);
    if (random.chance(0.01))
      lines.push({ sku: 'BULK', quantity: random.int(1, 3), unitPrice: random.int(10 ** 9, 10 ** 11) });
    const totalAmount = lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
    rows.push({ storeId, status, currency, totalAmount, createdAt, via: 'insert', items: lines });
  };

  for (let i = 0; i < 2_600; i++) add(bigStore, anyMoment(0.75));
  for (const moment of edges)
    for (const status of statuses) for (const currency of currencies) add(bigStore, moment, status, currency);
  // Revenue in USD only in the previous window (and a cancelled USD order in the window).
  add(previousOnlyStore, from - day, 'paid', 'USD');
  add(previousOnlyStore, from - 2 * day, 'delivered', 'USD');
  add(previousOnlyStore, from + day, 'cancelled', 'USD');
  add(previousOnlyStore, from + day, 'shipped', 'EUR');
  for (const storeId of others) {
    for (let i = random.int(0, 60); i > 0; i--) add(storeId, anyMoment(0.4));
  }

  const seeded: SeededOrder[] = [];
  const batch = 400;
  for (let start = 0; start < rows.length; start += batch) {
    const chunk = rows.slice(start, start + batch);
    const inserted = await db
      .insertInto('orders')
      .values(
        chunk.map((row, index) => ({
          store_id: row.storeId,
          order_number: `B-${start + index}`,
          customer_email: `customer-${(start + index) % 97}@example.com`,
          status: row.status,
          currency: row.currency,
          total_amount: row.totalAmount,
          created_at: new Date(row.createdAt).toISOString(),
        })),
      )
      .returning(['id', 'order_number'])
      .execute();
    const idOf = new Map(inserted.map((row) => [row.order_number, Number(row.id)]));
    await db
      .insertInto('order_items')
      .values(
        chunk.flatMap((row, index) =>
          row.items.map((line) => ({
            order_id: idOf.get(`B-${start + index}`)!,
            sku: line.sku,
            quantity: line.quantity,
            unit_price: line.unitPrice,
          })),
        ),
      )
      .execute();
    seeded.push(...chunk.map(({ items: _items, ...order }) => order));
  }

  // Rows written in SQL: the database's triggers keep the dashboards' totals rows, no rebuild.
  const service = new OrdersService(db);

  // Through the service: the same rules must hold for orders placed and progressed the real way.
  for (const storeId of [bigStore, ...others.slice(0, 4)]) {
    for (let i = 0; i < 12; i++) {
      const currency = random.pick(currencies);
      const placed = await service.placeOrder({
        storeId,
        customerEmail: `service-${i}@example.com`,
        currency,
        items: items(random, currency),
        createdAt: new Date(anyMoment(0.5)).toISOString(),
      });
      const status = statuses[i % statuses.length]!;
      for (const step of pathTo[status]) await service.changeStatus(placed.id, step);
      seeded.push({
        storeId,
        status,
        currency,
        totalAmount: placed.totalAmount,
        createdAt: new Date(placed.createdAt).getTime(),
        via: 'service',
      });
    }
  }
  return { orders: seeded, bigStore, emptyStore, previousOnlyStore };
}
